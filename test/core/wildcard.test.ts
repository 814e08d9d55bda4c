import { describe, expect, it } from 'vitest';
import { seeded } from '../helpers/seeded.js';
import { findMatch, wildcard, wildcardMatches } from '../../src/core/wildcard.js';

const toRegExp = (pattern: string, stopAtSlash: boolean) => {
  const any = stopAtSlash ? '[^/]' : '[\\s\\S]';
  let re = '';
  for (const c of pattern) re += c === '*' ? `${any}*` : c === '?' ? any : c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  return new RegExp(`^(?:${re})$`);
};

describe('wildcard patterns', () => {
  it('match like the RegExp formulation, with and without `/` as a boundary', () => {
    const { rnd, pick } = seeded(3);
    for (let k = 0; k < 5000; k++) {
      const text = Array.from({ length: Math.floor(rnd() * 8) }, () => pick('ab/.')).join('');
      const pattern = Array.from({ length: Math.floor(rnd() * 5) }, () => pick('ab/.*?')).join('');
      for (const stopAtSlash of [false, true]) {
        expect(wildcardMatches(wildcard(pattern, { escapes: false, stopAtSlash }), text), `${pattern} ${text} ${stopAtSlash}`).toBe(toRegExp(pattern, stopAtSlash).test(text));
      }
    }
  });

  it('find the leftmost, then longest, match', () => {
    const w = wildcard('b*c', { escapes: false, stopAtSlash: false });
    expect(findMatch(w, 'abxcbc', 0)).toEqual({ start: 1, end: 6 });
    expect(findMatch(w, 'abxcbc', 2)).toEqual({ start: 4, end: 6 });
    expect(findMatch(w, 'axc', 0)).toBeUndefined();
    expect(findMatch(wildcard('x*', { escapes: false, stopAtSlash: true }), 'ax/b', 0)).toEqual({ start: 1, end: 2 });
  });

  it('stay linear where a backtracking RegExp runs for minutes', () => {
    const w = wildcard('/*a*a*a*a*a*a*a*a*a*a*a*b/*a*a*a*a*a*a*a*a*a*a*a*b', { escapes: false, stopAtSlash: true });
    const name = `${'a'.repeat(60)}c`;
    expect(wildcardMatches(w, `/${name}/${name}`)).toBe(false);
    expect(findMatch(wildcard('a*b', { escapes: false, stopAtSlash: false }), 'a'.repeat(50_000), 0)).toBeUndefined();
  });
});
