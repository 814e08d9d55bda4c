import { Chalk, type ChalkInstance } from 'chalk';
import { structuredPatch } from 'diff';
import { relative } from 'node:path';
import type { Finding, Fix, LintResult } from '../core/diagnostic.js';
import { applyEdits } from '../core/fixer.js';
import { LineIndex } from '../core/text.js';
import type { FormatContext, Formatter } from './types.js';

const SEV_LABEL = { error: 'error', warn: 'warning', info: 'info' } as const;
const MAX_DIFF_LINES = 40;

function sevColor(c: ChalkInstance, s: Finding['severity']): (t: string) => string {
  return s === 'error' ? c.red.bold : s === 'warn' ? c.yellow.bold : c.blue.bold;
}

function displayPath(file: string, cwd: string): string {
  const r = relative(cwd, file);
  return r && !r.startsWith('..') ? r : file;
}

/** Columns of a source line a code frame or diff shows; longer lines are cut to a window around the finding. */
const MAX_COLUMNS = 160;
/** Columns kept before the finding when a long line is cut. */
const LEAD_COLUMNS = 40;

/** `line` cut to `MAX_COLUMNS` from `offset`, with an ellipsis where something was cut. */
function windowed(line: string, offset: number): string {
  if (offset === 0 && line.length <= MAX_COLUMNS) return line;
  return `${offset > 0 ? '…' : ''}${line.slice(offset, offset + MAX_COLUMNS)}${line.length > offset + MAX_COLUMNS ? '…' : ''}`;
}

/** Source lines around the finding with a caret underline (the rustc/Ruff code frame). */
function codeFrame(c: ChalkInstance, text: string, lines: LineIndex, f: Finding): string[] {
  if (f.location.kind !== 'source') return [];
  const { start, end } = f.location;
  const last = Math.min(end.line, start.line + 4);
  const firstShown = Math.max(1, start.line - 1);
  const width = String(last).length;
  // a finding far along a long line: long lines are shown from a little before its column
  const frameOffset = start.column - 1 > MAX_COLUMNS - LEAD_COLUMNS ? start.column - 1 - LEAD_COLUMNS : 0;
  const out: string[] = [`${' '.repeat(width)} ${c.dim('|')}`];
  for (let ln = firstShown; ln <= last; ln++) {
    const raw = lines.lineText(ln).replace(/\t/g, ' ').replace(/^\uFEFF/, '');
    // short lines whole; a long one from the frame's column, or its last columns when it ends before that
    const offset = Math.min(frameOffset, Math.max(0, raw.length - MAX_COLUMNS));
    const lead = offset > 0 ? 1 : 0; // the ellipsis
    out.push(`${c.dim(String(ln).padStart(width))} ${c.dim('|')} ${windowed(raw, offset)}`);
    if (ln >= start.line && ln <= end.line) {
      const from = ln === start.line ? start.column - 1 : raw.length - raw.trimStart().length;
      const to = ln === end.line ? Math.max(from + 1, end.column - 1) : Math.max(from + 1, raw.length);
      const shownFrom = Math.max(0, from - offset);
      const shownTo = Math.min(Math.min(to, raw.length || to) - offset, MAX_COLUMNS);
      const marks = ' '.repeat(lead + shownFrom) + '^'.repeat(Math.max(1, shownTo - shownFrom));
      out.push(`${' '.repeat(width)} ${c.dim('|')} ${sevColor(c, f.severity)(marks)}`);
    }
  }
  if (end.line > last) out.push(`${' '.repeat(width)} ${c.dim('|')} ${c.dim('...')}`);
  return out;
}

/** The lines a fix changes, as a small unified diff. */
export function fixDiff(text: string, fix: Fix, color: ChalkInstance, maxLines = MAX_DIFF_LINES): string[] {
  let after: string;
  try {
    after = applyEdits(text, fix.edits);
  } catch {
    return [];
  }
  const patch = structuredPatch('a', 'b', text, after, '', '', { context: 1 });
  const out: string[] = [];
  for (const h of patch.hunks) {
    out.push(color.cyan(`@@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines} @@`));
    for (const l of h.lines) {
      const body = windowed(l.replace(/\r$/, ''), 0);
      out.push(l.startsWith('+') ? color.green(body) : l.startsWith('-') ? color.red(body) : color.dim(body));
    }
  }
  if (out.length > maxLines) return [...out.slice(0, maxLines), color.dim(`... ${out.length - maxLines} more lines (see --diff or --format json)`)];
  return out;
}

function safetyNote(fix: Fix): string {
  if (fix.applicability === 'safe') return 'safe fix: applied by --fix';
  if (fix.applicability === 'unsafe') return 'unsafe fix: applied by --unsafe-fixes; review the change';
  return 'suggested rewrite: shown only, never applied automatically';
}

export const tty: Formatter = (results: readonly LintResult[], ctx: FormatContext): string => {
  const c = new Chalk({ level: ctx.color ? 1 : 0 });
  const out: string[] = [];
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  let safe = 0;
  let unsafe = 0;
  let files = 0;
  let suppressed = 0;
  for (const r of results) {
    suppressed += r.suppressed;
    if (!r.findings.length) continue;
    files++;
    const text = r.source ?? '';
    const lines = new LineIndex(text);
    const name = r.subject.kind === 'file' ? displayPath(r.subject.path, ctx.cwd) : r.subject.ref;
    for (const f of r.findings) {
      if (f.severity === 'error') errors++;
      else if (f.severity === 'warn') warnings++;
      else infos++;
      if (f.fix?.applicability === 'safe') safe++;
      if (f.fix?.applicability === 'unsafe') unsafe++;
      const loc =
        f.location.kind === 'source'
          ? `${r.subject.kind === 'file' ? name : displayPath(f.location.file, ctx.cwd)}:${f.location.start.line}:${f.location.start.column}`
          : `${name} layer ${f.location.layer}${f.location.path ? ` ${f.location.path}` : ''}`;
      const aliases = f.aliases.length ? c.dim(` [${f.aliases.join(', ')}]`) : '';
      out.push(`${c.bold(loc)}: ${sevColor(c, f.severity)(SEV_LABEL[f.severity])} ${c.bold(f.code)} ${c.magenta(f.ruleId)}${aliases}`);
      out.push(`  ${f.message}`);
      if (text && f.location.kind === 'source') out.push(...codeFrame(c, text, lines, f).map((l) => `  ${l}`));
      for (const rel of f.related ?? []) {
        if (rel.location.kind === 'source') out.push(c.dim(`  note: ${rel.message} (line ${rel.location.start.line})`));
        else out.push(c.dim(`  note: ${rel.message}`));
      }
      if (f.fix) {
        out.push(`  ${c.cyan('help')}: ${f.fix.title} ${c.dim(`(${safetyNote(f.fix)})`)}`);
        if (text) out.push(...fixDiff(text, f.fix, c).map((l) => `    ${l}`));
      }
      for (const s of f.suggestions ?? []) out.push(`  ${c.cyan('suggestion')}: ${s.title}`);
      out.push(`  ${c.dim(ctx.docsUrl(f.ruleId))}`);
      out.push('');
    }
  }
  const total = errors + warnings + infos;
  if (total === 0) {
    const checked = results.length;
    out.push(c.green(`No problems found in ${checked} file${checked === 1 ? '' : 's'}${suppressed ? ` (${suppressed} suppressed)` : ''}.`));
  } else {
    const parts = [errors && `${errors} error${errors === 1 ? '' : 's'}`, warnings && `${warnings} warning${warnings === 1 ? '' : 's'}`, infos && `${infos} info`].filter(Boolean);
    out.push(
      c.bold(`Found ${total} problem${total === 1 ? '' : 's'} (${parts.join(', ')}) in ${files} file${files === 1 ? '' : 's'}${suppressed ? `, ${suppressed} suppressed` : ''}.`),
    );
    if (safe || unsafe) {
      const bits: string[] = [];
      if (safe) bits.push(`${safe} fixable with \`ballast lint --fix\``);
      if (unsafe) bits.push(`${unsafe} more with \`--unsafe-fixes\``);
      out.push(bits.join(', ') + '.');
    }
  }
  return out.join('\n') + '\n';
};
