import type { Span } from '../core/diagnostic.js';
import { LineIndex } from '../core/text.js';
import { processWord, splitWords } from './expand.js';
import type {
  Comment,
  CopyInfo,
  Directive,
  Flag,
  FlagOption,
  FromInfo,
  Heredoc,
  Instruction,
  JsonForm,
  KeyValue,
  LogicalText,
  ParseProblem,
  Word,
} from './nodes.js';
import { isKeyword } from './nodes.js';

export interface ParsedDockerfile {
  readonly text: string;
  readonly lines: LineIndex;
  readonly escape: string;
  readonly directives: readonly Directive[];
  readonly comments: readonly Comment[];
  readonly instructions: readonly Instruction[];
  readonly problems: readonly ParseProblem[];
  /** Blank lines inside line continuations (BuildKit's NoEmptyContinuation). */
  readonly emptyContinuationLines: readonly Span[];
  readonly hasBom: boolean;
}

const HEREDOC_KEYWORDS = new Set(['RUN', 'COPY', 'ADD']);
const JSON_KEYWORDS = new Set(['RUN', 'CMD', 'ENTRYPOINT', 'SHELL', 'COPY', 'ADD', 'VOLUME']);

/** BuildKit's parser directive line: `# name=value` with a one-word name, only in the block at the top. */
const DIRECTIVE_RE = /^[ \t]*#[ \t]*([A-Za-z][A-Za-z0-9]*)[ \t]*=[ \t]*(.*?)[ \t\r]*$/;

function isBlank(t: string): boolean {
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 13 && c !== 11 && c !== 12) return false;
  }
  return true;
}

/** The first non-blank character of `t` is `#`. */
function isCommentLine(t: string): boolean {
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c === 35) return true;
    if (c !== 32 && c !== 9 && c !== 13 && c !== 11 && c !== 12) return false;
  }
  return false;
}

/**
 * Read a Dockerfile with BuildKit's rules: the parser directive block at the top, then instructions
 * (an instruction line continues when it ends in an odd number of escape characters; comment and blank
 * lines inside a continuation are skipped; heredoc bodies follow their instruction line), and comment
 * lines between them.
 */
export function parseText(text: string): ParsedDockerfile {
  const lines = new LineIndex(text);
  const problems: ParseProblem[] = [];
  const emptyContinuationLines: Span[] = [];
  const hasBom = text.charCodeAt(0) === 0xfeff;
  const lineCount = lines.lineCount;

  // the directive block: `# name=value` lines from the top; any other line ends it
  const directives: Directive[] = [];
  let line = 1;
  for (; line <= lineCount; line++) {
    const start = lines.lineStart(line) + (line === 1 && hasBom ? 1 : 0);
    const end = lines.lineEnd(line);
    const m = DIRECTIVE_RE.exec(text.slice(start, end));
    if (!m || !m[2]) break;
    const valueStart = start + m[0].replace(/[ \t\r]+$/, '').length - m[2].length;
    directives.push({
      name: m[1].toLowerCase(),
      value: m[2],
      span: { start: lines.lineStart(line), end },
      valueSpan: { start: valueStart, end: valueStart + m[2].length },
      line,
    });
  }
  let escape = '\\';
  const escDirective = directives.find((d) => d.name === 'escape');
  if (escDirective) {
    if (escDirective.value === '`' || escDirective.value === '\\') escape = escDirective.value;
    else problems.push({ message: `invalid escape token '${escDirective.value}' does not match ` + '` or \\', span: escDirective.valueSpan });
  }
  const seen = new Set<string>();
  for (const d of directives) {
    if (seen.has(d.name)) problems.push({ message: `only one ${d.name} parser directive can be used`, span: d.span });
    seen.add(d.name);
  }

  const comments: Comment[] = [];
  const addComment = (l: number): void => {
    const t = lines.lineText(l);
    const lead = t.length - t.trimStart().length;
    const start = lines.lineStart(l) + lead + (l === 1 && hasBom && lead === 0 ? 1 : 0);
    const end = lines.lineEnd(l);
    const ct = text.slice(start, end).replace(/[ \t\r]+$/, '');
    comments.push({ text: ct, content: ct.replace(/^\s*#/, '').trim(), span: { start, end: start + ct.length }, line: l });
  };
  const continuationComments: number[] = [];

  const instructions: Instruction[] = [];
  let stage = -1;
  while (line <= lineCount) {
    const lineStart = lines.lineStart(line);
    const t = text.slice(lineStart, lines.lineEnd(line));
    if (isBlank(t) || (line === 1 && hasBom && isBlank(t.slice(1)))) {
      line++;
      continue;
    }
    if (isCommentLine(line === 1 && hasBom ? t.slice(1) : t)) {
      addComment(line);
      line++;
      continue;
    }
    let lead = 0;
    if (line === 1 && hasBom) lead = 1;
    while (lead < t.length && (t[lead] === ' ' || t[lead] === '\t')) lead++;
    const kwStart = lineStart + lead;
    continuationComments.length = 0;
    const built = buildInstruction(text, lines, kwStart, text.length, escape, problems, emptyContinuationLines, instructions.length, continuationComments);
    if (built.keyword === 'FROM') stage++;
    // filled in place: every instruction object keeps one shape (spreading them was slow, and rules read them often)
    const node = built;
    node.stage = stage;
    node.comments = commentsAbove(comments, lines, built.line);
    if (node.trigger) (node.trigger as { parent?: Instruction }).parent = node;
    instructions.push(node);
    for (const l of continuationComments) addComment(l);
    line = lines.position(Math.max(kwStart, built.span.end)).line + 1;
  }

  if (instructions.length === 0) {
    problems.push({ message: 'file with no instructions', span: { start: 0, end: 0 } });
  }
  // BuildKit's scanner refuses physical lines longer than 64 KiB
  {
    for (let l = 1; l <= lineCount; l++) {
      const start = lines.lineStart(l);
      const end = lines.lineEnd(l);
      if (end - start > 21844 && Buffer.byteLength(text.slice(start, Math.min(end, start + 65536 * 4)), 'utf8') > 65535) {
        problems.push({ message: 'dockerfile line greater than max allowed size of 65535', span: { start, end: Math.min(end, start + 1) } });
      }
    }
  }

  return {
    text,
    lines,
    escape,
    directives,
    comments,
    instructions,
    problems,
    emptyContinuationLines,
    hasBom,
  };
}

function commentsAbove(comments: readonly Comment[], lines: LineIndex, line: number): Comment[] {
  const out: Comment[] = [];
  let want = line - 1;
  for (let k = comments.length - 1; k >= 0 && want >= 1; k--) {
    const c = comments[k];
    if (c.line > want) continue;
    if (c.line < want) break;
    // only a comment that is alone on its line
    if (lines.lineText(c.line).trim().startsWith('#')) {
      out.unshift(c);
      want--;
    } else break;
  }
  return out;
}

interface LogicalRead {
  logical: LogicalText;
  /** Offset just after the last line of the logical instruction (at its line ending). */
  endOffset: number;
  endLine: number;
}

/** Join continuation lines from `start` (just after the keyword) on. */
function readLogical(text: string, lines: LineIndex, start: number, limit: number, escape: string, empty: Span[], commentLines: number[]): LogicalRead {
  let chars = '';
  const map: number[] = [];
  let segStart = start;
  let line = lines.position(start).line;
  for (;;) {
    const lineEnd = lines.lineEnd(line);
    const content = text.slice(segStart, lineEnd);
    let trimmedLength = content.length;
    while (trimmedLength > 0) {
      const c = content.charCodeAt(trimmedLength - 1);
      if (c !== 32 && c !== 9 && c !== 13) break;
      trimmedLength--;
    }
    let escapes = 0;
    while (escapes < trimmedLength && content[trimmedLength - 1 - escapes] === escape) escapes++;
    // an escaped escape at the end of the line is not a continuation
    const isCont = escapes % 2 === 1;
    if (isCont && (line >= lines.lineCount || lines.lineStart(line + 1) >= limit)) {
      // continuation at the end of the file or instruction: the escape is dropped
      const keep = trimmedLength - 1;
      chars += content.slice(0, keep);
      for (let k = 0; k < keep; k++) map.push(segStart + k);
      map.push(segStart + keep);
      return { logical: { text: chars, map }, endOffset: lineEnd, endLine: line };
    }
    if (isCont) {
      const keep = trimmedLength - 1;
      chars += content.slice(0, keep);
      for (let k = 0; k < keep; k++) map.push(segStart + k);
      // skip comment and blank lines inside the continuation
      let next = line + 1;
      while (next <= lines.lineCount && lines.lineStart(next) < limit) {
        const t = lines.lineText(next);
        if (t.trim() === '') {
          empty.push({ start: lines.lineStart(next), end: lines.lineEnd(next) });
          next++;
          continue;
        }
        if (isCommentLine(t)) {
          commentLines.push(next);
          next++;
          continue;
        }
        break;
      }
      if (next > lines.lineCount || lines.lineStart(next) >= limit) {
        // continuation at the end of the instruction or file
        map.push(segStart + keep);
        return { logical: { text: chars, map }, endOffset: lineEnd, endLine: line };
      }
      line = next;
      segStart = lines.lineStart(line);
      continue;
    }
    const n = content.length > 0 && content.charCodeAt(content.length - 1) === 13 ? content.length - 1 : content.length;
    chars += content.slice(0, n);
    for (let k = 0; k < n; k++) map.push(segStart + k);
    map.push(lineEnd);
    return { logical: { text: chars, map }, endOffset: lineEnd, endLine: line };
  }
}

export function sliceLogical(l: LogicalText, from: number, to = l.text.length): LogicalText {
  const map = l.map.slice(from, to);
  map.push(to > from ? l.map[to - 1] + 1 : l.map[from]);
  return { text: l.text.slice(from, to), map };
}

/** Span in the original text for logical chars [from, to). */
export function logicalSpan(l: LogicalText, from: number, to: number): Span {
  if (to <= from) return { start: l.map[Math.min(from, l.map.length - 1)], end: l.map[Math.min(from, l.map.length - 1)] };
  return { start: l.map[from], end: l.map[to - 1] + 1 };
}

/** `l` from `from` on, without leading and trailing white space. */
function trimLogicalFrom(l: LogicalText, from: number): LogicalText {
  let a = from;
  let b = l.text.length;
  while (a < b && isJsSpace(l.text.charCodeAt(a))) a++;
  while (b > a && isJsSpace(l.text.charCodeAt(b - 1))) b--;
  // nothing left: where the empty text sits, as slicing twice would place it
  if (a === b) return sliceLogical(sliceLogical(l, from), a - from, a - from);
  return sliceLogical(l, a, b);
}

/** An instruction while it is being built (filled in place). */
type Built = { -readonly [K in keyof Instruction]: Instruction[K] };

function buildInstruction(
  text: string,
  lines: LineIndex,
  kwStart: number,
  insEnd: number,
  escape: string,
  problems: ParseProblem[],
  empty: Span[],
  index: number,
  commentLines: number[],
): Built {
  let kwEnd = kwStart;
  while (kwEnd < text.length && !isJsSpace(text.charCodeAt(kwEnd)) && !(text[kwEnd] === escape && /[\r\n]/.test(text[kwEnd + 1] ?? '\n'))) kwEnd++;
  const keywordRaw = text.slice(kwStart, kwEnd);
  const read = readLogical(text, lines, kwEnd, insEnd, escape, empty, commentLines);
  const logical = read.logical;
  const base = fromLogical(keywordRaw, { start: kwStart, end: kwEnd }, logical, escape, problems, index);

  let heredocs: Heredoc[] = [];
  let spanEnd = read.endOffset;
  const target = base.keyword === 'ONBUILD' ? base.trigger : base;
  if (target && HEREDOC_KEYWORDS.has(target.keyword) && target.form === 'shell') {
    const markers = findHeredocMarkers(target.rest, escape);
    if (markers.length) {
      const r = readHeredocBodies(text, lines, read.endLine, markers, problems);
      heredocs = r.heredocs;
      spanEnd = Math.max(read.endOffset, r.end);
      if (target !== base) (target as unknown as { heredocs: Heredoc[] }).heredocs = heredocs;
    }
  }
  const span = { start: kwStart, end: spanEnd };
  const endLine = lines.position(Math.max(kwStart, spanEnd - 1)).line;
  if (base.trigger) {
    (base.trigger as { span: Span; line: number; endLine: number }).span = { start: base.trigger.keywordSpan.start, end: spanEnd };
    (base.trigger as { endLine: number }).endLine = endLine;
    (base.trigger as { line: number }).line = lines.position(base.trigger.keywordSpan.start).line;
  }
  if (target === base) base.heredocs = heredocs;
  base.span = span;
  base.line = lines.position(kwStart).line;
  base.endLine = endLine;
  return base;
}

interface Marker {
  name: string;
  chomp: boolean;
  quoted: boolean;
  fd?: number;
  span: Span;
}

/** Heredoc markers in the (logical) arguments, outside quotes: `<<EOF`, `<<-EOF`, `3<<EOF`, `<< EOF`, `<<"EOF"`, `<<E"O"F`. */
export function findHeredocMarkers(rest: LogicalText, escape: string): Marker[] {
  const out: Marker[] = [];
  const t = rest.text;
  if (!t.includes('<<')) return out;
  let quote = '';
  for (let i = 0; i < t.length; i++) {
    const c = t[i];
    if (quote) {
      if (c === quote) quote = '';
      else if (c === escape && quote === '"') i++;
      continue;
    }
    if (c === escape) {
      i++;
      continue;
    }
    if (c === '"' || c === "'") {
      quote = c;
      continue;
    }
    if (c === '<' && t[i + 1] === '<' && t[i + 2] !== '<' && t[i - 1] !== '<') {
      let j = i + 2;
      let fdStart = i;
      while (fdStart > 0 && /\d/.test(t[fdStart - 1])) fdStart--;
      if (fdStart > 0 && !/[\s;&|(]/.test(t[fdStart - 1])) {
        // part of another word (e.g. `a<<b` in a string) still counts in shell; keep BuildKit's rule: word start only
        if (fdStart === i) continue;
      }
      const chomp = t[j] === '-';
      if (chomp) j++;
      while (t[j] === ' ' || t[j] === '\t') j++;
      let name = '';
      let quoted = false;
      let k = j;
      while (k < t.length && !/[\s;&|<>()]/.test(t[k])) {
        const ch = t[k];
        if (ch === '"' || ch === "'") {
          quoted = true;
          const close = t.indexOf(ch, k + 1);
          if (close < 0) break;
          name += t.slice(k + 1, close);
          k = close + 1;
          continue;
        }
        if (ch === '\\') {
          quoted = true;
          if (k + 1 < t.length) name += t[k + 1];
          k += 2;
          continue;
        }
        name += ch;
        k++;
      }
      if (!name) continue;
      const fd = fdStart < i ? Number(t.slice(fdStart, i)) : undefined;
      out.push({ name, chomp, quoted, fd, span: logicalSpan(rest, fdStart, k) });
      i = k - 1;
    }
  }
  return out;
}

function readHeredocBodies(
  text: string,
  lines: LineIndex,
  afterLine: number,
  markers: Marker[],
  problems: ParseProblem[],
): { heredocs: Heredoc[]; end: number } {
  const heredocs: Heredoc[] = [];
  let line = afterLine + 1;
  let end = lines.lineEnd(afterLine);
  for (const m of markers) {
    const bodyStart = line <= lines.lineCount ? lines.lineStart(line) : text.length;
    let found = -1;
    for (let l = line; l <= lines.lineCount; l++) {
      let t = lines.lineText(l);
      if (m.chomp) t = t.replace(/^\t+/, '');
      if (t === m.name) {
        found = l;
        break;
      }
    }
    if (found < 0) {
      problems.push({ message: `unterminated heredoc ${m.name}`, span: m.span });
      const bodySpan = { start: bodyStart, end: text.length };
      heredocs.push({ name: m.name, chomp: m.chomp, quoted: m.quoted, fd: m.fd, markerSpan: m.span, bodySpan, body: text.slice(bodyStart), rawBody: text.slice(bodyStart) });
      return { heredocs, end: text.length };
    }
    const delimStart = lines.lineStart(found);
    const rawBody = text.slice(bodyStart, delimStart);
    let body = rawBody;
    if (m.chomp) body = body.replace(/^\t+/gm, '');
    heredocs.push({
      name: m.name,
      chomp: m.chomp,
      quoted: m.quoted,
      fd: m.fd,
      markerSpan: m.span,
      bodySpan: { start: bodyStart, end: delimStart },
      body,
      rawBody,
      delimiterSpan: { start: delimStart, end: lines.lineEnd(found) },
    });
    end = lines.lineEnd(found);
    line = found + 1;
  }
  return { heredocs, end };
}

/** Parse `--flags` at the start of `l`. */
function readFlags(l: LogicalText): { flags: Flag[]; restStart: number } {
  const flags: Flag[] = [];
  const t = l.text;
  let i = 0;
  for (;;) {
    while (i < t.length && /\s/.test(t[i])) i++;
    if (!t.startsWith('--', i)) break;
    const start = i;
    let quote = '';
    while (i < t.length && (quote || !/\s/.test(t[i]))) {
      if (quote) {
        if (t[i] === quote) quote = '';
      } else if (t[i] === '"' || t[i] === "'") quote = t[i];
      i++;
    }
    const raw = t.slice(start, i);
    if (raw === '--') break;
    const eq = raw.indexOf('=');
    const nameEnd = eq < 0 ? raw.length : eq;
    const name = raw.slice(2, nameEnd).toLowerCase();
    const value = eq < 0 ? null : raw.slice(eq + 1);
    const valueStart = start + eq + 1;
    const options: FlagOption[] = [];
    if (value !== null && value.includes('=')) {
      let k = 0;
      while (k <= value.length) {
        let e = k;
        let q = '';
        while (e < value.length && (q || value[e] !== ',')) {
          if (q) {
            if (value[e] === q) q = '';
          } else if (value[e] === '"' || value[e] === "'") q = value[e];
          e++;
        }
        const part = value.slice(k, e);
        if (part) {
          const pe = part.indexOf('=');
          const key = (pe < 0 ? part : part.slice(0, pe)).trim().toLowerCase();
          let v = pe < 0 ? '' : part.slice(pe + 1);
          if (/^".*"$|^'.*'$/.test(v)) v = v.slice(1, -1);
          options.push({
            key,
            value: v,
            span: logicalSpan(l, valueStart + k, valueStart + e),
            valueSpan: logicalSpan(l, valueStart + k + (pe < 0 ? part.length : pe + 1), valueStart + e),
          });
        }
        k = e + 1;
      }
    }
    flags.push({
      name,
      value: value === null ? null : processWord(value, null).value,
      raw,
      span: logicalSpan(l, start, i),
      nameSpan: logicalSpan(l, start, start + nameEnd),
      valueSpan: eq < 0 ? undefined : logicalSpan(l, valueStart, i),
      options,
    });
  }
  return { flags, restStart: i };
}

/** The characters JavaScript's `\\s` matches. */
function isJsSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 160) return false;
  return c === 160 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

function wordsOf(l: LogicalText, escape: string, processQuotes: boolean): Word[] {
  const out: Word[] = [];
  if (processQuotes) {
    for (const w of splitWords(l.text, escape)) {
      out.push({ raw: w.raw, value: processWord(w.raw, null, escape).value, span: logicalSpan(l, w.start, w.end) });
    }
    return out;
  }
  // white-space separated words, scanned by hand (no match object per word)
  const t = l.text;
  let i = 0;
  while (i < t.length) {
    while (i < t.length && isJsSpace(t.charCodeAt(i))) i++;
    if (i >= t.length) break;
    const start = i;
    while (i < t.length && !isJsSpace(t.charCodeAt(i))) i++;
    const raw = t.slice(start, i);
    out.push({ raw, value: raw, span: logicalSpan(l, start, i) });
  }
  return out;
}

/** Parse a JSON array of strings, keeping each element's span. Returns null when `t` is not valid JSON. */
export function parseJsonArray(l: LogicalText): { form: JsonForm | null; nonString: boolean } {
  const t = l.text;
  let value: unknown;
  try {
    value = JSON.parse(t);
  } catch {
    return { form: null, nonString: false };
  }
  if (!Array.isArray(value)) return { form: null, nonString: false };
  if (!value.every((v) => typeof v === 'string')) return { form: null, nonString: true };
  const spans: Span[] = [];
  const re = /"(?:[^"\\]|\\.)*"/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(t))) spans.push(logicalSpan(l, m.index, m.index + m[0].length));
  return { form: { values: value as string[], spans, span: logicalSpan(l, 0, t.length) }, nonString: false };
}

function parsePairs(keyword: string, rest: LogicalText, escape: string, problems: ParseProblem[], restSpan: Span): KeyValue[] {
  const words = splitWords(rest.text, escape);
  const pairs: KeyValue[] = [];
  if (words.length === 0) {
    problems.push({ message: `${keyword} requires at least one argument`, span: restSpan });
    return pairs;
  }
  if (keyword === 'ARG') {
    for (const w of words) {
      const eq = w.raw.indexOf('=');
      const key = eq < 0 ? w.raw : w.raw.slice(0, eq);
      const rawValue = eq < 0 ? undefined : w.raw.slice(eq + 1);
      pairs.push({
        key,
        keySpan: logicalSpan(rest, w.start, w.start + key.length),
        value: rawValue === undefined ? undefined : processWord(rawValue, null, escape).value,
        rawValue,
        valueSpan: rawValue === undefined ? undefined : logicalSpan(rest, w.start + eq + 1, w.end),
        span: logicalSpan(rest, w.start, w.end),
        hasEquals: eq >= 0,
      });
    }
    return pairs;
  }
  // ENV / LABEL
  if (!words[0].raw.includes('=')) {
    // legacy form: key, then the rest of the line as the value
    const w = words[0];
    const after = rest.text.slice(w.end).replace(/^\s+/, '');
    if (!after) {
      problems.push({ message: `${keyword} must have two arguments`, span: restSpan });
      return pairs;
    }
    const vStart = rest.text.length - after.length;
    const trimmedEnd = vStart + after.replace(/\s+$/, '').length;
    const raw = rest.text.slice(vStart, trimmedEnd);
    pairs.push({
      key: w.raw,
      keySpan: logicalSpan(rest, w.start, w.end),
      value: processWord(raw, null, escape).value,
      rawValue: raw,
      valueSpan: logicalSpan(rest, vStart, trimmedEnd),
      span: logicalSpan(rest, w.start, trimmedEnd),
      hasEquals: false,
    });
    return pairs;
  }
  for (const w of words) {
    const eq = w.raw.indexOf('=');
    if (eq < 0) {
      problems.push({ message: `can't find = in "${w.raw}". Must be of the form: name=value`, span: logicalSpan(rest, w.start, w.end) });
      continue;
    }
    const keyRaw = w.raw.slice(0, eq);
    const rawValue = w.raw.slice(eq + 1);
    if (keyRaw === '') problems.push({ message: `${keyword} names can not be blank`, span: logicalSpan(rest, w.start, w.end) });
    pairs.push({
      key: keyword === 'LABEL' ? processWord(keyRaw, null, escape).value : keyRaw,
      keySpan: logicalSpan(rest, w.start, w.start + eq),
      value: processWord(rawValue, null, escape).value,
      rawValue,
      valueSpan: logicalSpan(rest, w.start + eq + 1, w.end),
      span: logicalSpan(rest, w.start, w.end),
      hasEquals: true,
    });
  }
  return pairs;
}

const MIN_ARGS: Record<string, number> = {
  FROM: 1,
  COPY: 2,
  ADD: 2,
  WORKDIR: 1,
  USER: 1,
  EXPOSE: 1,
  VOLUME: 1,
  STOPSIGNAL: 1,
  MAINTAINER: 1,
  SHELL: 1,
  ONBUILD: 1,
  HEALTHCHECK: 1,
};

function fromLogical(
  keywordRaw: string,
  keywordSpan: Span,
  logical: LogicalText,
  escape: string,
  problems: ParseProblem[],
  index: number,
): Built {
  const keyword = keywordRaw.toUpperCase();
  const { flags, restStart } = readFlags(logical);
  const rest = trimLogicalFrom(logical, restStart);
  const restSpan = rest.text.length ? logicalSpan(rest, 0, rest.text.length) : { start: keywordSpan.end, end: keywordSpan.end };
  let form: 'shell' | 'exec' = 'shell';
  let json: JsonForm | undefined;
  let invalidJson = false;
  if (JSON_KEYWORDS.has(keyword) && rest.text.startsWith('[')) {
    const r = parseJsonArray(rest);
    if (r.form) {
      form = 'exec';
      json = r.form;
    } else if (r.nonString) {
      problems.push({ message: `${keyword}: JSON arrays may only contain strings`, span: restSpan });
    } else invalidJson = true;
  }
  if (keyword === 'SHELL' && form !== 'exec' && rest.text) {
    problems.push({ message: 'SHELL requires the arguments to be in JSON form', span: restSpan });
  }
  const args = json ? json.values.map((v, k) => ({ raw: v, value: v, span: json!.spans[k] })) : wordsOf(rest, escape, false);

  if (!isKeyword(keyword)) {
    problems.push({ message: `unknown instruction: ${keywordRaw}${didYouMean(keyword)}`, span: keywordSpan });
  } else if (MIN_ARGS[keyword] && args.length < MIN_ARGS[keyword] && !(keyword === 'COPY' || keyword === 'ADD')) {
    problems.push({ message: `${keyword} requires at least ${MIN_ARGS[keyword]} argument${MIN_ARGS[keyword] > 1 ? 's' : ''}`, span: rest.text ? restSpan : keywordSpan });
  }

  let from: FromInfo | undefined;
  let copy: CopyInfo | undefined;
  let pairs: KeyValue[] | undefined;
  let trigger: Instruction | undefined;

  switch (keyword) {
    case 'FROM': {
      const words = args;
      if (words.length !== 1 && words.length !== 3 && words.length > 0) {
        problems.push({ message: 'FROM requires either one or three arguments', span: restSpan });
      }
      const asWord = words.length >= 3 ? words[1] : undefined;
      if (asWord && asWord.value.toLowerCase() !== 'as') problems.push({ message: `FROM: expected "AS", found "${asWord.value}"`, span: asWord.span });
      from = { image: words[0], asWord, name: words.length >= 3 ? words[2] : undefined, platform: flags.find((f) => f.name === 'platform') };
      break;
    }
    case 'COPY':
    case 'ADD': {
      const words = args;
      if (words.length < 2) problems.push({ message: `${keyword} requires at least two arguments, but only ${words.length} provided`, span: rest.text ? restSpan : keywordSpan });
      copy = { sources: words.slice(0, -1), dest: words.length >= 2 ? words[words.length - 1] : undefined, from: flags.find((f) => f.name === 'from') };
      break;
    }
    case 'ENV':
    case 'LABEL':
    case 'ARG':
      pairs = parsePairs(keyword, rest, escape, problems, restSpan);
      break;
    case 'ONBUILD': {
      const m = /^\S+/.exec(rest.text);
      if (m) {
        const kw = m[0];
        const sub = sliceLogical(rest, kw.length);
        // ONBUILD ONBUILD / FROM / MAINTAINER fail the build too, but are reported by no-onbuild-forbidden-trigger
        const b = fromLogical(kw, logicalSpan(rest, 0, kw.length), sub, escape, problems, index);
        b.span = logicalSpan(rest, 0, rest.text.length);
        trigger = b;
      }
      break;
    }
  }

  return {
    keyword,
    keywordRaw,
    keywordSpan,
    span: { start: keywordSpan.start, end: logical.map[logical.map.length - 1] },
    line: 0,
    endLine: 0,
    logical,
    flags,
    rest,
    restSpan,
    args,
    form,
    json,
    invalidJson: invalidJson || undefined,
    heredocs: NO_HEREDOCS,
    stage: -1,
    index,
    comments: NO_COMMENTS,
    from,
    copy,
    pairs,
    trigger,
    parent: undefined,
  };
}

const NO_HEREDOCS: readonly Heredoc[] = [];
const NO_COMMENTS: readonly Comment[] = [];

function didYouMean(keyword: string): string {
  let best = '';
  let bestD = 3;
  for (const k of ['ADD', 'ARG', 'CMD', 'COPY', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'FROM', 'HEALTHCHECK', 'LABEL', 'MAINTAINER', 'ONBUILD', 'RUN', 'SHELL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR']) {
    const d = editDistance(keyword, k);
    if (d < bestD) {
      bestD = d;
      best = k;
    }
  }
  return best ? ` (did you mean ${best.toLowerCase()}?)` : '';
}

export function editDistance(a: string, b: string): number {
  const dp = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) dp[0][j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++)
      dp[i][j] = Math.min(dp[i - 1][j] + 1, dp[i][j - 1] + 1, dp[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
  return dp[a.length][b.length];
}
