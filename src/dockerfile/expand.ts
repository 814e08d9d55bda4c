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

function isNameChar(c: string): boolean {
  return /[A-Za-z0-9_]/.test(c);
}

/**
 * Process one word: remove quotes and escapes, expand variables with `lookup` (when `lookup` is null,
 * references are kept verbatim but quotes are still removed).
 */
export function processWord(word: string, lookup: Lookup | null, escape = '\\'): Expansion {
  const refs: VarRef[] = [];
  const undef: VarRef[] = [];
  let i = 0;

  const peek = () => (i < word.length ? word[i] : '');

  function lookupVar(name: string, offset: number, end: number, guarded: boolean): string | undefined {
    const special = SPECIAL.has(name) || /^\d+$/.test(name);
    const ref = { name, offset, end, guarded };
    if (!special) refs.push(ref);
    if (special) return lookup ? '' : undefined;
    if (!lookup) return undefined;
    const v = lookup(name);
    if (v === undefined && !guarded) undef.push(ref);
    return v;
  }

  function readName(): string {
    const c = peek();
    if (/\d/.test(c)) {
      let n = '';
      while (/\d/.test(peek())) n += word[i++];
      return n;
    }
    if (SPECIAL.has(c)) {
      i++;
      return c;
    }
    let n = '';
    while (i < word.length && isNameChar(word[i])) n += word[i++];
    return n;
  }

  // Reads the modifier word inside ${...} up to the matching '}', processing quotes and nested expansions.
  function readUntilBrace(): string {
    let out = '';
    while (i < word.length) {
      const c = word[i];
      if (c === '}') return out;
      if (c === escape && i + 1 < word.length) {
        out += word[i + 1];
        i += 2;
        continue;
      }
      if (c === "'") out += singleQuoted();
      else if (c === '"') out += doubleQuoted();
      else if (c === '$') out += dollar();
      else {
        out += c;
        i++;
      }
    }
    throw new ExpandError('missing \'}\'');
  }

  function dollar(): string {
    const start = i;
    i++; // $
    if (peek() === '{') {
      i++;
      if (peek() === '}') throw new ExpandError('bad substitution: ${}');
      const name = readName();
      if (!name) throw new ExpandError(`bad substitution: \${${word.slice(i, i + 1)}`);
      const c = peek();
      if (c === '}') {
        i++;
        const raw = word.slice(start, i);
        const v = lookupVar(name, start, i, false);
        return v ?? (lookup ? '' : raw);
      }
      if (c === ':' || c === '-' || c === '+' || c === '?') {
        let colon = false;
        if (c === ':') {
          colon = true;
          i++;
        }
        const mod = peek();
        if (!['-', '+', '?'].includes(mod)) throw new ExpandError(`unsupported modifier (${mod}) in substitution`);
        i++;
        const arg = readUntilBrace();
        i++; // }
        const raw = word.slice(start, i);
        const v = lookupVar(name, start, i, true);
        if (!lookup) return raw;
        const unsetOrEmpty = colon ? v === undefined || v === '' : v === undefined;
        if (mod === '-') return unsetOrEmpty ? arg : (v ?? '');
        if (mod === '+') return unsetOrEmpty ? '' : arg;
        if (unsetOrEmpty) throw new ExpandError(`${name}: ${arg || 'is not allowed to be unset'}`);
        return v ?? '';
      }
      if (c === '#' || c === '%' || c === '/') {
        i++;
        let longest = false;
        if (peek() === c) {
          longest = true;
          i++;
        }
        let pattern: string;
        let replacement = '';
        if (c === '/') {
          let p = '';
          while (i < word.length && word[i] !== '/' && word[i] !== '}') {
            if (word[i] === escape && i + 1 < word.length) {
              p += word[i] + word[i + 1];
              i += 2;
            } else p += word[i++];
          }
          pattern = p;
          if (peek() === '/') {
            i++;
            replacement = readUntilBrace();
          }
        } else pattern = readUntilBrace();
        if (peek() !== '}') throw new ExpandError("missing '}'");
        i++;
        const raw = word.slice(start, i);
        const v = lookupVar(name, start, i, false);
        if (!lookup) return raw;
        const value = v ?? '';
        if (c === '#') return trimPrefix(value, pattern, longest);
        if (c === '%') return trimSuffix(value, pattern, longest);
        return replace(value, pattern, replacement, longest);
      }
      throw new ExpandError(`unsupported modifier (${c}) in substitution`);
    }
    const name = readName();
    if (!name) return '$';
    const raw = word.slice(start, i);
    const v = lookupVar(name, start, i, false);
    return v ?? (lookup ? '' : raw);
  }

  function singleQuoted(): string {
    i++;
    let out = '';
    while (i < word.length && word[i] !== "'") out += word[i++];
    if (i >= word.length) throw new ExpandError('unexpected end of statement while looking for matching single-quote');
    i++;
    return out;
  }

  function doubleQuoted(): string {
    i++;
    let out = '';
    while (i < word.length && word[i] !== '"') {
      const c = word[i];
      if (c === '$') {
        out += dollar();
        continue;
      }
      if (c === escape) {
        const n = word[i + 1];
        if (n === undefined) {
          i++;
          continue;
        }
        if (n === '"' || n === '$' || n === escape) {
          out += n;
          i += 2;
          continue;
        }
      }
      out += c;
      i++;
    }
    if (i >= word.length) throw new ExpandError('unexpected end of statement while looking for matching double-quote');
    i++;
    return out;
  }

  let value = '';
  try {
    while (i < word.length) {
      const c = word[i];
      if (c === "'") value += singleQuoted();
      else if (c === '"') value += doubleQuoted();
      else if (c === '$') value += dollar();
      else if (c === escape) {
        if (i + 1 < word.length) value += word[i + 1];
        i += 2;
      } else {
        value += c;
        i++;
      }
    }
  } catch (e) {
    if (e instanceof ExpandError) return { value: word, refs, undefinedRefs: undef, error: e.message };
    throw e;
  }
  return { value, refs, undefinedRefs: undef };
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
