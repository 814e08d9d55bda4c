#!/usr/bin/env node
// `ballast optimize` measured by building: every fixture in fixtures/dockerfiles/<app> (except example)
// is rewritten, then the original and the rewrite are built with the real engine (BuildKit through the
// engine API, `--network host` for apt and npm): a cold build without the layer cache, then a rebuild
// after a comment is appended to one source file. Prints the README table (markdown) and writes JSON
// (.bench-tmp-optimize.json).
//
//   npm run build && node bench/optimize.mjs [app ...]      (BALLAST_DIST=<dir> to use another build)
//
// Needs: a Docker engine, the local base image debian:bookworm (scripts/engine-setup.sh with
// BALLAST_DEBIAN=1); debian:bookworm-slim is made here from it when missing (src/optimize/local-bases.ts).
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = resolve(process.env.BALLAST_DIST ?? join(root, 'dist'));
const load = (...p) => import(pathToFileURL(join(dist, ...p)).href);
if (!existsSync(join(dist, 'optimize', 'index.js'))) {
  console.error(`build first: npm run build (looked in ${dist})`);
  process.exit(2);
}
const { optimizeText } = await load('optimize', 'index.js');
const { median } = { median: (a) => { const s = [...a].sort((x, y) => x - y); return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2; } };
const { dirContext, verifyRewrite, ensureImageFromText } = await load('cli', 'commands', 'optimize.js');
const { formatSize, formatSeconds, reduction } = await load('optimize', 'contract.js');
const { DEBIAN_SLIM_DOCKERFILE, DEBIAN_SLIM_TAG } = await load('optimize', 'local-bases.js');

/** The command each fixture's output is compared with (run in a container of both images). */
export const VERIFY = {
  'go-api': 'hello-api --selftest',
  'rust-cli': './target/release/wordcount one two three',
  'node-web': 'node dist/server.js --selftest',
  'python-web': '/opt/venv/bin/greeter --selftest',
  'python-cext': '/opt/venv/bin/python -m fastsum 100',
  'java-app': 'java -jar app.jar --selftest',
  'c-make': 'cstat 1 2 3 4',
  'static-site': 'cat /var/www/html/about.html',
};

const fixtures = join(root, 'fixtures', 'dockerfiles');
const apps = process.argv.slice(2).length ? process.argv.slice(2) : readdirSync(fixtures).filter((d) => d !== 'example' && existsSync(join(fixtures, d, 'Dockerfile'))).sort();
const env = process.env;
const started = Date.now();
console.error(`base image ${DEBIAN_SLIM_TAG}: ${await ensureImageFromText(env, DEBIAN_SLIM_TAG, DEBIAN_SLIM_DOCKERFILE, 'host')}`);

const rows = [];
for (const app of apps) {
  const dir = join(fixtures, app);
  const text = readFileSync(join(dir, 'Dockerfile'), 'utf8');
  const r = await optimizeText(join(dir, 'Dockerfile'), text, {}, dirContext(dir, 'Dockerfile'));
  const argv = VERIFY[app]?.split(' ');
  const t0 = Date.now();
  try {
    const v = await verifyRewrite({ contextDir: dir, dockerfileName: 'Dockerfile', original: text, rewritten: r.output, dockerignore: r.dockerignore, verifyArgv: argv, network: 'host', tag: app, env, onProgress: (m) => console.error(`${app}: ${m}`) });
    const row = { app, rewrites: r.rewrites.filter((w) => w.applicability !== 'display-only').map((w) => w.id), ...v.measurement, ok: v.ok, failed: v.checks.filter((c) => !c.ok), summary: v.summary, seconds: (Date.now() - t0) / 1000 };
    rows.push(row);
    console.error(`${app}: ${v.summary}${v.ok ? '' : ` CONTRACT BROKEN: ${JSON.stringify(row.failed)}`}`);
  } catch (e) {
    rows.push({ app, error: e.message });
    console.error(`${app}: FAILED ${e.message}`);
  }
}

const ok = rows.filter((r) => !r.error);
const lines = [
  '| fixture | before | after | reduction | cold build before → after | rebuild after a source change before → after | contract |',
  '|---|---:|---:|---:|---:|---:|---|',
  ...rows.map((r) =>
    r.error
      ? `| ${r.app} | | | | | | build failed: ${r.error.split('\n')[0].slice(0, 80)} |`
      : `| ${r.app} | ${formatSize(r.sizeBefore)} | ${formatSize(r.sizeAfter)} | −${reduction(r).toFixed(0)}% | ${formatSeconds(r.coldBefore)} → ${formatSeconds(r.coldAfter)} | ${r.rebuildBefore !== undefined ? `${formatSeconds(r.rebuildBefore)} → ${formatSeconds(r.rebuildAfter)}` : 'n/a'} | ${r.ok ? 'kept' : `broken: ${r.failed.map((c) => c.what).join(', ')}`} |`,
  ),
];
if (ok.length) lines.push('', `Median size reduction: ${median(ok.map((r) => reduction(r))).toFixed(0)}% over ${ok.length} fixtures (total ${((Date.now() - started) / 60000).toFixed(1)} min on this machine).`);
console.log(lines.join('\n'));
writeFileSync(join(root, '.bench-tmp-optimize.json'), JSON.stringify({ date: new Date().toISOString(), rows }, null, 2));
process.exit(rows.some((r) => r.error || !r.ok) ? 1 : 0);
