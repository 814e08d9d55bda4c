// .dockerignore matching with BuildKit's semantics (moby/patternmatcher): patterns are cleaned paths
// where `*` is any run of characters but `/`, `?` one character but `/`, `**` any number of
// directories, `[...]` a character class and `\` escapes the next character; a path is excluded when
// it or one of its parent directories matches the last pattern that concerns it (`!` re-includes).
//
// BuildKit turns each pattern into a Go regular expression, which runs in linear time. A JavaScript
// RegExp backtracks instead: `**/**/a*a*a*a*a*a*a*b` against a 45-character name did not finish in a
// minute, and characters such as `(` made the RegExp invalid. So patterns are compiled to tokens here
// and run on the linear automaton of core/wildcard.ts.
import { posix } from 'node:path';
import { ANY_DIRS, ANY_ONE, ANY_REST, ANY_RUN, matchesOrParent, type CharClass, type Wildcard, type WildcardToken } from '../core/wildcard.js';

interface Pattern {
  readonly text: string;
  readonly exclusion: boolean;
  readonly glob: Wildcard;
}

/** Go's filepath.Clean for slash paths, as BuildKit applies it to every pattern. */
function clean(p: string): string {
  const c = posix.normalize(p);
  return c.length > 1 && c.endsWith('/') ? c.slice(0, -1) : c;
}

/** The tokens of a cleaned pattern, or undefined when it is malformed (BuildKit rejects the file then). */
function compile(pattern: string): WildcardToken[] | undefined {
  const chars = [...pattern];
  const tokens: WildcardToken[] = [];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i];
    if (ch === '*') {
      if (chars[i + 1] === '*') {
        i++;
        if (chars[i + 1] === '/') i++;
        tokens.push(i + 1 >= chars.length ? ANY_REST : ANY_DIRS);
      } else tokens.push(ANY_RUN);
    } else if (ch === '?') tokens.push(ANY_ONE);
    else if (ch === '\\') {
      if (i + 1 < chars.length) tokens.push(chars[++i]);
      else return undefined; // filepath.Match: a trailing backslash is a bad pattern
    } else if (ch === '[') {
      const cls = readClass(chars, i + 1);
      if (!cls) return undefined;
      tokens.push(cls.token);
      i = cls.end;
    } else if (ch === ']') return undefined;
    else tokens.push(ch);
  }
  return tokens;
}

/** A character class starting after its `[`: `^` negates, `a-z` is a range, `\` escapes. */
function readClass(chars: readonly string[], from: number): { token: CharClass; end: number } | undefined {
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
  return { token: { negated, ranges }, end: i };
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
      this.patterns.push({ text: p, exclusion, glob: { toks: tokens, stopAtSlash: true } });
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
      if (matchesOrParent(p.glob, file)) matched = !p.exclusion;
    }
    return matched;
  }
}
