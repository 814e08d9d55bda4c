import type { Span } from '../core/diagnostic.js';
import type { Comment, Directive, Instruction } from './nodes.js';

export interface Suppression {
  /** Lower-cased rule ids, codes or aliases; `all` suppresses everything. */
  readonly names: readonly string[];
  /** Where it applies; undefined = the whole file. */
  readonly range?: Span;
  readonly comment: Comment | Directive;
  readonly origin: 'ballast' | 'hadolint' | 'buildkit';
}

export interface Pragmas {
  readonly suppressions: readonly Suppression[];
  /** `# check=error=true`: BuildKit checks fail the build. */
  readonly buildkitError: boolean;
  /** `# hadolint shell=...` */
  readonly shell?: string;
}

const BALLAST = /^#\s*ballast(?:-|\s+)(global\s+|stage\s+|file\s+)?ignore[=:\s]\s*([\w,.\s-]+?)(?:\s+--\s.*|\s+#.*|\s*$)/i;
const HADOLINT = /^#\s*hadolint\s+(global\s+|stage\s+)?ignore\s*=\s*([\w,\s-]+?)(?:\s+#.*|\s*$)/i;
const CHECK = /^#\s*check\s*=\s*(\S+)/i;

function parseCheck(value: string): { skip: string[]; error: boolean } {
  const out = { skip: [] as string[], error: false };
  for (const part of value.split(';')) {
    const [k, v = ''] = part.split('=', 2).map((s) => s.trim());
    if (k.toLowerCase() === 'skip') out.skip.push(...v.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean));
    if (k.toLowerCase() === 'error') out.error = v.toLowerCase() === 'true';
  }
  return out;
}

function names(list: string): string[] {
  return list
    .split(/[,\s]+/)
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
}

/** Read ignore pragmas and BuildKit check directives. Instructions must be top-level, in file order. */
export function readPragmas(comments: readonly Comment[], directives: readonly Directive[], instructions: readonly Instruction[], text: string): Pragmas {
  const suppressions: Suppression[] = [];
  let buildkitError = false;
  let shell: string | undefined;
  const check = directives.find((d) => d.name === 'check');
  if (check) {
    const c = parseCheck(check.value);
    buildkitError = c.error;
    if (c.skip.length) suppressions.push({ names: c.skip, comment: check, origin: 'buildkit' });
  }
  const directiveLines = new Set(directives.map((d) => d.line));
  const stageRange = (ins: Instruction | undefined): Span | undefined => {
    if (!ins || ins.keyword !== 'FROM') return ins?.span;
    const nextFrom = instructions.find((i) => i.keyword === 'FROM' && i.index > ins.index);
    return { start: ins.span.start, end: nextFrom ? nextFrom.span.start : text.length };
  };
  const nextInstruction = (c: Comment): Instruction | undefined => {
    // the instruction that follows, with only comment lines between
    const ins = instructions.find((i) => i.span.start > c.span.end);
    if (!ins) return undefined;
    const between = text.slice(c.span.end, ins.span.start).split('\n').slice(1, -1);
    if (between.some((l) => !/^\s*#/.test(l))) return undefined;
    return ins;
  };
  for (const c of comments) {
    if (directiveLines.has(c.line)) continue;
    const t = c.text.trim();
    // most comments are prose: only these can be a pragma
    if (!/ballast|hadolint|^#\s*check\s*=/i.test(t)) continue;
    let m = BALLAST.exec(t);
    if (m) {
      const scope = (m[1] ?? '').trim().toLowerCase();
      const ins = scope ? undefined : nextInstruction(c);
      if (scope === 'global' || scope === 'file') suppressions.push({ names: names(m[2]), comment: c, origin: 'ballast' });
      else if (scope === 'stage') {
        const next = nextInstruction(c);
        if (next) suppressions.push({ names: names(m[2]), range: stageRange(next), comment: c, origin: 'ballast' });
      } else if (ins) suppressions.push({ names: names(m[2]), range: ins.span, comment: c, origin: 'ballast' });
      continue;
    }
    m = HADOLINT.exec(t);
    // hadolint rejects the whole pragma when one of the names is not a rule code
    if (m && !names(m[2]).every((n) => /^(dl|sc)\d+$/.test(n))) continue;
    if (m) {
      const scope = (m[1] ?? '').trim().toLowerCase();
      if (scope === 'global') suppressions.push({ names: names(m[2]), comment: c, origin: 'hadolint' });
      else {
        // hadolint: only an instruction on the very next line
        const ins = instructions.find((i) => i.line === c.line + 1);
        if (ins) suppressions.push({ names: names(m[2]), range: scope === 'stage' ? stageRange(ins) : ins.span, comment: c, origin: 'hadolint' });
      }
      continue;
    }
    const sh = /^#\s*hadolint\s+shell\s*=\s*(\S+)/i.exec(t);
    if (sh) {
      shell = sh[1];
      continue;
    }
    m = CHECK.exec(t);
    if (m) {
      const ins = nextInstruction(c);
      const parsed = parseCheck(m[1]);
      if (ins && parsed.skip.length) suppressions.push({ names: parsed.skip, range: stageRange(ins), comment: c, origin: 'buildkit' });
    }
  }
  return { suppressions, buildkitError, shell };
}

export function suppresses(s: Suppression, keys: readonly string[], at: number): boolean {
  if (s.range && (at < s.range.start || at >= s.range.end)) return false;
  return s.names.includes('all') || s.names.some((n) => keys.includes(n));
}
