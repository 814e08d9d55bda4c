// Wildcard patterns matched in time proportional to pattern times text. The patterns come from the files
// being linted (`${v%%pattern}`, `rm -rf /tmp/*.tgz`, `.dockerignore`); compiled to JavaScript RegExps
// they backtrack, and a crafted one ran for minutes on a 40-character text. Here a pattern is a token
// list run as an automaton: the set of live token positions is advanced one character (code point) at
// a time, as Go's regular expressions, which BuildKit uses for the same patterns, do.

/** `?`: any one character (not `/` in a path pattern) */
export const ANY_ONE = { one: true } as const;
/** `*`: any run of characters (not `/` in a path pattern) */
export const ANY_RUN = { run: true } as const;
/** `**` followed by more pattern in `.dockerignore`: any number of whole directories, none included */
export const ANY_DIRS = { dirs: true } as const;
/** `**` at the end of a `.dockerignore` pattern: anything */
export const ANY_REST = { rest: true } as const;

/** `[...]`: code point ranges, or anything outside them when negated */
export interface CharClass {
  readonly negated: boolean;
  readonly ranges: readonly (readonly [number, number])[];
}

export type WildcardToken = string | typeof ANY_ONE | typeof ANY_RUN | typeof ANY_DIRS | typeof ANY_REST | CharClass;

export interface Wildcard {
  readonly toks: readonly WildcardToken[];
  /** `*` and `?` do not match `/` (path globs) */
  readonly stopAtSlash: boolean;
}

/** Compile a pattern of `*`, `?` and literal characters; with `escapes`, `\` makes the next character literal. */
export function wildcard(pattern: string, o: { escapes: boolean; stopAtSlash: boolean }): Wildcard {
  const toks: WildcardToken[] = [];
  const chars = [...pattern];
  for (let k = 0; k < chars.length; k++) {
    const c = chars[k];
    if (o.escapes && c === '\\' && k + 1 < chars.length) toks.push(chars[++k]);
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
 * The automaton of a pattern of n tokens. States 0..n are token positions (n: matched); state n+1+d is
 * "inside the directories of the ANY_DIRS token d", which reads any characters and leaves after a `/`.
 */
class Automaton {
  private readonly n: number;
  private readonly seen: Int32Array;

  constructor(private readonly w: Wildcard) {
    this.n = w.toks.length;
    this.seen = new Int32Array(2 * this.n + 2).fill(-1);
  }

  get accept(): number {
    return this.n;
  }

  /** Whether state s is in the list built at step `at`. */
  has(s: number, at: number): boolean {
    return this.seen[s] === at;
  }

  /**
   * Adds a state and those reachable from it without reading (a `*` or `**` may match nothing). With
   * `starts`, each state keeps the earliest start that reached it, and an earlier one is passed on.
   */
  add(list: number[], from: number, at: number, starts?: Int32Array, start = 0): void {
    const { n, seen } = this;
    const toks = this.w.toks;
    for (let s = from; ; s++) {
      if (seen[s] === at) {
        if (!starts || start >= starts[s]) return;
        starts[s] = start;
      } else {
        seen[s] = at;
        list.push(s);
        if (starts) starts[s] = start;
      }
      if (s >= n) return;
      const t = toks[s];
      if (t === ANY_DIRS) {
        const inside = n + 1 + s;
        if (seen[inside] !== at) {
          seen[inside] = at;
          list.push(inside);
          if (starts) starts[inside] = start;
        } else if (starts && start < starts[inside]) starts[inside] = start;
      } else if (t !== ANY_RUN && t !== ANY_REST) return;
    }
  }

  /** The states reached from `s` by reading `c`, before the closure: calls `to` with each. */
  step(s: number, c: string, to: (next: number) => void): void {
    const n = this.n;
    if (s > n) {
      // inside `(.*/)?`: any character (Go's `.` stops at newlines); a `/` may end it
      if (c !== '\n') to(s);
      if (c === '/') to(s - n);
      return;
    }
    if (s === n) return;
    const t = this.w.toks[s];
    const wild = !(this.w.stopAtSlash && c === '/');
    if (typeof t === 'string') {
      if (t === c) to(s + 1);
    } else if (t === ANY_RUN) {
      if (wild) to(s);
    } else if (t === ANY_ONE) {
      if (wild) to(s + 1);
    } else if (t === ANY_REST) {
      if (c !== '\n') to(s);
    } else if ('ranges' in t) {
      const cp = c.codePointAt(0)!;
      if (t.ranges.some(([a, b]) => cp >= a && cp <= b) !== t.negated) to(s + 1);
    }
  }
}

/** The character (code point) at `p`. */
function charAt(text: string, p: number): string {
  const c = text.charCodeAt(p);
  return c >= 0xd800 && c <= 0xdbff && p + 1 < text.length ? text.slice(p, p + 2) : text[p];
}

/**
 * Where a match of the whole pattern can end when it starts at `from` (checked at `from` itself too):
 * `visit` gets each end in increasing order and returns false to stop.
 */
export function matchEnds(w: Wildcard, text: string, from: number, visit: (end: number) => boolean): void {
  const a = new Automaton(w);
  let live: number[] = [];
  a.add(live, 0, from);
  for (let p = from; ; ) {
    if (a.has(a.accept, p) && !visit(p)) return;
    if (p >= text.length) return;
    const c = charAt(text, p);
    const q = p + c.length;
    const next: number[] = [];
    for (const s of live) a.step(s, c, (t) => a.add(next, t, q));
    if (!next.length) return;
    live = next;
    p = q;
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

/** Whether `path` or one of its parent directories (a prefix ending before a `/`) matches the whole pattern. */
export function matchesOrParent(w: Wildcard, path: string): boolean {
  let hit = false;
  matchEnds(w, path, 0, (end) => {
    hit = end === path.length || (end > 0 && path[end] === '/');
    return !hit;
  });
  return hit;
}

/**
 * The leftmost match at or after `from`, the longest there (as a greedy `.*` finds it), or undefined.
 * Every start is tried at once: each live state keeps the earliest start that reached it.
 */
export function findMatch(w: Wildcard, text: string, from: number): { start: number; end: number } | undefined {
  const a = new Automaton(w);
  const size = 2 * w.toks.length + 2;
  let startOf = new Int32Array(size);
  let nextStart = new Int32Array(size);
  let live: number[] = [];
  let bestStart = -1;
  let bestEnd = -1;
  for (let p = from; ; ) {
    // a match may start here until one has been found (a later start is never leftmost)
    if (bestStart < 0) a.add(live, 0, p, startOf, p);
    if (a.has(a.accept, p) && (bestStart < 0 || startOf[a.accept] <= bestStart)) {
      bestStart = startOf[a.accept];
      bestEnd = p;
    }
    if (p >= text.length) break;
    const c = charAt(text, p);
    const q = p + c.length;
    const next: number[] = [];
    for (const s of live) {
      if (bestStart >= 0 && startOf[s] > bestStart) continue;
      a.step(s, c, (t) => a.add(next, t, q, nextStart, startOf[s]));
    }
    if (!next.length && bestStart >= 0) break;
    live = next;
    [startOf, nextStart] = [nextStart, startOf];
    p = q;
  }
  return bestStart >= 0 ? { start: bestStart, end: bestEnd } : undefined;
}
