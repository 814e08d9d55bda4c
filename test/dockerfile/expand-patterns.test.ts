import { describe, expect, it } from 'vitest';
import { seeded } from '../helpers/seeded.js';
import { processWord } from '../../src/dockerfile/expand.js';

// The RegExp formulation of the same operations: the reference for short inputs, where backtracking is harmless.
function globToRegex(pattern: string): string {
  let re = '';
  for (let k = 0; k < pattern.length; k++) {
    const c = pattern[k]!;
    if (c === '\\' && k + 1 < pattern.length) re += esc(pattern[++k]!);
    else if (c === '*') re += '.*';
    else if (c === '?') re += '.';
    else re += esc(c);
  }
  return re;
}
const esc = (c: string) => c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
function refPrefix(value: string, pattern: string, longest: boolean): string {
  let best = -1;
  for (let k = 0; k <= value.length; k++) {
    if (new RegExp(`^(?:${globToRegex(pattern)})$`, 's').test(value.slice(0, k))) {
      best = k;
      if (!longest) break;
    }
  }
  return best >= 0 ? value.slice(best) : value;
}
function refSuffix(value: string, pattern: string, longest: boolean): string {
  const test = (k: number) => new RegExp(`^(?:${globToRegex(pattern)})$`, 's').test(value.slice(k));
  if (longest) {
    for (let k = 0; k <= value.length; k++) if (test(k)) return value.slice(0, k);
    return value;
  }
  for (let k = value.length; k >= 0; k--) if (test(k)) return value.slice(0, k);
  return value;
}
function refReplace(value: string, pattern: string, replacement: string, all: boolean): string {
  if (!pattern) return value;
  return value.replace(new RegExp(globToRegex(pattern), all ? 'gs' : 's'), () => replacement);
}

const expand = (word: string, value: string) => processWord(word, (n) => (n === 'X' ? value : undefined)).value;

describe('shell patterns in ${v#p}, ${v%p} and ${v/p/r}', () => {
  it('strip the shortest or longest prefix or suffix and replace the first or every match', () => {
    expect(expand('${X#*/}', 'a/b/c')).toBe('b/c');
    expect(expand('${X##*/}', 'a/b/c')).toBe('c');
    expect(expand('${X%/*}', 'a/b/c')).toBe('a/b');
    expect(expand('${X%%/*}', 'a/b/c')).toBe('a');
    expect(expand('${X/b/B}', 'abcb')).toBe('aBcb');
    expect(expand('${X//b/B}', 'abcb')).toBe('aBcB');
    expect(expand('${X#v?.}', 'v1.2')).toBe('2');
  });

  it('agree with the RegExp formulation on generated patterns and values', () => {
    const { rnd, pick } = seeded(11);
    let compared = 0;
    for (let k = 0; k < 4000; k++) {
      const value = Array.from({ length: Math.floor(rnd() * 9) }, () => pick('ab/.\n')).join('');
      const pattern = Array.from({ length: 1 + Math.floor(rnd() * 5) }, () => pick('ab/.*?*')).join('');
      for (const longest of [false, true]) {
        expect(expand(`\${X${longest ? '##' : '#'}${pattern}}`, value), `# ${pattern} ${JSON.stringify(value)}`).toBe(refPrefix(value, pattern, longest));
        expect(expand(`\${X${longest ? '%%' : '%'}${pattern}}`, value), `% ${pattern} ${JSON.stringify(value)}`).toBe(refSuffix(value, pattern, longest));
        if (!pattern.includes('/')) {
          expect(expand(`\${X${longest ? '//' : '/'}${pattern}/R}`, value), `/ ${pattern} ${JSON.stringify(value)}`).toBe(refReplace(value, pattern, 'R', longest));
        }
        compared++;
      }
    }
    expect(compared).toBe(8000);
  });

  it('stay linear on patterns that make a backtracking RegExp run for minutes', () => {
    const value = `${'a'.repeat(40)}c`;
    const pattern = `*a*a*a*a*a*a*a*a*a*a*a*b`;
    expect(expand(`\${X%%${pattern}}`, value)).toBe(value);
    expect(expand(`\${X##${pattern}}`, value)).toBe(value);
    expect(expand(`\${X//${pattern}/q}`, value)).toBe(value);
    const long = 'a'.repeat(20_000);
    expect(expand('${X//a*b/q}', long)).toBe(long);
    expect(expand('${X%%a*b}', long)).toBe(long);
  });
});
