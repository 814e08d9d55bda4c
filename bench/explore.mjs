#!/usr/bin/env node
// Explorer benchmark: `node bench/explore.mjs` (after `npm run build`).
// Builds a synthetic 200k-file image (docker save layout, written with tar-stream to a temp file),
// analyses it, builds the explorer model, then times each key press from key to frame:
//   - "state": the reducer plus the selectors that make the frame's lines (no Ink),
//   - "frame": the same key through the real App component rendered by Ink (ink-testing-library's
//     fake terminal, no TTY), from stdin.write to the new frame.
// Target: under 50 ms per key. FILES=200000 by default; RUNS repetitions of each key, median and max.
import { createHash } from 'node:crypto';
import { createWriteStream, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { setImmediate } from 'node:timers';
import tarStream from 'tar-stream';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const FILES = Number(process.env.FILES ?? 200_000);
const RUNS = Number(process.env.RUNS ?? 9);
if (!existsSync(join(root, 'dist', 'tui', 'index.js'))) {
  console.error('build first: npm run build');
  process.exit(2);
}
const imp = (p) => import(pathToFileURL(join(root, 'dist', p)).href);
const layersLib = await imp('layers/index.js');
const { buildModel } = await imp('tui/model.js');
const { initialState, reduce } = await imp('tui/state.js');
const { screen } = await imp('tui/selectors.js');
const { App } = await imp('tui/components/App.js');
const { render } = await import('ink-testing-library');
const React = (await import('react')).default;

/** One layer tar in memory: entries are [name, content] (content null for a directory). */
async function layerTar(entries) {
  const pack = tarStream.pack();
  const chunks = [];
  const done = (async () => {
    for await (const c of pack) chunks.push(c);
  })();
  for (const [name, content] of entries) {
    if (content === null) pack.entry({ name, type: 'directory', mode: 0o755, mtime: new Date(0) });
    else pack.entry({ name, size: content.length, mode: 0o644, mtime: new Date(0) }, content);
  }
  pack.finalize();
  await done;
  return Buffer.concat(chunks);
}

/** Layer 0: 60% of the files, layer 1: 30% (some overwrite layer 0), layer 2: 10% and deletes. */
function plan(n) {
  const layers = [[], [], []];
  const dirs = new Set();
  const per = 250;
  const addFile = (li, path, size) => {
    const parts = path.split('/');
    for (let i = 1; i < parts.length; i++) {
      const d = `${parts.slice(0, i).join('/')}/`;
      const key = `${li}:${d}`;
      if (!dirs.has(key)) {
        dirs.add(key);
        layers[li].push([d, null]);
      }
    }
    layers[li].push([path, Buffer.alloc(size, path.length % 251)]);
  };
  const name = (i) => `usr/share/pkg${Math.floor(i / (per * 20))}/mod${Math.floor(i / per) % 20}/file${i}.dat`;
  const n0 = Math.floor(n * 0.6);
  const n1 = Math.floor(n * 0.3);
  for (let i = 0; i < n0; i++) addFile(0, name(i), 16 + (i % 200));
  for (let i = 0; i < n1; i++) addFile(1, i % 10 === 0 ? name(i) : `opt/app/lib${Math.floor(i / (per * 20))}/m${Math.floor(i / per) % 20}/f${i}.js`, 32 + (i % 300));
  for (let i = 0; i < n - n0 - n1; i++) addFile(2, `srv/data/d${Math.floor(i / per)}/x${i}.bin`, 8 + (i % 100));
  for (let i = 0; i < 100; i++) layers[2].push([`opt/app/lib0/m0/.wh.f${i}.js`, Buffer.alloc(0)]);
  return layers;
}

async function writeImage(file) {
  const t0 = performance.now();
  const layers = plan(FILES);
  const tars = [];
  for (const l of layers) tars.push(await layerTar(l));
  const sha = (b) => createHash('sha256').update(b).digest('hex');
  const diffIds = tars.map((t) => `sha256:${sha(t)}`);
  const config = Buffer.from(
    JSON.stringify({
      architecture: 'amd64',
      os: 'linux',
      config: { Cmd: ['/bin/sh'] },
      rootfs: { type: 'layers', diff_ids: diffIds },
      history: [{ created_by: '/bin/sh -c #(nop) ADD file:base in /' }, { created_by: 'RUN /bin/sh -c install-app # buildkit' }, { created_by: 'RUN /bin/sh -c load-data && rm -f old # buildkit' }],
    }),
  );
  const out = tarStream.pack();
  const sink = pipeline(out, createWriteStream(file));
  const entry = (name, buf) => new Promise((res, rej) => out.entry({ name, size: buf.length, mtime: new Date(0) }, buf, (e) => (e ? rej(e) : res())));
  const names = [];
  for (let i = 0; i < tars.length; i++) {
    names.push(`layer${i}/layer.tar`);
    await entry(`layer${i}/layer.tar`, tars[i]);
  }
  await entry(`${sha(config)}.json`, config);
  await entry('manifest.json', Buffer.from(JSON.stringify([{ Config: `${sha(config)}.json`, RepoTags: ['bench:200k'], Layers: names }])));
  out.finalize();
  await sink;
  return { ms: performance.now() - t0, entries: layers.reduce((n, l) => n + l.length, 0), bytes: tars.reduce((n, t) => n + t.length, 0) };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (ms) => `${ms.toFixed(1)} ms`;

const dir = mkdtempSync(join(tmpdir(), 'ballast-bench-explore-'));
try {
  const file = join(dir, 'image.tar');
  const w = await writeImage(file);
  console.log(`synthetic image: ${FILES} files, ${w.entries} tar entries, ${(w.bytes / 1e6).toFixed(0)} MB of layers (written in ${fmt(w.ms)})`);
  let t = performance.now();
  const { analysis, files } = await layersLib.analyzeImageDetailed(`docker-archive:${file}`);
  const readMs = performance.now() - t;
  t = performance.now();
  const model = buildModel(analysis, files, { title: 'bench:200k' });
  const modelMs = performance.now() - t;
  console.log(`read + analyse: ${fmt(readMs)}; build the explorer model: ${fmt(modelMs)}; paths: ${files.paths.size}`);

  const size = { columns: 120, rows: 40 };
  let s = initialState(model, size);
  t = performance.now();
  screen(model, s);
  console.log(`first frame (state + selectors): ${fmt(performance.now() - t)}`);

  // key scripts: [label, setup actions (untimed), timed action]
  const scripts = [
    ['down (files pane)', ['pane.next'], 'cursor.down'],
    ['page down', [], 'cursor.pageDown'],
    ['end (last of ~all rows)', [], 'cursor.end'],
    ['collapse one directory', ['cursor.home'], 'tree.toggle'],
    ['collapse/expand all', [], 'tree.toggleAll'],
    ['next layer (new view)', [], 'layer.next'],
    ['filesystem view toggle', [], 'compare.toggle'],
    ['sort by size toggle', [], 'sort.toggle'],
    ['hide unmodified toggle', [], 'hide.unmodified'],
    ['apply a filter "mod1"', ['filter.edit', { type: 'filter.input', text: 'mod1' }], 'filter.apply'],
  ];
  const rows = [];
  for (const [label, setup, action] of scripts) {
    const times = [];
    for (let r = 0; r < RUNS; r++) {
      for (const a of setup) s = reduce(model, s, typeof a === 'string' ? { type: a } : a);
      const t0 = performance.now();
      s = reduce(model, s, { type: action });
      screen(model, s);
      times.push(performance.now() - t0);
      // undo toggles so every run measures the same change (filter: clear it)
      if (action === 'filter.apply') s = reduce(model, s, { type: 'escape' });
    }
    rows.push([label, median(times), Math.max(...times)]);
  }
  console.log(`\nstate + selectors per key (median / max of ${RUNS}):`);
  for (const [l, m, x] of rows) console.log(`  ${l.padEnd(28)} ${fmt(m).padStart(9)} ${fmt(x).padStart(9)}`);

  // the real component through Ink (fake terminal): key written to stdin → new frame
  const app = render(React.createElement(App, { model, title: 'bench:200k', color: true, columns: size.columns, rows: size.rows }));
  await new Promise((r) => setTimeout(r, 50));
  // [label, key, key that undoes it]: every timed key changes the frame
  const KEYS = [
    ['Tab (pane)', '\t', '\x1b[Z'],
    ['] (next layer, new view)', ']', '['],
    ['c (filesystem view)', 'c', 'c'],
  ];
  const FILE_KEYS = [
    ['down', '\x1b[B', '\x1b[A'],
    ['page down', '\x1b[6~', '\x1b[5~'],
    ['space (collapse one)', ' ', ' '],
    ['e (collapse all)', 'e', 'e'],
    ['s (sort by size)', 's', 's'],
    ['4 (hide unmodified)', '4', '4'],
  ];
  const frame = async (k) => {
    const n = app.frames.length;
    const t0 = performance.now();
    app.stdin.write(k);
    const until = t0 + 5000;
    while (app.frames.length === n && performance.now() < until) await new Promise((res) => setImmediate(res));
    return app.frames.length === n ? NaN : performance.now() - t0;
  };
  const measure = async (list) => {
    for (const [label, k, undo] of list) {
      const times = [];
      for (let r = 0; r < RUNS; r++) {
        times.push(await frame(k));
        await frame(undo);
      }
      console.log(`  ${label.padEnd(28)} ${fmt(median(times)).padStart(9)} ${fmt(Math.max(...times)).padStart(9)}`);
    }
  };
  console.log(`\nInk frame per key (stdin.write → new frame; median / max of ${RUNS}):`);
  await measure(KEYS);
  await frame('\t'); // the file tree
  await frame('c'); // the whole filesystem: every file is a row
  await measure(FILE_KEYS);
  app.unmount();
  const mem = process.memoryUsage();
  console.log(`\nmemory: rss ${(mem.rss / 1e6).toFixed(0)} MB, heap ${(mem.heapUsed / 1e6).toFixed(0)} MB`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
