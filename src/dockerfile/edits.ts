/**
 * Text edits on Dockerfile instructions that several fixes need: add flags to a RUN, append a command
 * to a RUN (respecting continuations, heredocs and exec form), remove a command or a word from a RUN,
 * and move whole instructions. Every helper preserves the file's line endings, escape character and
 * indentation, and returns null when it cannot edit safely.
 */
import type { Edit, Span } from '../core/diagnostic.js';
import { eol } from '../core/text.js';
import type { Instruction } from './nodes.js';
import type { Command, ShellWord } from './shell.js';
import type { DockerfileSource } from './source.js';

/** The RUN itself for `ONBUILD RUN`. */
export function runOf(ins: Instruction): Instruction {
  return ins.keyword === 'ONBUILD' && ins.trigger ? ins.trigger : ins;
}

/**
 * Insert `flags` (e.g. `--mount=type=cache,target=/root/.npm`) after the existing flags of a RUN. With
 * `source`, a RUN that already spans several lines (or would get a line longer than 100 characters)
 * gets one flag per continuation line, indented under the first:
 * `RUN --mount=a \` / `    --mount=b \` / `    cmd`.
 */
export function addRunFlags(ins: Instruction, flags: readonly string[], source?: DockerfileSource): Edit | null {
  const run = runOf(ins);
  if (!flags.length) return null;
  const at = run.restSpan.start;
  if (source && !run.heredocs.length) {
    const lineStart = source.lines.lineStart(source.position(at).line);
    const lineLen = source.lines.lineText(source.position(at).line).length;
    const multi = run.line !== run.endLine || lineLen + flags.join(' ').length + 1 > 100;
    if (multi && source.text.slice(lineStart, at).trim().length > 0) {
      const col = at - lineStart;
      const indent = ' '.repeat(Math.min(col, 4));
      const nl = eol(source.text);
      const esc = source.escape;
      return { span: { start: at, end: at }, text: flags.map((f) => `${f} ${esc}${nl}${indent}`).join('') };
    }
  }
  return { span: { start: at, end: at }, text: `${flags.join(' ')} ` };
}

const H_SPACE = /[ \t]/;

/** Remove one word (and the blank before it) from the text, e.g. a `--no-cache-dir` argument. */
export function removeWord(source: DockerfileSource, w: { span: Span }): Edit {
  const t = source.text;
  let start = w.span.start;
  while (start > 0 && H_SPACE.test(t[start - 1])) start--;
  let end = w.span.end;
  if (start === w.span.start) while (end < t.length && H_SPACE.test(t[end])) end++;
  return { span: { start, end }, text: '' };
}

/**
 * The separator text between two commands is only blanks, line continuations and one list operator
 * (`&&` or `;`) or newline(s): what can be dropped together with one of the commands.
 */
function plainSeparator(gap: string, escape: string): boolean {
  return (escape === '`' ? PLAIN_SEPARATOR_BACKTICK : PLAIN_SEPARATOR_BACKSLASH).test(gap);
}

function plainSeparatorRe(esc: string): RegExp {
  return new RegExp(`^(?:[ \\t]|${esc}\\r?\\n)*(?:&&|;|(?:\\r?\\n[ \\t]*)+)?(?:[ \\t]|${esc}\\r?\\n)*$`);
}

const PLAIN_SEPARATOR_BACKTICK = plainSeparatorRe('`');
const PLAIN_SEPARATOR_BACKSLASH = plainSeparatorRe('\\\\');

/**
 * Remove a command from a RUN together with the `&&`/`;`/newline that joins it to its neighbour:
 * `a && rm -rf x && b` → `a && b`. null when the command is piped, redirected, conditional, the only
 * command, or joined by something other than a plain list operator.
 */
export function removeCommand(source: DockerfileSource, ins: Instruction, cmd: Command): Edit | null {
  if (cmd.piped || cmd.redirects.length || cmd.conditional) return null;
  const cmds = source.commands(ins).filter((c) => c.depth === cmd.depth);
  const k = cmds.findIndex((c) => c.span.start === cmd.span.start && c.span.end === cmd.span.end);
  if (k < 0) return null;
  const prev = k > 0 ? cmds[k - 1] : undefined;
  const next = cmds[k + 1];
  const t = source.text;
  if (prev && plainSeparator(t.slice(prev.span.end, cmd.span.start), source.escape)) {
    if (next && !plainSeparator(t.slice(cmd.span.end, next.span.start), source.escape)) return null;
    if (!next && /^[ \t]*(\|\||\||&)/.test(t.slice(cmd.span.end))) return null;
    return { span: { start: prev.span.end, end: cmd.span.end }, text: '' };
  }
  if (!prev && next && plainSeparator(t.slice(cmd.span.end, next.span.start), source.escape)) {
    return { span: { start: cmd.span.start, end: next.span.start }, text: '' };
  }
  return null;
}

/** Remove an argument word of a command, or the whole command when it is the only positional one. */
export function removeArgOrCommand(source: DockerfileSource, ins: Instruction, cmd: Command, arg: ShellWord, positionalCount: number): Edit | null {
  if (positionalCount > 1) return removeWord(source, arg);
  return removeCommand(source, ins, cmd);
}

/** How the RUN joins its lines: `cmd \` + `  && next`, `cmd && \` + `  next`, or one line. */
function continuationStyle(source: DockerfileSource, run: Instruction): { lead: boolean; indent: string } | null {
  if (run.line === run.endLine) return null;
  const lines: string[] = [];
  for (let l = run.line + 1; l <= run.endLine; l++) lines.push(source.lines.lineText(l));
  const body = lines.filter((x) => x.trim() && !/^\s*#/.test(x));
  const last = body[body.length - 1];
  if (!last) return null;
  const indent = /^[ \t]*/.exec(last)![0];
  const lead = body.some((x) => /^\s*(&&|;)/.test(x));
  return { lead, indent: lead ? indent : indent };
}

/**
 * Append `command` to a RUN so it runs after everything else: ` && command` on one line, or on a new
 * continuation line matching the RUN's style; a new line in a heredoc script; inside the string of an
 * exec-form `["sh", "-c", "..."]`. null when there is no safe place (exec form without a shell, a
 * trailing comment or background job, a heredoc fed to another program).
 */
export function appendCommand(source: DockerfileSource, ins: Instruction, command: string): Edit | null {
  const run = runOf(ins);
  const t = source.text;
  const nl = eol(t);
  if (run.form === 'exec') {
    const v = run.json?.values ?? [];
    if (v.length !== 3 || !/^(\/bin\/|\/usr\/bin\/)?(ba|da|a|z|k)?sh$/.test(v[0]) || !/^-[a-z]*c[a-z]*$/.test(v[1])) return null;
    const sp = run.json!.spans[2];
    const at = sp.end - 1;
    return { span: { start: at, end: at }, text: ` && ${JSON.stringify(command).slice(1, -1)}` };
  }
  if (run.heredocs.length) {
    const scripts = source.shell(run);
    const restOnlyMarkers = run.rest.text.replace(/\d*<<-?\s*(["']?)[^\s]*\1/g, '').trim() === '';
    if (!restOnlyMarkers || scripts.length !== 1) return null;
    const h = run.heredocs[run.heredocs.length - 1];
    if (!h.delimiterSpan) return null;
    const body = h.rawBody;
    const indent = h.chomp ? (/^\t*/.exec(body.split('\n').filter((x) => x.trim()).pop() ?? '')?.[0] ?? '') : '';
    const at = h.delimiterSpan.start;
    const prefix = body && !body.endsWith('\n') ? nl : '';
    return { span: { start: at, end: at }, text: `${prefix}${indent}${command}${nl}` };
  }
  const cmds = source.commands(run);
  if (!cmds.length) return null;
  const end = run.restSpan.end;
  let lastEnd = 0;
  for (const c of cmds) lastEnd = Math.max(lastEnd, c.span.end);
  const tail = t.slice(lastEnd, end);
  if (/#/.test(tail.replace(/\\\r?\n/g, ''))) return null;
  const trimmed = run.rest.text.replace(/\s+$/, '');
  if (/(^|[^&])&$/.test(trimmed) || /(\|\||&&|\|)$/.test(trimmed)) return null;
  const joiner = trimmed.endsWith(';') ? ' ' : ' && ';
  const style = continuationStyle(source, run);
  const esc = source.escape;
  if (!style) return { span: { start: end, end }, text: `${joiner.trimEnd() === '' ? ' ' : joiner}${command}` };
  if (style.lead) return { span: { start: end, end }, text: ` ${esc}${nl}${style.indent}${joiner.trim() ? `${joiner.trim()} ` : ''}${command}` };
  return { span: { start: end, end }, text: `${joiner.trimEnd()} ${esc}${nl}${style.indent}${command}` };
}

/**
 * The lines an instruction occupies, from the start of its first comment line (comments directly above
 * belong to it) to the start of the line after it.
 */
export function instructionBlock(source: DockerfileSource, ins: Instruction, withComments = true): Span {
  const first = withComments && ins.comments.length ? Math.min(ins.line, ...ins.comments.map((c) => c.line)) : ins.line;
  const start = source.lines.lineStart(first);
  const end = ins.endLine < source.lines.lineCount ? source.lines.lineStart(ins.endLine + 1) : source.text.length;
  return { start, end };
}

/** Text of an instruction's lines (comments above included), always ending with a line break. */
export function blockText(source: DockerfileSource, ins: Instruction, withComments = true): string {
  const b = instructionBlock(source, ins, withComments);
  const s = source.text.slice(b.start, b.end);
  return /\n$/.test(s) ? s : s + eol(source.text);
}

/** Insert whole lines before an instruction (`text` must end with a line break). */
export function insertLinesBefore(source: DockerfileSource, ins: Instruction, text: string): Edit {
  const at = instructionBlock(source, ins).start;
  return { span: { start: at, end: at }, text };
}

/** Insert whole lines after an instruction (`text` must end with a line break). */
export function insertLinesAfter(source: DockerfileSource, ins: Instruction, text: string): Edit {
  const b = instructionBlock(source, ins, false);
  const atEof = b.end === source.text.length && !/\n$/.test(source.text);
  return { span: { start: b.end, end: b.end }, text: atEof ? eol(source.text) + text.replace(/\r?\n$/, '') : text };
}

/** Move an instruction (with its comments) so it comes right before `before`. */
export function moveBefore(source: DockerfileSource, ins: Instruction, before: Instruction): Edit[] {
  const b = instructionBlock(source, ins);
  return [{ span: b, text: '' }, insertLinesBefore(source, before, blockText(source, ins))];
}

/** Move an instruction (with its comments) so it comes right after `after`. */
export function moveAfter(source: DockerfileSource, ins: Instruction, after: Instruction): Edit[] {
  const b = instructionBlock(source, ins);
  return [{ span: b, text: '' }, insertLinesAfter(source, after, blockText(source, ins))];
}

/** Apply edits that all fall inside `span` to that slice of the text (for composing a rewritten instruction). */
export function applyWithin(source: DockerfileSource, span: Span, edits: readonly Edit[]): string {
  let out = '';
  let pos = span.start;
  for (const e of [...edits].sort((a, b) => a.span.start - b.span.start)) {
    out += source.text.slice(pos, e.span.start) + e.text;
    pos = e.span.end;
  }
  return out + source.text.slice(pos, span.end);
}
