/**
 * BuildKit's word processing for Dockerfile instructions (not the shell inside RUN): quotes, the escape
 * character and `$var` / `${var...}` expansion with the modifiers BuildKit supports.
 */
import { findMatch, matchEnds, reverseWildcard, wildcard, type Wildcard } from '../core/wildcard.js';

export interface VarRef {
  readonly name: string;
  /** Offset of the `$` in the input word. */
  readonly offset: number;
  /** Offset just after the reference. */
  readonly end: number;
  /** Whether the reference has a default/alternative (`${v:-x}`, `${v+x}`, `${v?x}`), so an unset variable is not a mistake. */
  readonly guarded: boolean;
}

export interface Expansion {
  readonly value: string;
  readonly refs: readonly VarRef[];
  /** Plain references to variables that are not defined. */
  readonly undefinedRefs: readonly VarRef[];
  readonly error?: string;
}

export type Lookup = (name: string) => string | undefined;

const SPECIAL = new Set(['@', '*', '#', '?', '-', '$', '!']);

class ExpandError extends Error {}

function isDigit(c: string): boolean {
  return c.length === 1 && c >= '0' && c <= '9';
}

function isNameChar(c: string): boolean {
  const k = c.charCodeAt(0);
  return (k >= 65 && k <= 90) || (k >= 97 && k <= 122) || (k >= 48 && k <= 57) || k === 95;
}

/**
 * Process one word: remove quotes and escapes, expand variables with `lookup` (when `lookup` is null,
 * references are kept verbatim but quotes are still removed).
 */
export function processWord(word: string, lookup: Lookup | null, escape = '\\'): Expansion {
  // nothing to expand, unquote or unescape: the word is its own value
  if (!word.includes('$') && !word.includes("'") && !word.includes('"') && !word.includes(escape)) return { value: word, refs: [], undefinedRefs: [] };
  return new WordProcessor(word, lookup, escape).run();
}

class WordProcessor {
  private i = 0;
  private readonly refs: VarRef[] = [];
  private readonly undef: VarRef[] = [];

  constructor(
    private readonly word: string,
    private readonly lookup: Lookup | null,
    private readonly escape: string,
  ) {}

  run(): Expansion {
    const word = this.word;
    let value = '';
    try {
      while (this.i < word.length) {
        const c = word[this.i];
        if (c === "'") value += this.singleQuoted();
        else if (c === '"') value += this.doubleQuoted();
        else if (c === '$') value += this.dollar();
        else if (c === this.escape) {
          if (this.i + 1 < word.length) value += word[this.i + 1];
          this.i += 2;
        } else {
          value += c;
          this.i++;
        }
      }
    } catch (e) {
      if (e instanceof ExpandError) return { value: word, refs: this.refs, undefinedRefs: this.undef, error: e.message };
      throw e;
    }
    return { value, refs: this.refs, undefinedRefs: this.undef };
  }

  private peek(): string {
    return this.i < this.word.length ? this.word[this.i] : '';
  }

  private lookupVar(name: string, offset: number, end: number, guarded: boolean): string | undefined {
    const special = SPECIAL.has(name) || /^\d+$/.test(name);
    const ref = { name, offset, end, guarded };
    if (!special) this.refs.push(ref);
    const lookup = this.lookup;
    if (special) return lookup ? '' : undefined;
    if (!lookup) return undefined;
    const v = lookup(name);
    if (v === undefined && !guarded) this.undef.push(ref);
    return v;
  }

  private readName(): string {
    const word = this.word;
    const c = this.peek();
    if (isDigit(c)) {
      let n = '';
      while (isDigit(this.peek())) n += word[this.i++];
      return n;
    }
    if (SPECIAL.has(c)) {
      this.i++;
      return c;
    }
    let n = '';
    while (this.i < word.length && isNameChar(word[this.i])) n += word[this.i++];
    return n;
  }

  // Reads the modifier word inside ${...} up to the matching '}', processing quotes and nested expansions.
  private readUntilBrace(): string {
    const word = this.word;
    let out = '';
    while (this.i < word.length) {
      const c = word[this.i];
      if (c === '}') return out;
      if (c === this.escape && this.i + 1 < word.length) {
        out += word[this.i + 1];
        this.i += 2;
        continue;
      }
      if (c === "'") out += this.singleQuoted();
      else if (c === '"') out += this.doubleQuoted();
      else if (c === '$') out += this.dollar();
      else {
        out += c;
        this.i++;
      }
    }
    throw new ExpandError('missing \'}\'');
  }

  private dollar(): string {
    const word = this.word;
    const lookup = this.lookup;
    const start = this.i;
    this.i++; // $
    if (this.peek() === '{') {
      this.i++;
      if (this.peek() === '}') throw new ExpandError('bad substitution: ${}');
      const name = this.readName();
      if (!name) throw new ExpandError(`bad substitution: \${${word.slice(this.i, this.i + 1)}`);
      const c = this.peek();
      if (c === '}') {
        this.i++;
        const raw = word.slice(start, this.i);
        const v = this.lookupVar(name, start, this.i, false);
        return v ?? (lookup ? '' : raw);
      }
      if (c === ':' || c === '-' || c === '+' || c === '?') {
        let colon = false;
        if (c === ':') {
          colon = true;
          this.i++;
        }
        const mod = this.peek();
        if (mod !== '-' && mod !== '+' && mod !== '?') throw new ExpandError(`unsupported modifier (${mod}) in substitution`);
        this.i++;
        const arg = this.readUntilBrace();
        this.i++; // }
        const raw = word.slice(start, this.i);
        const v = this.lookupVar(name, start, this.i, true);
        if (!lookup) return raw;
        const unsetOrEmpty = colon ? v === undefined || v === '' : v === undefined;
        if (mod === '-') return unsetOrEmpty ? arg : (v ?? '');
        if (mod === '+') return unsetOrEmpty ? '' : arg;
        if (unsetOrEmpty) throw new ExpandError(`${name}: ${arg || 'is not allowed to be unset'}`);
        return v ?? '';
      }
      if (c === '#' || c === '%' || c === '/') {
        this.i++;
        let longest = false;
        if (this.peek() === c) {
          longest = true;
          this.i++;
        }
        let pattern: string;
        let replacement = '';
        if (c === '/') {
          let p = '';
          while (this.i < word.length && word[this.i] !== '/' && word[this.i] !== '}') {
            if (word[this.i] === this.escape && this.i + 1 < word.length) {
              p += word[this.i] + word[this.i + 1];
              this.i += 2;
            } else p += word[this.i++];
          }
          pattern = p;
          if (this.peek() === '/') {
            this.i++;
            replacement = this.readUntilBrace();
          }
        } else pattern = this.readUntilBrace();
        if (this.peek() !== '}') throw new ExpandError("missing '}'");
        this.i++;
        const raw = word.slice(start, this.i);
        const v = this.lookupVar(name, start, this.i, false);
        if (!lookup) return raw;
        const value = v ?? '';
        if (c === '#') return trimPrefix(value, pattern, longest);
        if (c === '%') return trimSuffix(value, pattern, longest);
        return replace(value, pattern, replacement, longest);
      }
      throw new ExpandError(`unsupported modifier (${c}) in substitution`);
    }
    const name = this.readName();
    if (!name) return '$';
    const raw = word.slice(start, this.i);
    const v = this.lookupVar(name, start, this.i, false);
    return v ?? (lookup ? '' : raw);
  }

  private singleQuoted(): string {
    const word = this.word;
    this.i++;
    let out = '';
    while (this.i < word.length && word[this.i] !== "'") out += word[this.i++];
    if (this.i >= word.length) throw new ExpandError('unexpected end of statement while looking for matching single-quote');
    this.i++;
    return out;
  }

  private doubleQuoted(): string {
    const word = this.word;
    this.i++;
    let out = '';
    while (this.i < word.length && word[this.i] !== '"') {
      const c = word[this.i];
      if (c === '$') {
        out += this.dollar();
        continue;
      }
      if (c === this.escape) {
        const n = word[this.i + 1];
        if (n === undefined) {
          this.i++;
          continue;
        }
        if (n === '"' || n === '$' || n === this.escape) {
          out += n;
          this.i += 2;
          continue;
        }
      }
      out += c;
      this.i++;
    }
    if (this.i >= word.length) throw new ExpandError('unexpected end of statement while looking for matching double-quote');
    this.i++;
    return out;
  }
}

// Shell patterns of `${v#p}`, `${v%p}` and `${v/p/r}`: `*` is any string, `?` any one character, `\`
// makes the next character literal (BuildKit compiles them to Go regular expressions, without bracket
// expressions). They come from the Dockerfile, so they run on the linear matcher of core/wildcard.ts,
// not as JavaScript RegExps, which backtrack: `${X%%*a*a*a*a*a*a*a*a*a*a*a*b}` on a 40-character value
// ran for minutes.
const shellTokens = (pattern: string): Wildcard => wildcard(pattern, { escapes: true, stopAtSlash: false });

function reversed(s: string): string {
  let out = '';
  for (let k = s.length - 1; k >= 0; k--) out += s[k];
  return out;
}

/** `${v#p}` (shortest) and `${v##p}` (longest): the value without the prefix that matches. */
function trimPrefix(value: string, pattern: string, longest: boolean): string {
  let best = -1;
  matchEnds(shellTokens(pattern), value, 0, (end) => {
    best = end;
    return longest;
  });
  return best >= 0 ? value.slice(best) : value;
}

/** `${v%p}` (shortest) and `${v%%p}` (longest): a suffix match is a prefix match of both reversed. */
function trimSuffix(value: string, pattern: string, longest: boolean): string {
  let best = -1;
  matchEnds(reverseWildcard(shellTokens(pattern)), reversed(value), 0, (end) => {
    best = end;
    return longest;
  });
  return best >= 0 ? value.slice(0, value.length - best) : value;
}

/** `${v/p/r}` (first match) and `${v//p/r}` (all), matches as JavaScript's String.replace finds them. */
function replace(value: string, pattern: string, replacement: string, all: boolean): string {
  if (!pattern) return value;
  const toks = shellTokens(pattern);
  let out = '';
  let pos = 0;
  while (pos <= value.length) {
    const m = findMatch(toks, value, pos);
    if (!m) break;
    out += value.slice(pos, m.start) + replacement;
    // after an empty match the next search starts one character on
    if (m.end === m.start) {
      out += value.slice(m.start, m.start + 1);
      pos = m.start + 1;
    } else pos = m.end;
    if (!all) break;
  }
  return out + value.slice(pos);
}

/** Split `text` on unquoted whitespace the way BuildKit's parseWords does (quotes kept in the words). */
export function splitWords(text: string, escape = '\\'): { raw: string; start: number; end: number }[] {
  const out: { raw: string; start: number; end: number }[] = [];
  let i = 0;
  while (i < text.length) {
    while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
    if (i >= text.length) break;
    const start = i;
    let quote = '';
    while (i < text.length) {
      const c = text[i];
      if (!quote && (c === ' ' || c === '\t' || c === '\n' || c === '\r')) break;
      if (c === escape && quote !== "'" && i + 1 < text.length) {
        i += 2;
        continue;
      }
      if (quote) {
        if (c === quote) quote = '';
      } else if (c === '"' || c === "'") quote = c;
      i++;
    }
    out.push({ raw: text.slice(start, i), start, end: i });
  }
  return out;
}
