// Layer analyzer benchmark, one command: `node bench/analyze.mjs`.
// Needs the engine and tools from scripts/engine-setup.sh (BALLAST_DEBIAN=1 for the debian base).
// 1. builds a >= 700 MB image (debian + compilers), exports it as a docker archive and as gzip and
//    zstd OCI archives;
// 2. for each archive, times `ballast`'s analysis beside the CLI pipeline that reads the same layers
//    (tar -xO | sha256sum, with gzip -dc or zstd -dc in between), best of RUNS, with peak RSS;
// 3. scale case: a synthetic 6 GB, 200k-file image streamed through standard input.
// Results go to stdout and .bench-tmp/analyze-results.json.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const TMP = join(ROOT, '.bench-tmp');
const DOCKER = '/usr/bin/docker';
const IMAGE = process.env.BENCH_IMAGE ?? 'ballast-bench/toolchain:1';
const RUNS = Number(process.env.BENCH_RUNS ?? 2);
const SCALE = { files: Number(process.env.BENCH_SCALE_FILES ?? 200_000), bytes: Number(process.env.BENCH_SCALE_BYTES ?? 6e9), layers: 10 };
mkdirSync(TMP, { recursive: true });

const sh = (cmd, args, opts = {}) => execFileSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 28, ...opts });
const log = (...a) => console.error('bench:', ...a);

// the library, bundled once so the numbers do not include a TypeScript loader
const bundle = join(TMP, 'layers.mjs');
sh(join(ROOT, 'node_modules/.bin/esbuild'), ['src/layers/index.ts', '--bundle', '--platform=node', '--format=esm', '--packages=external', `--outfile=${bundle}`, '--log-level=warning'], { cwd: ROOT });

function ensureImage() {
  try {
    sh(DOCKER, ['image', 'inspect', IMAGE]);
  } catch {
    log(`building ${IMAGE}`);
    sh(DOCKER, ['build', '--network', 'host', '-q', '-t', IMAGE, join(ROOT, 'bench/images/toolchain')], { env: { ...process.env, DOCKER_BUILDKIT: '1' }, stdio: ['ignore', 'pipe', 'inherit'] });
  }
  return sh(DOCKER, ['image', 'inspect', '-f', '{{.Id}}', IMAGE]).trim();
}

function ensureArchives(id) {
  const stamp = join(TMP, 'archives.id');
  const files = { docker: join(TMP, 'bench-docker.tar'), gzip: join(TMP, 'bench-gzip.tar'), zstd: join(TMP, 'bench-zstd.tar') };
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === id && Object.values(files).every(existsSync)) return files;
  log('exporting archives');
  sh(DOCKER, ['save', '-o', files.docker, IMAGE]);
  for (const c of ['gzip', 'zstd']) sh('skopeo', ['--insecure-policy', 'copy', '-q', '--dest-compress', '--dest-compress-format', c, `docker-archive:${files.docker}`, `oci-archive:${files[c]}`]);
  writeFileSync(stamp, id);
  return files;
}

/** Layer members of an archive, in manifest order. */
function layerMembers(file, kind) {
  if (kind === 'docker') return JSON.parse(sh('tar', ['-xOf', file, 'manifest.json']))[0].Layers;
  const index = JSON.parse(sh('tar', ['-xOf', file, 'index.json']));
  const blob = (d) => `blobs/sha256/${d.slice(7)}`;
  const manifest = JSON.parse(sh('tar', ['-xOf', file, blob(index.manifests[0].digest)]));
  return manifest.layers.map((l) => blob(l.digest));
}

/** Runs a command under /usr/bin/time; returns wall seconds and peak RSS (of the largest process). */
function timed(cmd, args, opts = {}) {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %M %U %S', cmd, ...args], { encoding: 'utf8', maxBuffer: 1 << 28, ...opts });
  if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr}`);
  const [wall, rssKb, user, sys] = r.stderr.trim().split('\n').at(-1).split(' ').map(Number);
  return { wall, rssBytes: rssKb * 1024, cpu: Number((user + sys).toFixed(2)), stdout: r.stdout };
}

function pipeline(file, kind, members) {
  const decompress = kind === 'docker' ? '' : kind === 'gzip' ? 'gzip -dc |' : 'zstd -dc |';
  const quoted = members.map((m) => `'${m}'`).join(' ');
  const script = `set -o pipefail; tar -xOf '${file}' ${quoted} | ${decompress} tar -i -xO | sha256sum`;
  return timed('bash', ['-c', script]);
}

const mb = (n) => `${(n / 1e6).toFixed(0)} MB`;
const results = { image: IMAGE, runs: RUNS, node: process.version, archives: [], scale: null };

const id = ensureImage();
const files = ensureArchives(id);
let reference = null;
for (const kind of ['docker', 'gzip', 'zstd']) {
  const file = files[kind];
  const members = layerMembers(file, kind);
  const ref = `${kind === 'docker' ? 'docker-archive' : 'oci-archive'}:${file}`;
  let best = null;
  let bestPipe = null;
  for (let i = 0; i < RUNS; i++) {
    const p = pipeline(file, kind, members);
    const ours = timed(process.execPath, [join(ROOT, 'bench/helpers/analyze-one.mjs'), bundle, ref]);
    const summary = JSON.parse(ours.stdout);
    if (!bestPipe || p.wall < bestPipe.wall) bestPipe = p;
    if (!best || ours.wall < best.wall) best = { ...ours, summary };
  }
  reference ??= best.summary;
  const same = JSON.stringify(best.summary.diffIds) === JSON.stringify(reference.diffIds) && best.summary.wastedBytes === reference.wastedBytes;
  const row = {
    kind,
    archiveBytes: Number(sh('stat', ['-c', '%s', file]).trim()),
    layers: members.length,
    uncompressedBytes: best.summary.totalBytes,
    files: best.summary.finalFileCount,
    ballastSeconds: best.wall,
    pipelineSeconds: bestPipe.wall,
    ratio: Number((best.wall / bestPipe.wall).toFixed(2)),
    ballastCpuSeconds: best.cpu,
    pipelineCpuSeconds: bestPipe.cpu,
    loadAverage: os.loadavg().map((x) => Number(x.toFixed(1))),
    ballastPeakRssBytes: best.rssBytes,
    sameNumbersAsDockerArchive: same,
  };
  results.archives.push(row);
  log(`${kind}: archive ${mb(row.archiveBytes)}, ${row.layers} layers, ${mb(row.uncompressedBytes)} of files; ballast ${row.ballastSeconds}s vs pipeline ${row.pipelineSeconds}s (x${row.ratio}; CPU ${row.ballastCpuSeconds}s vs ${row.pipelineCpuSeconds}s; load ${row.loadAverage[0]}), peak RSS ${mb(row.ballastPeakRssBytes)}, same numbers: ${same}`);
}

if (process.env.BENCH_SKIP_SCALE !== '1') {
  log(`scale: synthetic ${SCALE.files} files, ${mb(SCALE.bytes)}, ${SCALE.layers} layers through stdin`);
  const gen = `node '${join(ROOT, 'bench/helpers/synthetic-image.mjs')}' ${SCALE.files} ${SCALE.bytes} ${SCALE.layers}`;
  const ours = timed('bash', ['-c', `set -o pipefail; ${gen} | /usr/bin/time -f '%e %M' -o '${join(TMP, 'scale.time')}' '${process.execPath}' '${join(ROOT, 'bench/helpers/analyze-one.mjs')}' '${bundle}' -`]);
  const [wall, rssKb] = readFileSync(join(TMP, 'scale.time'), 'utf8').trim().split('\n').at(-1).split(' ').map(Number);
  const s = JSON.parse(ours.stdout);
  results.scale = { loadAverage: os.loadavg().map((x) => Number(x.toFixed(1))), files: SCALE.files, bytes: s.totalBytes, layers: s.layers, finalFiles: s.finalFileCount, wastedBytes: s.wastedBytes, seconds: wall, peakRssBytes: rssKb * 1024 };
  log(`scale: ${mb(s.totalBytes)} in ${s.layers} layers, ${s.finalFileCount} final files: ${wall}s, peak RSS ${mb(rssKb * 1024)}`);
}
writeFileSync(join(TMP, 'analyze-results.json'), JSON.stringify(results, null, 2));
console.log(JSON.stringify(results, null, 2));
