import { chmodSync, existsSync, mkdirSync, readFileSync, realpathSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import type { Applicability, LintResult } from '../../core/diagnostic.js';
import { ruleDocsUrl } from '../../core/links.js';
import type { RuleMeta } from '../../core/rule-meta.js';
import { atOrAbove, parseFailOn, type FailOn } from '../../core/severity.js';
import { DEFAULT_CONFIG, isFindingCode, type LintConfig, type Preset, type RuleSetting } from '../../engine/config.js';
import { fixText } from '../../engine/fix.js';
import { lintText } from '../../engine/lint-dockerfile.js';
import { expectManyShellScripts } from '../../dockerfile/shell.js';
import { FORMAT_NAMES, loadFormatter, type FormatName } from '../../formatters/index.js';
import { findRule, rules } from '../../rules/index.js';
import { findConfigFile } from '../config-find.js';
import { fileContext } from '../context.js';
import { expandInputs } from '../files.js';
import { UsageError, useColor, type Io } from '../io.js';
import { TOOL_VERSION } from '../version.js';
import { setNoticeSink } from '../../core/notices.js';
import { cacheKey, LintCache, recordingContext, type CacheDep, type CacheRecord } from '../lint-cache.js';

export interface LintOptions {
  format: string;
  outputFile?: string;
  failOn?: string;
  config?: string;
  enable: string[];
  disable: string[];
  preset?: string;
  color?: boolean;
  quiet?: boolean;
  fix?: boolean;
  unsafeFixes?: boolean;
  diff?: boolean;
  stdinFilename?: string;
  maxWarnings?: string;
  printConfig?: boolean;
  /** Reuse the results of unchanged files (see lint-cache.ts). */
  cache?: boolean;
  cacheLocation?: string;
}


/** Write a file atomically (temporary file in the same directory, then rename), keeping its mode. */
export function writeAtomic(file: string, text: string): void {
  let target = file;
  let mode: number | undefined;
  try {
    // a symlink is written through (it stays a link); a device, FIFO or socket (`-o /dev/null`,
    // `/dev/stdout`) is written to directly, since a rename would put a regular file in its place
    target = realpathSync(file);
    const st = statSync(target);
    if (!st.isFile()) {
      writeFileSync(target, text);
      return;
    }
    mode = st.mode & 0o7777;
  } catch {
    // not there yet (or a dangling link): a new file
    target = file;
    mode = undefined;
  }
  const tmp = join(dirname(target), `.${basename(target)}.ballast-${process.pid}-${Date.now()}.tmp`);
  try {
    writeFileSync(tmp, text, { encoding: 'utf8', flag: 'wx' });
    if (mode !== undefined) chmodSync(tmp, mode);
    renameSync(tmp, target);
  } catch (e) {
    try {
      unlinkSync(tmp);
    } catch {
      // already gone
    }
    throw e;
  }
}

function ruleRef(name: string): string {
  const r = findRule(name);
  if (!r) throw new UsageError(`unknown rule "${name}" (see \`ballast rules\`)`);
  return r.meta.id;
}

/** The configuration for a file, with the command line applied; one object per configuration file. */
async function configFor(file: string, opts: LintOptions, io: Pick<Io, 'cwd' | 'env'>, cache: Map<string, LintConfig>): Promise<LintConfig> {
  const dir = file === '-' ? io.cwd : dirname(file);
  const known = cache.get(`dir:${dir}`);
  if (known) return known;
  const merged = await mergedConfigFor(file, opts, io, cache);
  cache.set(`dir:${dir}`, merged);
  return merged;
}

/** Configuration-file searches already done in this run (keyed by the run's config cache). */
const searchMemos = new WeakMap<Map<string, LintConfig>, Map<string, string | null>>();

async function mergedConfigFor(file: string, opts: LintOptions, io: Pick<Io, 'cwd' | 'env'>, cache: Map<string, LintConfig>): Promise<LintConfig> {
  let base: LintConfig;
  if (opts.config) {
    const key = `explicit:${opts.config}`;
    base = cache.get(key) ?? (await loadConfig(resolve(io.cwd, opts.config)));
    cache.set(key, base);
  } else {
    let memo = searchMemos.get(cache);
    if (!memo) searchMemos.set(cache, (memo = new Map()));
    const found = findConfigFile(file === '-' ? io.cwd : dirname(file), io.env, memo);
    if (found) {
      base = cache.get(found.file) ?? (await loadConfig(found.file, found.kind));
      cache.set(found.file, base);
    } else base = DEFAULT_CONFIG;
  }
  const ruleOverrides: Record<string, RuleSetting> = { ...base.rules };
  for (const e of opts.enable) {
    const id = ruleRef(e);
    const r = findRule(id)!;
    ruleOverrides[id] = { ...ruleOverrides[id], severity: (ruleOverrides[id]?.severity !== 'off' && ruleOverrides[id]?.severity) || r.meta.severity };
  }
  for (const d of opts.disable) ruleOverrides[isFindingCode(d) ? d.toUpperCase() : ruleRef(d)] = { severity: 'off' };
  let failOn: FailOn = base.failOn;
  if (opts.failOn) {
    const f = parseFailOn(opts.failOn);
    if (!f) throw new UsageError(`--fail-on must be one of info, warn, error, none (got "${opts.failOn}")`);
    failOn = f;
  }
  let preset = base.preset;
  if (opts.preset) {
    if (!['recommended', 'strict', 'all', 'none'].includes(opts.preset)) throw new UsageError(`--preset must be one of recommended, strict, all, none`);
    preset = opts.preset as Preset;
  }
  const key = `merged:${base.source ?? 'default'}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const merged = { ...base, rules: ruleOverrides, failOn, preset };
  cache.set(key, merged);
  return merged;
}

async function loadConfig(file: string, kind?: 'ballast' | 'hadolint'): Promise<LintConfig> {
  if (!existsSync(file)) throw new UsageError(`${file}: configuration file not found`);
  const { loadConfigFile } = await import('../config-file.js');
  return loadConfigFile(file, rules, kind);
}

export interface FileOutcome {
  readonly result?: LintResult;
  readonly failOn?: FailOn;
  /** A message for stderr: the file could not be linted (exit code 2). */
  readonly error?: string;
  /** With --cache, from a lint worker: the key and context reads for the main thread to store. */
  readonly cache?: CacheRecord;
}

/** The file matches one of the config's `ignore` globs (picomatch is loaded only when there are some). */
async function ignoredBy(file: string, globs: readonly string[]): Promise<boolean> {
  const { default: picomatch } = await import('picomatch');
  return picomatch.isMatch(file, globs as string[], { dot: true });
}

/**
 * Read a file (or stdin, `-`) and find its configuration: what linting it needs, or its final outcome
 * (unreadable, ignored, binary). Stdin is reported as `--stdin-filename` and configured from there.
 */
async function prepare(
  f: string,
  opts: LintOptions,
  io: Pick<Io, 'cwd' | 'env'> & Partial<Pick<Io, 'readStdin'>>,
  cache: Map<string, LintConfig>,
): Promise<{ path: string; text: string; config: LintConfig } | FileOutcome> {
  const stdin = f === '-';
  const path = !stdin ? f : resolve(io.cwd, opts.stdinFilename ?? '<stdin>');
  const shown = relative(io.cwd, path) || path;
  let text: string;
  try {
    text = stdin ? await io.readStdin!() : readFileSync(f, 'utf8');
  } catch (e) {
    return { error: `${shown}: cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` };
  }
  const config = await configFor(stdin && !opts.stdinFilename ? '-' : path, opts, io, cache);
  if (!stdin && config.ignore.length && (await ignoredBy(path, config.ignore))) return {};
  if (text.includes('\u0000')) return { error: `${shown}: looks like a binary file, not a Dockerfile` };
  return { path, text, config };
}

/**
 * Lint one file from disk (no fixing): what the main thread and the lint workers both do. With
 * --cache, an unchanged file's cached result is used when `lintCache` is given; a fresh result is
 * stored there, or (on a worker, without one) returned with its cache record.
 */
export async function lintFile(f: string, opts: LintOptions, io: Pick<Io, 'cwd' | 'env'>, cache: Map<string, LintConfig>, lintCache?: LintCache): Promise<FileOutcome> {
  const p = await prepare(f, opts, io, cache);
  if (!('text' in p)) return p;
  const { text, config } = p;
  const context = fileContext(f);
  if (!opts.cache) return { result: await lintText(f, text, { rules, config, context }), failOn: config.failOn };
  const key = cacheKey(text, config, io.env);
  const hit = lintCache?.lookup(f, key, context, text);
  if (hit) return hit;
  const deps: CacheDep[] = [];
  const result = await lintText(f, text, { rules, config, context: recordingContext(context, deps) });
  if (!lintCache) return { result, failOn: config.failOn, cache: { key, deps } };
  lintCache.store(f, { key, deps }, result, config.failOn);
  return { result, failOn: config.failOn };
}

/** With --cache: the cached outcome of a file (or its final outcome), undefined when it must be linted. */
async function cachedOutcome(f: string, opts: LintOptions, io: Pick<Io, 'cwd' | 'env'>, cache: Map<string, LintConfig>, lintCache: LintCache): Promise<FileOutcome | undefined> {
  const p = await prepare(f, opts, io, cache);
  if (!('text' in p)) return p;
  return lintCache.lookup(f, cacheKey(p.text, p.config, io.env), fileContext(f), p.text);
}

/** `--cache-location` (a file, or a directory to put `.ballastcache` in); `.ballastcache` in the working directory by default. */
function cacheFileOf(opts: LintOptions, io: Io): string {
  const p = resolve(io.cwd, opts.cacheLocation ?? '.ballastcache');
  try {
    if (statSync(p).isDirectory()) return join(p, '.ballastcache');
  } catch {
    // not there yet: a file
  }
  return p;
}

/** Files per extra thread below which starting one costs more than it saves. */
const FILES_PER_WORKER = 24;
/** Files to lint from which the shell parser's runtime is worth optimising (see expectManyShellScripts). */
const MANY_FILES = 64;
/** Files handed to a worker at a time: small, so threads finish together. */
const BATCH = 4;

/**
 * Lint files on this thread and `helpers` worker threads at once. Files are handed out in small
 * batches from one queue (the main thread takes one at a time between batches), so a slow file does
 * not hold a whole share back; outcomes keep the order of `files`.
 */
async function lintInParallel(files: readonly string[], opts: LintOptions, io: Io, cache: Map<string, LintConfig>, helpers: number, many: boolean): Promise<FileOutcome[]> {
  const { Worker } = await import('node:worker_threads');
  const script = io.lintWorker?.script ?? new URL('./lint-worker.js', import.meta.url);
  const out: FileOutcome[] = new Array(files.length);
  const notices = new Set<string>();
  let next = 0;
  const idle: (() => void)[] = [];
  const finished = Array.from(
    { length: helpers },
    () =>
      new Promise<void>((resolveWorker, reject) => {
        const worker = new Worker(script, { workerData: { ...io.lintWorker?.data, opts, cwd: io.cwd, env: io.env, many } });
        let busy = false;
        const feed = () => {
          if (next >= files.length) {
            busy = false;
            worker.postMessage({ done: true });
            return;
          }
          const start = next;
          next = Math.min(files.length, next + BATCH);
          busy = true;
          worker.postMessage({ start, files: files.slice(start, next) });
        };
        worker.on('message', (m: { start?: number; outcomes?: FileOutcome[]; notices?: string[] }) => {
          if (m.outcomes) m.outcomes.forEach((o, k) => (out[m.start! + k] = o));
          for (const n of m.notices ?? []) notices.add(n);
          if (m.notices === undefined) feed();
        });
        // a worker still starting when the queue runs dry is not waited for
        idle.push(() => {
          if (!busy) void worker.terminate();
        });
        worker.once('error', reject);
        worker.once('exit', (code) => (code === 0 || !busy ? resolveWorker() : reject(new Error(`lint worker exited with code ${code}`))));
      }),
  );
  while (next < files.length) {
    const i = next++;
    out[i] = await lintFile(files[i], opts, io, cache);
    // let the workers' messages in
    await new Promise<void>((r) => setImmediate(r));
  }
  for (const stop of idle) stop();
  await Promise.all(finished);
  for (const n of notices) io.writeErr(`ballast: ${n}\n`);
  return out;
}

export async function lintCommand(operands: string[], opts: LintOptions, io: Io): Promise<number> {
  if (!(FORMAT_NAMES as readonly string[]).includes(opts.format)) {
    throw new UsageError(`unknown format "${opts.format}" (expected ${FORMAT_NAMES.join(', ')})`);
  }
  if (opts.diff && opts.fix) throw new UsageError('--diff shows fixes without writing them; use it instead of --fix, not with it');
  const maxWarnings = opts.maxWarnings !== undefined ? Number(opts.maxWarnings) : undefined;
  if (maxWarnings !== undefined && (!Number.isInteger(maxWarnings) || maxWarnings < 0)) throw new UsageError('--max-warnings must be a non-negative integer');
  const files = await expandInputs(operands, io.cwd);
  const allow = new Set<Applicability>(['safe']);
  if (opts.unsafeFixes) allow.add('unsafe');
  const fixing = opts.fix || opts.diff || opts.unsafeFixes;
  const cache = new Map<string, LintConfig>();
  // one-time messages from rules (e.g. shellcheck is not installed)
  setNoticeSink((m) => io.writeErr(`ballast: ${m}\n`));

  if (opts.printConfig) {
    const cfg = await configFor(files[0] === '-' ? '-' : (files[0] ?? io.cwd), opts, io, cache);
    io.writeOut(JSON.stringify(cfg, null, 2) + '\n');
    return 0;
  }

  const results: LintResult[] = [];
  const failOns: FailOn[] = [];
  const diffs: string[] = [];
  let hadError = false;
  const take = (o: FileOutcome) => {
    if (o.error) {
      io.writeErr(`ballast: ${o.error}\n`);
      hadError = true;
    } else if (o.result) {
      results.push(opts.quiet ? { ...o.result, findings: o.result.findings.filter((x) => x.severity === 'error') } : o.result);
      failOns.push(o.failOn ?? 'warn');
    }
  };
  const lintCache = opts.cache && !fixing ? LintCache.load(cacheFileOf(opts, io), `${TOOL_VERSION}+${io.build ?? 'unbundled'}`) : undefined;
  // with --cache and threads to share the work, unchanged files are answered first (in order) and only
  // the others are handed out; on one thread, lintFile looks each file up as it comes
  let outcomes: (FileOutcome | undefined)[] | undefined;
  let todo: readonly string[] = files;
  if (lintCache && (io.parallelism ?? 1) > 1 && files.length >= 2 * FILES_PER_WORKER && !files.includes('-')) {
    outcomes = [];
    for (const f of files) outcomes.push(await cachedOutcome(f, opts, io, cache, lintCache));
    todo = files.filter((_, i) => outcomes![i] === undefined);
  }
  // many files to lint: let the shell parser optimise itself (with --cache on one thread, how many
  // files changed is known only as they come, and usually few did)
  const many = !fixing && todo.length >= MANY_FILES && (!lintCache || outcomes !== undefined);
  if (many) expectManyShellScripts();
  const helpers = Math.min((io.parallelism ?? 1) - 1, Math.floor(todo.length / FILES_PER_WORKER) - 1);
  if (!fixing && helpers > 0 && !files.includes('-')) {
    const fresh = await lintInParallel(todo, opts, io, cache, helpers, many);
    if (lintCache) fresh.forEach((o, k) => o.cache && o.result && lintCache.store(todo[k], o.cache, o.result, o.failOn ?? 'warn'));
    let k = 0;
    for (const o of outcomes ?? fresh.map(() => undefined)) take(o ?? fresh[k++]);
  } else if (outcomes) {
    for (let i = 0; i < files.length; i++) take(outcomes[i] ?? (await lintFile(files[i], opts, io, cache, lintCache)));
  } else
    for (const f of files) {
      if (f !== '-' && !fixing) {
        take(await lintFile(f, opts, io, cache, lintCache));
        continue;
      }
      const p = await prepare(f, opts, io, cache);
      if (!('text' in p)) {
        take(p);
        continue;
      }
      const { path, text, config } = p;
      const lintOpts = { rules, config, context: f === '-' && !opts.stdinFilename ? undefined : fileContext(path) };
      let result: LintResult;
      if (fixing) {
        const r = await fixText(path, text, lintOpts, allow);
        result = r;
        if (r.output !== text) {
          if (opts.diff || f === '-') {
            if (opts.diff) diffs.push(await unifiedDiff(relative(io.cwd, path) || path, text, r.output));
            else io.writeOut(r.output);
          } else writeAtomic(path, r.output);
        }
      } else result = await lintText(path, text, lintOpts);
      take({ result, failOn: config.failOn });
    }

  if (lintCache) {
    const json = lintCache.serialize();
    if (json !== undefined) {
      try {
        mkdirSync(dirname(lintCache.file), { recursive: true });
        writeAtomic(lintCache.file, json);
      } catch (e) {
        io.writeErr(`ballast: cannot write the cache ${relative(io.cwd, lintCache.file) || lintCache.file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
      }
    }
  }

  const metas = new Map<string, RuleMeta<any, string>>(rules.map((r) => [r.meta.id, r.meta]));
  const machine = opts.format !== 'tty';
  const ctx = {
    cwd: io.cwd,
    color: !machine && !opts.outputFile && useColor(opts.color, io.env, io.stdoutIsTTY),
    rules: metas,
    docsUrl: ruleDocsUrl,
    toolVersion: TOOL_VERSION,
    width: io.stdoutColumns,
    docsText: machine ? (await import('../docs.js')).readRuleDoc : undefined,
  };
  const formatter = await loadFormatter(opts.format as FormatName);
  const report = formatter(results, ctx);
  if (diffs.length) io.writeOut(diffs.join(''));
  if (opts.outputFile) writeAtomic(resolve(io.cwd, opts.outputFile), report);
  else if (!(opts.diff && opts.format === 'tty' && results.every((r) => r.findings.length === 0))) {
    if (!(f0IsStdinFix(files, opts))) io.writeOut(report);
    else io.writeErr(report);
  }

  if (hadError) return 2;
  const failing = results.some((r, k) => r.findings.some((x) => atOrAbove(x.severity, failOns[k])));
  const warnings = results.reduce((n, r) => n + r.findings.filter((x) => x.severity === 'warn').length, 0);
  if (failing) return 1;
  if (maxWarnings !== undefined && warnings > maxWarnings) return 1;
  return 0;
}

/** `ballast lint --fix -` prints the fixed text on stdout, so the report goes to stderr. */
function f0IsStdinFix(files: string[], opts: LintOptions): boolean {
  return files.length === 1 && files[0] === '-' && !!(opts.fix || opts.unsafeFixes) && !opts.diff;
}

async function unifiedDiff(name: string, before: string, after: string): Promise<string> {
  const { createTwoFilesPatch } = await import('diff');
  return createTwoFilesPatch(`a/${name}`, `b/${name}`, before, after, '', '', { context: 3 });
}

export { DEFAULT_CONFIG };
