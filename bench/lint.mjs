#!/usr/bin/env node
// Lint benchmark, one command: `npm run bench` (after `npm run build`).
// Compares, on the same files in the same run:
//   - ballast lint (every rule on) over the whole real-world corpus in one process,
//   - the npm peer dockerfilelint's CLI on the same files (files it crashes on are skipped for it),
//   - a bare dockerfile-ast parse of the same files in one process,
//   - the cold start of `ballast lint one-file` against bare `node -e 0`,
//   - a `--cache` run where no file changed.
// Reports wall times (median of N runs) and the ratios the targets are stated in.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync, mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const corpus = process.env.BALLAST_CORPUS ?? join(root, '..', 'shared', 'corpus', 'real-world');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const require = createRequire(import.meta.url);

if (!existsSync(join(root, 'dist', 'bin', 'ballast.js'))) {
  console.error('build first: npm run build');
  process.exit(2);
}
if (!existsSync(corpus)) {
  console.error(`corpus not found: ${corpus} (set BALLAST_CORPUS)`);
  process.exit(2);
}

const files = [];
for (const d of readdirSync(corpus)) {
  const p = join(corpus, d);
  if (statSync(p).isDirectory()) for (const f of readdirSync(p)) files.push(join(p, f));
}
files.sort();

function time(cmd, args, opts = {}) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 30, ...opts });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  return { ms, status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function bench(name, fn) {
  const times = [];
  let last;
  for (let i = 0; i < RUNS; i++) {
    last = fn();
    times.push(last.ms);
  }
  return { name, ms: median(times), min: Math.min(...times), last };
}

// dockerfilelint crashes on some inputs: find them once, in process, and skip them for it.
const dfl = require('dockerfilelint');
const dflOk = [];
let dflCrashes = 0;
for (const f of files) {
  try {
    dfl.run(dirname(f), readFileSync(f, 'utf8'));
    dflOk.push(f);
  } catch {
    dflCrashes++;
  }
}
const dflBin = join(root, 'node_modules', 'dockerfilelint', 'bin', 'dockerfilelint');

const tmp = mkdtempSync(join(tmpdir(), 'ballast-bench-'));
const parseScript = join(tmp, 'parse.mjs');
writeFileSync(
  parseScript,
  `import { DockerfileParser } from ${JSON.stringify(require.resolve('dockerfile-ast'))};
import { readFileSync } from 'node:fs';
const files = JSON.parse(readFileSync(process.argv[2], 'utf8'));
let n = 0;
for (const f of files) n += DockerfileParser.parse(readFileSync(f, 'utf8')).getInstructions().length;
console.log(n);
`,
);
const listFile = join(tmp, 'files.json');
writeFileSync(listFile, JSON.stringify(files));
const main = join(root, 'dist', 'bin', 'ballast.js');
const one = files.find((f) => f.endsWith('__Dockerfile')) ?? files[0];

// ShellCheck is an external program (run once per file when installed); the in-process rules are
// compared with the peers without it, and the full run is reported beside them.
const noSc = ['--disable', 'shellcheck'];
const cachedLint = () => time(process.execPath, [main, 'lint', '--preset', 'all', ...noSc, '--fail-on', 'none', '-f', 'json', '-o', join(tmp, 'out4.json'), '--cache', '--cache-location', join(tmp, 'lint.cache'), ...files]);
cachedLint();
const results = [
  bench('ballast lint --preset all, in-process rules (one process)', () => time(process.execPath, [main, 'lint', '--preset', 'all', ...noSc, '--fail-on', 'none', '-f', 'json', '-o', join(tmp, 'out.json'), ...files])),
  bench('ballast lint --preset all, in-process rules, one thread (BALLAST_THREADS=1)', () => time(process.execPath, [main, 'lint', '--preset', 'all', ...noSc, '--fail-on', 'none', '-f', 'json', '-o', join(tmp, 'out1.json'), ...files], { env: { ...process.env, BALLAST_THREADS: '1' } })),
  bench(`dockerfilelint CLI (${dflOk.length} files it does not crash on)`, () => time(process.execPath, [dflBin, '-o', 'json', ...dflOk], { cwd: tmp })),
  bench('ballast lint --preset all, in-process rules, on those same files', () => time(process.execPath, [main, 'lint', '--preset', 'all', ...noSc, '--fail-on', 'none', '-f', 'json', '-o', join(tmp, 'out2.json'), ...dflOk])),
  bench('dockerfile-ast parse only (one process)', () => time(process.execPath, [parseScript, listFile])),
  bench('node -e 0', () => time(process.execPath, ['-e', '0'])),
  bench('ballast lint <one file> (cold start)', () => time(process.execPath, [main, 'lint', ...noSc, '--fail-on', 'none', one])),
  // the code cache is written by the first run of a command; this is every run without it
  bench('ballast lint <one file> (cold start, no code cache: a first run)', () => time(process.execPath, [main, 'lint', ...noSc, '--fail-on', 'none', one], { env: { ...process.env, BALLAST_NO_COMPILE_CACHE: '1' } })),
  // --cache: filled by one untimed run first, so every timed run is one where nothing changed
  bench('ballast lint --preset all --cache, nothing changed (one process)', () => cachedLint()),
];
const withSc = process.env.BENCH_SHELLCHECK === '0' ? null : bench('ballast lint --preset all with ShellCheck (one process)', () => time(process.execPath, [main, 'lint', '--preset', 'all', '--fail-on', 'none', '-f', 'json', '-o', join(tmp, 'out3.json'), ...files]));
if (withSc) results.push(withSc);

const report = JSON.parse(readFileSync(join(tmp, 'out.json'), 'utf8'));
console.log(`corpus: ${files.length} files (${corpus}); median of ${RUNS} runs; dockerfilelint crashed on ${dflCrashes} files`);
console.log(`ballast found ${report.summary.findings} findings in ${report.summary.files} files`);
console.log('');
console.log('| measurement | median ms | min ms |');
console.log('|---|---:|---:|');
for (const r of results) console.log(`| ${r.name} | ${r.ms.toFixed(0)} | ${r.min.toFixed(0)} |`);
// in the order of `results` above
const [lintAll, oneThread, dflMs, lintSame, parse, node0, cold, coldFirst, cached] = results.map((r) => r.ms);
console.log('');
console.log(`ballast / bare dockerfile-ast parse: ${(lintAll / parse).toFixed(2)}x (target <= 1.5x); one thread: ${(oneThread / parse).toFixed(2)}x`);
console.log(`ballast / dockerfilelint (same files): ${(lintSame / dflMs).toFixed(2)}x (target <= 2x)`);
console.log(`cold start ballast lint one file / node -e 0: ${(cold / node0).toFixed(2)}x (target <= 2.5x)`);
console.log(`  (a first run, before the code cache exists: ${(coldFirst / node0).toFixed(2)}x)`);
console.log(`--cache with nothing changed / without the cache: ${(cached / lintAll).toFixed(2)}x`);
