// `ballast lint --cache`: results of files that have not changed are reused, as ESLint's --cache does.
// An entry is used only when the file's content, the configuration that applies to it and the build
// (ballast's version and bundle) are the same as when it was made, and every file of the build context
// the rules looked at (.dockerignore, manifests, COPY sources: recorded while linting) is as it was.
// The cache is one JSON file, written atomically at the end of the run; a cache that cannot be read
// or understood is started afresh, one that cannot be written is reported, and neither stops the lint.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { platform } from 'node:os';
import { delimiter, isAbsolute, join } from 'node:path';
import type { LintResult } from '../core/diagnostic.js';
import type { FailOn } from '../core/severity.js';
import type { BuildContext } from '../dockerfile/source.js';
import type { LintConfig } from '../engine/config.js';

/** One look at the build context: whether a path exists, or the hash of what reading it gave. */
export type CacheDep = readonly [path: string, kind: 'exists', value: boolean] | readonly [path: string, kind: 'read', value: string | null];

/** What a lint of one file made, for the cache: its key and the context it read. */
export interface CacheRecord {
  readonly key: string;
  readonly deps: readonly CacheDep[];
}

interface Entry {
  readonly key: string;
  readonly deps: readonly CacheDep[];
  readonly failOn: FailOn;
  /** The result without its source text (the file itself has it). */
  readonly result: Omit<LintResult, 'source'>;
}

interface CacheFile {
  readonly format: typeof FORMAT;
  readonly build: string;
  readonly entries: Record<string, Entry>;
}

const FORMAT = 'ballast-lint-cache/1';
const MAX_CACHE_BYTES = 512 * 1024 * 1024;

// node:crypto is loaded only by a run with --cache (it costs a few milliseconds to load)
let crypto: typeof import('node:crypto') | undefined;
const hash = (s: string): string => (crypto ??= createRequire(import.meta.url)('node:crypto') as typeof import('node:crypto')).createHash('sha256').update(s).digest('hex').slice(0, 32);

const configHashes = new WeakMap<LintConfig, string>();

/** The key of one file's lint: its text, the configuration that applies to it, and the ShellCheck binary when that rule runs. */
export function cacheKey(text: string, config: LintConfig, env: Readonly<Record<string, string | undefined>>): string {
  let c = configHashes.get(config);
  if (c === undefined) {
    c = hash(JSON.stringify(config) + shellCheckIdentity(config, env));
    configHashes.set(config, c);
  }
  return `${hash(text)}:${c}`;
}

const binaries = new Map<string, string>();

/** Which shellcheck binary (path, size, time) the rule would run, so that an upgrade invalidates entries. */
function shellCheckIdentity(config: LintConfig, env: Readonly<Record<string, string | undefined>>): string {
  const setting = config.rules.shellcheck ?? config.rules.DF190;
  if (setting?.severity === 'off') return '';
  const name = typeof setting?.options?.path === 'string' ? setting.options.path : 'shellcheck';
  let id = binaries.get(name);
  if (id === undefined) {
    id = 'missing';
    const names = platform() === 'win32' && !/\.exe$/i.test(name) ? [name, `${name}.exe`] : [name];
    const dirs = isAbsolute(name) || /[\\/]/.test(name) ? [''] : (env.PATH ?? env.Path ?? '').split(delimiter).filter(Boolean);
    const candidates = dirs.flatMap((d) => names.map((n) => (d ? join(d, n) : n)));
    for (const p of candidates) {
      try {
        const st = statSync(p);
        if (st.isFile()) {
          id = `${p}:${st.size}:${st.mtimeMs}`;
          break;
        }
      } catch {
        // not here
      }
    }
    binaries.set(name, id);
  }
  return id;
}

/** Wrap a build context so that every look the rules take at it is recorded. */
export function recordingContext(context: BuildContext, deps: CacheDep[]): BuildContext {
  return {
    dir: context.dir,
    dockerfileName: context.dockerfileName,
    readFile(p) {
      const v = context.readFile(p);
      deps.push([p, 'read', v === undefined ? null : hash(v)]);
      return v;
    },
    exists(p) {
      const v = context.exists(p);
      deps.push([p, 'exists', v]);
      return v;
    },
  };
}

export class LintCache {
  private readonly entries: Record<string, Entry>;
  private changed = false;

  private constructor(
    readonly file: string,
    private readonly build: string,
    entries: Record<string, Entry>,
  ) {
    this.entries = entries;
  }

  /** The cache at `file` for this build; empty when there is none, it is damaged, or another build wrote it. */
  static load(file: string, build: string): LintCache {
    let entries: Record<string, Entry> = {};
    try {
      // about 10 KB per file: anything this large is not a cache of ours
      if (statSync(file).size > MAX_CACHE_BYTES) throw new Error('too large');
      const data = JSON.parse(readFileSync(file, 'utf8')) as Partial<CacheFile>;
      if (data && data.format === FORMAT && data.build === build && data.entries && typeof data.entries === 'object') entries = data.entries;
    } catch {
      // no cache yet, or not one of ours
    }
    return new LintCache(file, build, Object.assign(Object.create(null) as Record<string, Entry>, entries));
  }

  /** The cached outcome of `path`, when its key matches and the context it read has not changed. */
  lookup(path: string, key: string, context: BuildContext, text: string): { result: LintResult; failOn: FailOn } | undefined {
    const e = this.entries[path];
    // a hand-edited or foreign file must not crash the report: the shape is checked before use
    if (!e || typeof e !== 'object' || e.key !== key || !Array.isArray(e.deps) || !wellFormed(e)) return undefined;
    for (const d of e.deps) {
      if (!Array.isArray(d)) return undefined;
      const [p, kind, value] = d;
      if (kind === 'exists') {
        if (context.exists(p) !== value) return undefined;
      } else {
        const v = context.readFile(p);
        if ((v === undefined ? null : hash(v)) !== value) return undefined;
      }
    }
    return { result: { ...e.result, source: text } as LintResult, failOn: e.failOn };
  }

  store(path: string, record: CacheRecord, result: LintResult, failOn: FailOn): void {
    const { source: _source, ...rest } = result;
    this.entries[path] = { key: record.key, deps: dedupe(record.deps), failOn, result: rest };
    this.changed = true;
  }

  /**
   * The JSON to write, or undefined when no entry changed (a run that only read the cache writes
   * nothing and checks nothing more). Entries of files that no longer exist are dropped when it is written.
   */
  serialize(): string | undefined {
    if (!this.changed) return undefined;
    for (const p of Object.keys(this.entries)) if (!existsSync(p)) delete this.entries[p];
    const data: CacheFile = { format: FORMAT, build: this.build, entries: this.entries };
    return JSON.stringify(data);
  }
}

const FAIL_ON = new Set(['info', 'warn', 'error', 'none']);
const SEVERITIES = new Set(['info', 'warn', 'error']);

/** The parts of an entry the report reads: findings with a severity, ids, a message and a location. */
function wellFormed(e: Entry): boolean {
  const r = e.result as Partial<LintResult> | null;
  if (!FAIL_ON.has(e.failOn) || !r || typeof r !== 'object' || !Array.isArray(r.findings) || typeof r.suppressed !== 'number') return false;
  if (!r.subject || typeof r.subject !== 'object') return false;
  return r.findings.every(
    (f) =>
      isObject(f) &&
      typeof f.ruleId === 'string' &&
      typeof f.code === 'string' &&
      typeof f.message === 'string' &&
      Array.isArray(f.aliases) &&
      SEVERITIES.has(f.severity) &&
      sourceLocation(f.location) &&
      (f.related === undefined || (Array.isArray(f.related) && f.related.every((x) => isObject(x) && typeof x.message === 'string' && sourceLocation(x.location)))) &&
      (f.fix === undefined || fixShape(f.fix)) &&
      (f.suggestions === undefined || (Array.isArray(f.suggestions) && f.suggestions.every(fixShape))),
  );
}

function isObject(x: unknown): x is Record<string, any> {
  return typeof x === 'object' && x !== null;
}

const isSpan = (s: unknown): boolean => isObject(s) && Number.isInteger(s.start) && Number.isInteger(s.end);
const isPosition = (p: unknown): boolean => isObject(p) && Number.isInteger(p.line) && Number.isInteger(p.column);

function sourceLocation(l: unknown): boolean {
  return isObject(l) && l.kind === 'source' && typeof l.file === 'string' && isSpan(l.span) && isPosition(l.start) && isPosition(l.end);
}

function fixShape(f: unknown): boolean {
  return isObject(f) && typeof f.title === 'string' && typeof f.applicability === 'string' && Array.isArray(f.edits) && f.edits.every((e: unknown) => isObject(e) && isSpan(e.span) && typeof e.text === 'string');
}

function dedupe(deps: readonly CacheDep[]): CacheDep[] {
  const seen = new Set<string>();
  const out: CacheDep[] = [];
  for (const d of deps) {
    const k = `${d[1]}\0${d[0]}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(d);
  }
  return out;
}
