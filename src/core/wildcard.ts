// Wildcard patterns (`*` any run of characters, `?` any one, everything else literal) matched in time
// proportional to pattern times text. The patterns come from Dockerfiles (`${v%%pattern}`, `rm -rf
// /tmp/*.tgz`); compiled to JavaScript RegExps they backtrack, and a crafted one ran for minutes on a
// 40-character text. Here a pattern is a token list run as an automaton: the set of live token
// positions is advanced one character at a time.

const ANY_ONE = { one: true } as const;
const ANY_RUN = { run: true } as const;
type Tok = string | typeof ANY_ONE | typeof ANY_RUN;

export interface Wildcard {
  readonly toks: readonly Tok[];
  /** `*` and `?` do not match `/` (path globs) */
  readonly stopAtSlash: boolean;
}

/** Compile a pattern; with `escapes`, `\` makes the next character literal. */
export function wildcard(pattern: string, o: { escapes: boolean; stopAtSlash: boolean }): Wildcard {
  const toks: Tok[] = [];
  for (let k = 0; k < pattern.length; k++) {
    const c = pattern[k];
    if (o.escapes && c === '\\' && k + 1 < pattern.length) toks.push(pattern[++k]);
    else if (c === '*') toks.push(ANY_RUN);
    else if (c === '?') toks.push(ANY_ONE);
    else toks.push(c);
  }
  return { toks, stopAtSlash: o.stopAtSlash };
}

/** The pattern read backwards: its matches are the reversed matches of the pattern. */
export function reverseWildcard(w: Wildcard): Wildcard {
  return { toks: [...w.toks].reverse(), stopAtSlash: w.stopAtSlash };
}

/**
 * Where a match of the whole pattern can end when it starts at `from` (checked at `from` itself too):
 * `visit` gets each end in increasing order and returns false to stop.
 */
export function matchEnds(w: Wildcard, text: string, from: number, visit: (end: number) => boolean): void {
  const { toks, stopAtSlash } = w;
  const n = toks.length;
  const seen = new Int32Array(n + 1).fill(-1);
  let live: number[] = [];
  // adds a state and those reachable from it without reading (a `*` may match nothing)
  const add = (list: number[], s: number, at: number): void => {
    for (; seen[s] !== at; s++) {
      seen[s] = at;
      list.push(s);
      if (s === n || toks[s] !== ANY_RUN) return;
    }
  };
  add(live, 0, from);
  for (let p = from; ; p++) {
    if (seen[n] === p && !visit(p)) return;
    if (p >= text.length) return;
    const c = text[p];
    const wild = !(stopAtSlash && c === '/');
    const next: number[] = [];
    for (const s of live) {
      if (s === n) continue;
      const t = toks[s];
      if (t === ANY_RUN) {
        if (wild) add(next, s, p + 1);
      } else if ((t === ANY_ONE && wild) || t === c) add(next, s + 1, p + 1);
    }
    if (!next.length) return;
    live = next;
  }
}

/** Whether the whole of `text` matches. */
export function wildcardMatches(w: Wildcard, text: string): boolean {
  let whole = false;
  matchEnds(w, text, 0, (end) => {
    whole = end === text.length;
    return !whole;
  });
  return whole;
}

/**
 * The leftmost match at or after `from`, the longest there (as a greedy `.*` finds it), or undefined.
 * Every start is tried at once: each live state keeps the earliest start that reached it.
 */
export function findMatch(w: Wildcard, text: string, from: number): { start: number; end: number } | undefined {
  const { toks, stopAtSlash } = w;
  const n = toks.length;
  const seen = new Int32Array(n + 1).fill(-1);
  let startOf = new Int32Array(n + 1);
  let nextStart = new Int32Array(n + 1);
  let live: number[] = [];
  let bestStart = -1;
  let bestEnd = -1;
  const add = (list: number[], starts: Int32Array, s: number, at: number, start: number): void => {
    for (; ; s++) {
      if (seen[s] === at) {
        if (start < starts[s]) starts[s] = start;
        else return;
      } else {
        seen[s] = at;
        starts[s] = start;
        list.push(s);
      }
      if (s === n || toks[s] !== ANY_RUN) return;
    }
  };
  for (let p = from; ; p++) {
    // a match may start here until one has been found (a later start is never leftmost)
    if (bestStart < 0) add(live, startOf, 0, p, p);
    if (seen[n] === p && (bestStart < 0 || startOf[n] <= bestStart)) {
      bestStart = startOf[n];
      bestEnd = p;
    }
    if (p >= text.length) break;
    const c = text[p];
    const wild = !(stopAtSlash && c === '/');
    const next: number[] = [];
    for (const s of live) {
      if (s === n || (bestStart >= 0 && startOf[s] > bestStart)) continue;
      const t = toks[s];
      if (t === ANY_RUN) {
        if (wild) add(next, nextStart, s, p + 1, startOf[s]);
      } else if ((t === ANY_ONE && wild) || t === c) add(next, nextStart, s + 1, p + 1, startOf[s]);
    }
    if (!next.length && bestStart >= 0) break;
    live = next;
    [startOf, nextStart] = [nextStart, startOf];
  }
  return bestStart >= 0 ? { start: bestStart, end: bestEnd } : undefined;
}
