/**
 * Queries shared by the BuildKit-style checks: mapping word offsets back to the source, variable
 * references with exact spans, "did you mean" suggestions, keyword casing.
 */
import type { Span } from '../core/diagnostic.js';
import { processWord, type Expansion, type Lookup, type VarRef } from './expand.js';
import type { Instruction, LogicalText } from './nodes.js';
import type { DockerfileSource } from './source.js';

/** Index `i` of the logical character whose original offset is `offset` (-1 when none). */
export function logicalIndexOf(l: LogicalText, offset: number): number {
  // map is increasing: binary search
  let lo = 0;
  let hi = l.text.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = l.map[mid];
    if (v === offset) return mid;
    if (v < offset) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** A piece of logical text (a word, a value) located in the source. */
export interface Located {
  readonly raw: string;
  /** Original offset of each character of `raw`, plus one past the end. */
  readonly offsets: readonly number[];
}

/** Locate the logical text that `span` covers (a Word/KeyValue/Flag span computed from `l`). */
export function locate(l: LogicalText, span: Span): Located | undefined {
  const from = logicalIndexOf(l, span.start);
  if (from < 0) return undefined;
  let to = from;
  while (to < l.text.length && l.map[to] < span.end) to++;
  const offsets = l.map.slice(from, to);
  offsets.push(to > from ? l.map[to - 1] + 1 : span.start);
  return { raw: l.text.slice(from, to), offsets };
}

export interface LocatedRef extends VarRef {
  /** Span of the whole reference (`$NAME`, `${NAME...}`) in the source. */
  readonly span: Span;
}

/** Expand a located word, giving every variable reference a source span. */
export function expandLocated(
  w: Located,
  lookup: Lookup,
  escape: string,
): { expansion: Expansion; refs: LocatedRef[]; undefinedRefs: LocatedRef[] } {
  const expansion = processWord(w.raw, lookup, escape);
  const at = (r: VarRef): LocatedRef => ({ name: r.name, offset: r.offset, end: r.end, guarded: r.guarded, span: { start: w.offsets[r.offset], end: w.offsets[r.end - 1] + 1 } });
  return { expansion, refs: expansion.refs.map(at), undefinedRefs: expansion.undefinedRefs.map(at) };
}

/** Expand the logical text covered by `span` of instruction `ins` with the scope BuildKit uses there. */
export function expandSpan(source: DockerfileSource, ins: Instruction, l: LogicalText, span: Span, lookup?: Lookup) {
  const w = locate(l, span);
  if (!w) return undefined;
  return expandLocated(w, lookup ?? source.lookup(ins), source.escape);
}

/** Optimal-string-alignment distance (Levenshtein plus adjacent transpositions). */
export function osaDistance(a: string, b: string): number {
  // three rows of the distance table: i-2, i-1 and i
  const n = b.length;
  let before: number[] = new Array<number>(n + 1).fill(0);
  let prev: number[] = Array.from({ length: n + 1 }, (_, j) => j);
  let cur: number[] = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, before[j - 2] + 1);
      cur[j] = d;
    }
    const spare = before;
    before = prev;
    prev = cur;
    cur = spare;
  }
  return prev[n];
}

/** The candidate closest to `name` (case differences count as near-matches), or undefined when none is close. */
export function closestName(name: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  const max = Math.max(1, Math.floor(name.length / 3));
  const lower = name.toLowerCase();
  for (const c of candidates) {
    if (c === name) continue;
    const lc = c.toLowerCase();
    // the distance is at least the difference in length
    if (lc !== lower && Math.abs(lc.length - lower.length) > max) continue;
    const d = lc === lower ? 0.5 : osaDistance(lower, lc);
    if (d <= max && d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return best;
}

export type Casing = 'upper' | 'lower' | 'mixed';

export function casingOf(s: string): Casing {
  if (s === s.toUpperCase()) return 'upper';
  if (s === s.toLowerCase()) return 'lower';
  return 'mixed';
}

/** Span of just the variable name inside a located reference (`NAME` in `${NAME:-x}`), or undefined when the source differs. */
export function refNameSpan(text: string, ref: LocatedRef): Span | undefined {
  const raw = text.slice(ref.span.start, ref.span.end);
  const off = raw.startsWith('${') ? 2 : 1;
  if (raw.slice(off, off + ref.name.length) !== ref.name) return undefined;
  return { start: ref.span.start + off, end: ref.span.start + off + ref.name.length };
}
