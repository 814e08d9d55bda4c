/**
 * Running the `shellcheck` binary on RUN scripts: the script text given to it (a `#!` line for the
 * dialect, `export NAME=1` for every variable the Dockerfile defines at that point, then the script),
 * the mapping of its line/column positions back to offsets in the Dockerfile, and a batched, cached
 * runner (all scripts of a file in one process; results kept per script text).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Span } from '../core/diagnostic.js';
import type { LogicalText } from './nodes.js';
import { shellProgram } from './package-queries.js';

export type ShellCheckDialect = 'sh' | 'bash' | 'dash' | 'ksh';
export type ShellCheckLevel = 'error' | 'warning' | 'info' | 'style';

/** A ShellCheck comment (`--format=json1`): 1-based lines, 1-based columns counted in characters, tabs as 1; end exclusive. */
export interface ShellCheckComment {
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly level: ShellCheckLevel;
  readonly code: number;
  readonly message: string;
}

export const DEFAULT_EXCLUDE = ['SC1090', 'SC1091', 'SC2187'];

/**
 * The ShellCheck dialect for a shell program (first word of SHELL, a shebang or `# hadolint shell=`):
 * `skip` for non-POSIX shells (PowerShell, cmd), `unsupported` for shells ShellCheck cannot check (zsh, fish).
 */
export function dialectOf(program: string): ShellCheckDialect | 'skip' | 'unsupported' {
  const base = shellProgram(program);
  if (/pwsh|powershell|^cmd$/.test(base)) return 'skip';
  if (base === 'sh' || base === 'busybox') return 'sh';
  if (base === 'bash') return 'bash';
  if (base === 'dash' || base === 'ash') return 'dash';
  if (base === 'ksh' || base === 'mksh' || base === 'ksh93' || base === 'pdksh') return 'ksh';
  return 'unsupported';
}

/** The interpreter named by a `#!` line (`#!/usr/bin/env bash` → bash), or undefined. */
export function shebangProgram(text: string): string | undefined {
  const m = /^#!\s*(\S+)(?:[ \t]+(\S+))?/.exec(text);
  if (!m) return undefined;
  const first = m[1].split('/').pop() ?? m[1];
  return first === 'env' && m[2] ? m[2] : m[1];
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A script ready for ShellCheck, with what is needed to map its positions back. */
export interface PreparedScript {
  /** The whole file given to ShellCheck. */
  readonly text: string;
  /** Lines before the script body (shebang and exports). */
  readonly preludeLines: number;
  /** The body as given (carriage returns removed). */
  readonly body: string;
  /** Index in the source logical text of every character of `body` (plus one past the end). */
  readonly index: readonly number[];
  readonly source: LogicalText;
}

/** Build the file ShellCheck reads: `#!/bin/<dialect>`, `export NAME=1` per variable, the script. */
export function prepareScript(source: LogicalText, dialect: ShellCheckDialect, names: Iterable<string>): PreparedScript {
  const exports = [...new Set(names)].filter((n) => NAME.test(n)).sort();
  const prelude = [`#!/bin/${dialect}`, ...exports.map((n) => `export ${n}=1`)];
  let body = '';
  const index: number[] = [];
  for (let k = 0; k < source.text.length; k++) {
    if (source.text[k] === '\r') continue;
    body += source.text[k];
    index.push(k);
  }
  index.push(source.text.length);
  return { text: `${prelude.join('\n')}\n${body}${body.endsWith('\n') ? '' : '\n'}`, preludeLines: prelude.length, body, index, source };
}

/** Index into `body` of a 1-based (line, column) of the body; columns count code points. Clamped to the line. */
function bodyIndex(body: string, lineStarts: readonly number[], line: number, column: number): number {
  if (line < 1) return 0;
  if (line > lineStarts.length) return body.length;
  const start = lineStarts[line - 1];
  let end = body.indexOf('\n', start);
  if (end < 0) end = body.length;
  let i = start;
  for (let c = 1; c < column && i < end; c++) i += (body.codePointAt(i) ?? 0) > 0xffff ? 2 : 1;
  return i;
}

function lineStartsOf(s: string): number[] {
  const out = [0];
  for (let k = 0; k < s.length; k++) if (s[k] === '\n') out.push(k + 1);
  return out;
}

/** Line starts of each script's body, computed once per script (a script may have thousands of comments). */
const lineStartsCache = new WeakMap<PreparedScript, number[]>();

/** Where a comment is in the Dockerfile; undefined when it points into the prelude. */
export function commentSpan(p: PreparedScript, c: Pick<ShellCheckComment, 'line' | 'column' | 'endLine' | 'endColumn'>): Span | undefined {
  const line = c.line - p.preludeLines;
  if (line < 1) return undefined;
  let starts = lineStartsCache.get(p);
  if (!starts) lineStartsCache.set(p, (starts = lineStartsOf(p.body)));
  let a = bodyIndex(p.body, starts, line, c.column);
  let b = bodyIndex(p.body, starts, c.endLine - p.preludeLines, c.endColumn);
  if (b < a) b = a;
  // a point at the end of a line: step back onto the last character when there is one
  if (a === b && a > 0 && (a === p.body.length || p.body[a] === '\n') && p.body[a - 1] !== '\n') a = b = a - 1;
  if (a === b && a < p.body.length && p.body[a] !== '\n') b = a + 1;
  const map = p.source.map;
  const li = (k: number) => p.index[Math.min(k, p.index.length - 1)];
  const start = map[li(a)];
  if (b <= a) return { start, end: start };
  return { start, end: map[li(b - 1)] + 1 };
}

export type ShellCheckResult =
  | { readonly ok: true; readonly comments: readonly (readonly ShellCheckComment[])[] }
  | { readonly ok: false; readonly missing: boolean; readonly message: string };

export interface ShellCheckRunOptions {
  /** The binary: a name looked up in PATH, or a path. */
  readonly path: string;
  /** SC codes left out (`SC2086` or `2086`). */
  readonly exclude: readonly string[];
  /** How long one run may take before it is stopped (default {@link SHELLCHECK_TIMEOUT_MS}). */
  readonly timeoutMs?: number;
}

/** Checks several script files at once; returns the comments of each, in order. */
export type ShellCheckRunner = (scripts: readonly string[], options: ShellCheckRunOptions) => ShellCheckResult;

/**
 * How long one ShellCheck run (all of a file's scripts) may take by default (the rule's `timeout`). A
 * file's scripts take well under a second (the whole corpus, one run per file, about 45 s); a 60 KB line
 * of thousands of quoted words took ShellCheck 13-27 s.
 */
export const SHELLCHECK_TIMEOUT_MS = 10_000;

/** The real runner: writes the scripts to a temporary directory and runs shellcheck once on all of them. */
export const spawnRunner: ShellCheckRunner = (scripts, options) => {
  if (!scripts.length) return { ok: true, comments: [] };
  const dir = mkdtempSync(join(tmpdir(), 'ballast-sc-'));
  try {
    const files = scripts.map((s, k) => {
      const f = join(dir, `run${k}.sh`);
      writeFileSync(f, s);
      return f;
    });
    const exclude = options.exclude.map((c) => c.replace(/^sc/i, '')).filter((c) => /^\d+$/.test(c));
    const args = ['--norc', '--format=json1', '--severity=style', ...(exclude.length ? [`--exclude=${exclude.join(',')}`] : []), ...files];
    // node:child_process is loaded when ShellCheck first runs, not by every lint (it costs a few ms to load)
    const { spawnSync } = createRequire(import.meta.url)('node:child_process') as typeof import('node:child_process');
    const timeout = options.timeoutMs ?? SHELLCHECK_TIMEOUT_MS;
    const r = spawnSync(options.path, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, windowsHide: true, timeout, killSignal: 'SIGKILL' });
    if ((r.error as NodeJS.ErrnoException | undefined)?.code === 'ETIMEDOUT') {
      return { ok: false, missing: false, message: `${options.path} took over ${timeout / 1000} s on a file's RUN scripts and was stopped (the shellcheck rule's "timeout" option); those scripts are not checked by it` };
    }
    if (r.error) {
      const code = (r.error as NodeJS.ErrnoException).code;
      const missing = code === 'ENOENT' || code === 'EACCES';
      return { ok: false, missing, message: missing ? `${options.path} not found` : r.error.message };
    }
    if (r.status !== 0 && r.status !== 1) {
      return { ok: false, missing: false, message: `${options.path} exited with ${r.status ?? r.signal}: ${(r.stderr || r.stdout).trim().split('\n')[0]}` };
    }
    let parsed: { comments?: (ShellCheckComment & { file: string })[] };
    try {
      parsed = JSON.parse(r.stdout || '{"comments":[]}');
    } catch {
      return { ok: false, missing: false, message: `${options.path} printed output that is not JSON (version 0.7 or later is needed)` };
    }
    const byFile = new Map<string, ShellCheckComment[]>(files.map((f) => [f, []]));
    for (const c of parsed.comments ?? []) {
      const list = byFile.get(c.file);
      if (list) list.push({ line: c.line, column: c.column, endLine: c.endLine, endColumn: c.endColumn, level: c.level, code: c.code, message: c.message });
    }
    return { ok: true, comments: files.map((f) => byFile.get(f)!) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

let runner: ShellCheckRunner = spawnRunner;
const cache = new Map<string, readonly ShellCheckComment[]>();
const failures = new Map<string, ShellCheckResult & { ok: false }>();
const CACHE_LIMIT = 5000;

/** Replace the runner (tests); undefined restores the real one. Clears the caches. */
export function setShellCheckRunner(r?: ShellCheckRunner): void {
  runner = r ?? spawnRunner;
  cache.clear();
  failures.clear();
}

/**
 * Check scripts, running ShellCheck once for those not seen before. A missing binary is remembered, so
 * it is looked for once per process and path.
 */
export function checkScripts(scripts: readonly string[], options: ShellCheckRunOptions): ShellCheckResult {
  const prefix = `${options.path}\u0000${[...options.exclude].sort().join(',')}\u0000`;
  const failed = failures.get(options.path);
  if (failed) return failed;
  const todo = [...new Set(scripts.filter((s) => !cache.has(prefix + s)))];
  if (todo.length) {
    const r = runner(todo, options);
    if (!r.ok) {
      if (r.missing) failures.set(options.path, r);
      return r;
    }
    if (cache.size + todo.length > CACHE_LIMIT) cache.clear();
    todo.forEach((s, k) => cache.set(prefix + s, r.comments[k] ?? []));
  }
  return { ok: true, comments: scripts.map((s) => cache.get(prefix + s) ?? []) };
}
