// .dockerignore matching with BuildKit's semantics (moby/patternmatcher): patterns are cleaned paths
// where `*` is any run of characters but `/`, `?` one character but `/`, `**` any number of
// directories, `[...]` a character class and `\` escapes the next character; a path is excluded when
// it or one of its parent directories matches the last pattern that concerns it (`!` re-includes).
//
// BuildKit turns each pattern into a Go regular expression, which runs in linear time. A JavaScript
// RegExp backtracks instead: `**/**/a*a*a*a*a*a*a*b` against a 45-character name did not finish in a
// minute, and characters such as `(` made the RegExp invalid. So patterns are compiled to a small token
// list here and matched by simulating the automaton, in time proportional to pattern times path.
import { posix } from 'node:path';

type Token =
  | { readonly kind: 'char'; readonly ch: string }
  /** `*`: any characters but `/` */
  | { readonly kind: 'star' }
  /** `?`: one character but `/` */
  | { readonly kind: 'one' }
  /** `[...]` */
  | { readonly kind: 'class'; readonly negated: boolean; readonly ranges: readonly (readonly [number, number])[] }
  /** `**` followed by more pattern: any number of whole directories (none included) */
  | { readonly kind: 'dirs' }
  /** `**` at the end: anything */
  | { readonly kind: 'rest' };

interface Pattern {
  readonly text: string;
  readonly exclusion: boolean;
  readonly tokens: readonly Token[];
}

/** Go's filepath.Clean for slash paths, as BuildKit applies it to every pattern. */
function clean(p: string): string {
  const c = posix.normalize(p);
  return c.length > 1 && c.endsWith('/') ? c.slice(0, -1) : c;
}

/** The tokens of a cleaned pattern, or undefined when it is malformed (BuildKit rejects the file then). */
function compile(pattern: string): Token[] | undefined {
  const chars = [...pattern];
  const tokens: Token[] = [];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i];
    if (ch === '*') {
      if (chars[i + 1] === '*') {
        i++;
        if (chars[i + 1] === '/') i++;
        tokens.push({ kind: i + 1 >= chars.length ? 'rest' : 'dirs' });
      } else tokens.push({ kind: 'star' });
    } else if (ch === '?') tokens.push({ kind: 'one' });
    else if (ch === '\\') {
      if (i + 1 < chars.length) tokens.push({ kind: 'char', ch: chars[++i] });
      else return undefined; // filepath.Match: a trailing backslash is a bad pattern
    } else if (ch === '[') {
      const cls = readClass(chars, i + 1);
      if (!cls) return undefined;
      tokens.push(cls.token);
      i = cls.end;
    } else if (ch === ']') return undefined;
    else tokens.push({ kind: 'char', ch });
  }
  return tokens;
}

/** A character class starting after its `[`: `^` negates, `a-z` is a range, `\` escapes. */
function readClass(chars: readonly string[], from: number): { token: Token; end: number } | undefined {
  let i = from;
  const negated = chars[i] === '^';
  if (negated) i++;
  const ranges: [number, number][] = [];
  let first = true;
  for (;;) {
    if (i >= chars.length) return undefined;
    if (chars[i] === ']' && !first) break;
    first = false;
    let lo = chars[i];
    if (lo === '\\') {
      if (++i >= chars.length) return undefined;
      lo = chars[i];
    }
    let hi = lo;
    if (chars[i + 1] === '-' && chars[i + 2] !== undefined && chars[i + 2] !== ']') {
      i += 2;
      hi = chars[i];
      if (hi === '\\') {
        if (++i >= chars.length) return undefined;
        hi = chars[i];
      }
    }
    const a = lo.codePointAt(0)!;
    const b = hi.codePointAt(0)!;
    if (b < a) return undefined;
    ranges.push([a, b]);
    i++;
  }
  return { token: { kind: 'class', negated, ranges }, end: i };
}

function step(t: Token, ch: string): boolean {
  switch (t.kind) {
    case 'char':
      return t.ch === ch;
    case 'one':
      return ch !== '/';
    case 'class': {
      const c = ch.codePointAt(0)!;
      const inside = t.ranges.some(([a, b]) => c >= a && c <= b);
      return inside !== t.negated;
    }
    default:
      return false;
  }
}

/**
 * Whether `path` or one of its parent directories matches the whole pattern. States are token
 * positions, plus "inside the directories of a `dirs` token" for each (offset by the token count). One
 * pass over the path keeps the list of live states; at each `/` the prefix before it (a parent
 * directory) is checked, so all parents cost no more than the path itself.
 */
function matchesOrParent(tokens: readonly Token[], path: string): boolean {
  const n = tokens.length;
  // which states are in the list being built, by the step that added them
  const seen = new Int32Array(2 * n + 2).fill(-1);
  let stepNo = 0;
  let live: number[] = [];
  // adds a state and those reachable from it without reading (`*`, `**` and `(.*/)?` may match nothing)
  const add = (list: number[], from: number): void => {
    for (let s = from; seen[s] !== stepNo; s++) {
      seen[s] = stepNo;
      list.push(s);
      if (s >= n) return;
      const t = tokens[s];
      if (t.kind === 'dirs' && seen[n + 1 + s] !== stepNo) {
        seen[n + 1 + s] = stepNo;
        list.push(n + 1 + s);
      } else if (t.kind !== 'dirs' && t.kind !== 'star' && t.kind !== 'rest') return;
    }
  };
  add(live, 0);
  let i = 0;
  for (const ch of path) {
    // a parent directory (the path up to this slash) matches
    if (ch === '/' && i > 0 && seen[n] === stepNo) return true;
    i++;
    stepNo++;
    const next: number[] = [];
    for (const s of live) {
      if (s > n) {
        // inside the `.*/` of a `dirs` token: any character (Go's `.` stops at newlines); a `/` may end it
        if (ch !== '\n' && seen[s] !== stepNo) {
          seen[s] = stepNo;
          next.push(s);
        }
        if (ch === '/') add(next, s - n);
        continue;
      }
      if (s === n) continue;
      const t = tokens[s];
      if (t.kind === 'star') {
        if (ch !== '/') add(next, s);
      } else if (t.kind === 'rest') {
        if (ch !== '\n') add(next, s);
      } else if (t.kind !== 'dirs' && step(t, ch)) add(next, s + 1);
    }
    if (!next.length) return false;
    live = next;
  }
  return seen[n] === stepNo;
}

/** The patterns of a .dockerignore file as BuildKit reads them: comments and blank lines dropped, cleaned, `/` prefix removed. */
export function readIgnoreFile(text: string): string[] {
  const out: string[] = [];
  for (const line of text.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    if (line.startsWith('#')) continue;
    let p = line.trim();
    if (!p) continue;
    const invert = p.startsWith('!');
    if (invert) p = p.slice(1).trim();
    if (p) {
      p = clean(p);
      if (p.length > 1 && p.startsWith('/')) p = p.slice(1);
    }
    out.push(invert ? `!${p}` : p);
  }
  return out;
}

/** A compiled .dockerignore: which context paths it excludes. */
export class DockerIgnore {
  private readonly patterns: Pattern[] = [];
  /** Patterns BuildKit would reject (the build fails with a syntax error); they match nothing here. */
  readonly invalid: string[] = [];
  /** Some pattern re-includes (`!`): an excluded directory may still have files sent below it. */
  readonly hasExclusions: boolean;

  constructor(patterns: readonly string[]) {
    for (const raw of patterns) {
      let p = raw.trim();
      if (!p) continue;
      const exclusion = p.startsWith('!');
      if (exclusion) p = p.slice(1).trim();
      // as the file reader does: a pattern is relative to the context root even with a leading `/`
      if (p) p = clean(p);
      if (p.length > 1 && p.startsWith('/')) p = p.slice(1);
      const tokens = p ? compile(p) : undefined;
      if (!tokens) {
        this.invalid.push(raw);
        continue;
      }
      this.patterns.push({ text: p, exclusion, tokens });
    }
    this.hasExclusions = this.patterns.some((p) => p.exclusion);
  }

  /** Whether the context path (slash-separated, relative to the context root) is excluded. */
  ignores(path: string): boolean {
    const file = clean(path);
    if (file === '.') return false;
    let matched = false;
    for (const p of this.patterns) {
      // an inclusion cannot change a path already excluded, nor an exclusion one not excluded yet
      if (p.exclusion !== matched) continue;
      if (matchesOrParent(p.tokens, file)) matched = !p.exclusion;
    }
    return matched;
  }
}
