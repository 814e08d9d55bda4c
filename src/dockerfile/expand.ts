/**
 * BuildKit's word processing for Dockerfile instructions (not the shell inside RUN): quotes, the escape
 * character and `$var` / `${var...}` expansion with the modifiers BuildKit supports.
 */

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

function globToRegex(pattern: string): string {
  let re = '';
  for (let k = 0; k < pattern.length; k++) {
    const c = pattern[k];
    if (c === '\\' && k + 1 < pattern.length) {
      re += escapeRe(pattern[++k]);
    } else if (c === '*') re += '.*';
    else if (c === '?') re += '.';
    else re += escapeRe(c);
  }
  return re;
}

function escapeRe(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

function trimPrefix(value: string, pattern: string, longest: boolean): string {
  const re = new RegExp(`^(?:${globToRegex(pattern)})`, 's');
  let best = -1;
  for (let k = 0; k <= value.length; k++) {
    if (new RegExp(`${re.source}$`, 's').test(value.slice(0, k))) {
      best = k;
      if (!longest) break;
    }
  }
  return best >= 0 ? value.slice(best) : value;
}

function trimSuffix(value: string, pattern: string, longest: boolean): string {
  const src = globToRegex(pattern);
  let best = -1;
  for (let k = value.length; k >= 0; k--) {
    if (new RegExp(`^(?:${src})$`, 's').test(value.slice(k))) {
      best = k;
      if (!longest) break;
    }
  }
  if (longest) {
    for (let k = 0; k <= value.length; k++) {
      if (new RegExp(`^(?:${src})$`, 's').test(value.slice(k))) return value.slice(0, k);
    }
    return value;
  }
  return best >= 0 ? value.slice(0, best) : value;
}

function replace(value: string, pattern: string, replacement: string, all: boolean): string {
  if (!pattern) return value;
  const re = new RegExp(globToRegex(pattern), all ? 'gs' : 's');
  return value.replace(re, () => replacement);
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
