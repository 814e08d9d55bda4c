// The `ballast` command's launcher (dist/bin/ballast.js, built by scripts/bundle.mjs). It runs the CLI
// bundle (ballast-core.cjs) through V8's code cache, as Node 22's module compile cache does: the first
// run of each command saves the compiled code under the user's cache directory, later runs skip
// parsing and compiling the bundle's functions (measured: 30-40 ms of a 190 ms cold start).
//
// The cache file's name carries the bundle's content hash, the Node version, the architecture, the V8
// flags and the command, so a stale or foreign file is never offered to V8; V8 checksums the code it
// saves and checks the sum when it loads it (`--verify-snapshot-checksum`), so a damaged file is
// rejected (without the check, one crashed the process); a rejected file is rewritten. Any failure to
// read or write it only means no cache. BALLAST_NO_COMPILE_CACHE=1 (or Node's
// NODE_DISABLE_COMPILE_CACHE=1) turns it off; BALLAST_CACHE_DIR moves it.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { Script } from 'node:vm';
import { isMainThread } from 'node:worker_threads';

/** The content hash of ballast-core.cjs, filled in by the bundler. */
declare const __BALLAST_CORE_HASH__: string;

// A worker thread lints; otherwise the first word that is not an option names the command.
const command = isMainThread ? (process.argv.slice(2).find((a) => !a.startsWith('-')) ?? 'none') : 'lint';

// V8 flags, set before compiling because V8 keys its code cache on them. WebAssembly starts on V8's
// baseline compiler (src/dockerfile/shell.ts lets only the parser runtime tier up). A lint run calls a hundred rules a few times per
// file: on 2 CPUs, V8's optimising compiler spent 1.5 s of a 2 s corpus run compiling on the second
// core (the same functions several times, each with their callees inlined), competing with the
// garbage collector. Without inlining it compiles far less: 1.72-1.78 s against 1.93-2.0 s.
setFlagsFromString('--liftoff-only');
setFlagsFromString('--verify-snapshot-checksum');
if (command === 'lint') setFlagsFromString('--no-turbo-inlining');

const core = fileURLToPath(new URL('./ballast-core.cjs', import.meta.url));
const source = readFileSync(core, 'utf8');
const wrapped = `(function (exports, require, module, __filename, __dirname, __ballastImport, __ballastLauncher, __ballastBuild) {${source}\n})`;
const env = process.env;
const cacheFile = compileCacheFile();
const cached = cacheFile ? readCache(cacheFile) : undefined;
const script = new Script(wrapped, { filename: core, cachedData: cached });
// a cache holds what its run compiled: `--help` or `--version` would leave the command's real work out
const informational = process.argv.slice(2).some((a) => a === '-h' || a === '--help' || a === '-V' || a === '--version');
if (cacheFile && isMainThread && !informational && (cached === undefined || script.cachedDataRejected)) process.once('exit', () => saveCache(cacheFile));
const mod = { exports: {} };
(script.runInThisContext() as (...args: unknown[]) => void)(
  mod.exports,
  createRequire(core),
  mod,
  core,
  dirname(core),
  (specifier: string) => import(specifier),
  import.meta.url,
  __BALLAST_CORE_HASH__,
);

function compileCacheFile(): string | undefined {
  if (truthy(env.BALLAST_NO_COMPILE_CACHE) || truthy(env.NODE_DISABLE_COMPILE_CACHE)) return undefined;
  const dir = env.BALLAST_CACHE_DIR || defaultCacheDir();
  if (!dir) return undefined;
  const flags = fnv1a(JSON.stringify([process.execArgv, env.NODE_OPTIONS ?? '']));
  const name = /^[a-z][a-z-]{0,20}$/.test(command) ? command : 'other';
  return join(dir, `${__BALLAST_CORE_HASH__}-${process.version}-${process.arch}-${flags}-${name}.bin`);
}

function readCache(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined; // no cache yet
  }
}

/** A short hash of a short string, for a file name (node:crypto alone costs 3 ms to load). */
function fnv1a(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(16).padStart(8, '0');
}

/** The user's cache directory, only under a home (or LOCALAPPDATA, XDG_CACHE_HOME) that exists: a HOME pointing nowhere is not created. */
function defaultCacheDir(): string | undefined {
  const home = process.platform === 'win32' ? env.LOCALAPPDATA : env.XDG_CACHE_HOME || homedir();
  if (!home || !existsSync(home)) return undefined;
  if (process.platform === 'win32') return join(home, 'ballast', 'Cache');
  if (env.XDG_CACHE_HOME) return join(home, 'ballast');
  return join(home, process.platform === 'darwin' ? 'Library/Caches' : '.cache', 'ballast');
}

function saveCache(file: string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    const code = script.createCachedData();
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    writeFileSync(tmp, code, { mode: 0o600 });
    renameSync(tmp, file);
  } catch {
    try {
      rmSync(tmp, { force: true });
    } catch {
      // nothing was written
    }
    return;
  }
  pruneCache(dirname(file));
}

/** Files of other versions (or commands) not used for 30 days are removed when a cache is saved. */
function pruneCache(dir: string): void {
  const cutoff = Date.now() - 30 * 24 * 3600 * 1000;
  try {
    for (const name of readdirSync(dir)) {
      if (!name.endsWith('.bin')) continue;
      const path = join(dir, name);
      const st = statSync(path);
      if (Math.max(st.atimeMs, st.mtimeMs) < cutoff) rmSync(path, { force: true });
    }
  } catch {
    // best effort
  }
}

function truthy(v: string | undefined): boolean {
  return v !== undefined && v !== '' && v !== '0' && v !== 'false';
}
