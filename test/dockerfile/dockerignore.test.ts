import dockerignore from '@balena/dockerignore';
import { describe, expect, it } from 'vitest';
import { seeded } from '../helpers/seeded.js';
import { DockerIgnore, readIgnoreFile } from '../../src/dockerfile/dockerignore.js';

const ignores = (patterns: string[], path: string) => new DockerIgnore(patterns).ignores(path);

describe('.dockerignore matching (BuildKit semantics)', () => {
  it('wildcards: * and ? stop at /, ** crosses directories, classes and escapes', () => {
    expect(ignores(['*.md'], 'README.md')).toBe(true);
    expect(ignores(['*.md'], 'docs/a.md')).toBe(false);
    expect(ignores(['**/*.md'], 'docs/a.md')).toBe(true);
    expect(ignores(['**/*.md'], 'a.md')).toBe(true);
    expect(ignores(['docs/**'], 'docs/x/y')).toBe(true);
    expect(ignores(['?.txt'], 'a.txt')).toBe(true);
    expect(ignores(['?.txt'], 'ab.txt')).toBe(false);
    expect(ignores(['[a-c]x'], 'bx')).toBe(true);
    expect(ignores(['[a-c]x'], 'dx')).toBe(false);
    expect(ignores(['[^a]x'], 'bx')).toBe(true);
    expect(ignores(['[^a]x'], 'ax')).toBe(false);
    expect(ignores(['\\*x'], '*x')).toBe(true);
    expect(ignores(['\\*x'], 'ax')).toBe(false);
  });

  it('a path is excluded when one of its parent directories matches; ! re-includes; the last match wins', () => {
    expect(ignores(['docs'], 'docs/a/b.md')).toBe(true);
    expect(ignores(['*/tmp'], 'a/tmp/x/y')).toBe(true);
    expect(ignores(['docs', '!docs/keep.md'], 'docs/keep.md')).toBe(false);
    expect(ignores(['docs', '!docs/keep.md'], 'docs/other.md')).toBe(true);
    expect(ignores(['!a', 'a'], 'a')).toBe(true);
    const ig = new DockerIgnore(['x', '!x/y']);
    expect(ig.hasExclusions).toBe(true);
  });

  it('cleans patterns and paths as BuildKit does: leading /, trailing /, ./ and ..', () => {
    expect(ignores(['/build'], 'build/out')).toBe(true);
    expect(ignores(['build/'], 'build')).toBe(true);
    expect(ignores(['./a/../b'], 'b')).toBe(true);
    expect(ignores(['b'], './b/')).toBe(true);
    expect(ignores(['*'], '.')).toBe(false);
  });

  it('regular-expression characters are literal, as in BuildKit', () => {
    expect(ignores(['foo(bar'], 'foo(bar')).toBe(true);
    expect(ignores(['a+'], 'a+')).toBe(true);
    expect(ignores(['a+'], 'aa')).toBe(false);
    expect(ignores(['x{1}|y$'], 'x{1}|y$')).toBe(true);
    expect(ignores(['a.b'], 'axb')).toBe(false);
  });

  it('malformed patterns (BuildKit rejects the file) match nothing and are listed; the others still work', () => {
    const ig = new DockerIgnore(['[z-a]', '[abc', ']', 'x\\', 'secret']);
    expect(ig.invalid).toEqual(['[z-a]', '[abc', ']', 'x\\']);
    expect(ig.ignores('secret')).toBe(true);
    expect(ig.ignores('z')).toBe(false);
  });

  it('reads the file as BuildKit does: BOM, comments only at the start of a line, ! with spaces', () => {
    expect(readIgnoreFile('\uFEFF# comment\r\nnode_modules\r\n  # not a comment\n\n!  /keep/\n/abs/path/\n')).toEqual(['node_modules', '# not a comment', '!keep', 'abs/path']);
  });

  it('stays linear on patterns that make a backtracking RegExp run for minutes', () => {
    const ig = new DockerIgnore(['**/**/**/**/**/**/**/**/**/**/a*a*a*a*a*a*a*a*a*a*a*a*b', `${'*'.repeat(20_000)}x`]);
    expect(ig.ignores(`${'a'.repeat(45)}c`)).toBe(false);
    expect(ig.ignores(Array(40).fill('aaaa').join('/'))).toBe(false);
    expect(ig.ignores(`${'a'.repeat(45)}b`)).toBe(true);
    // 20,000 stars are 10,000 `**`: directories, then x
    expect(ig.ignores('d/e/x')).toBe(true);
    expect(ig.ignores('zzzx')).toBe(false);
  });

  it('agrees with @balena/dockerignore on generated patterns without regular-expression characters', () => {
    const make = ((dockerignore as unknown as { default?: typeof dockerignore }).default ?? dockerignore) as unknown as (o: { ignorecase: boolean }) => { add(p: string[]): { ignores(p: string): boolean } };
    const { rnd, pick } = seeded(7);
    const segs = ['a', 'b', 'ab', 'node_modules', '.git', 'x.go', 'src', '*', '?', '**', '*.go', 'a*', '[ab]', '[^a]*', 'a?b', '[a-c]x', '.env', 'b*c'];
    const names = ['a', 'b', 'ab', 'node_modules', '.git', 'x.go', 'src', 'abc', 'bc', 'cx', 'axb', '.env', 'y.go', 'q'];
    let compared = 0;
    for (let k = 0; k < 1000; k++) {
      const patterns = Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => {
        const p = Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => pick(segs)).join('/');
        return `${rnd() < 0.2 ? '!' : ''}${rnd() < 0.1 ? '/' : ''}${p}`;
      });
      const lib = make({ ignorecase: false }).add(patterns);
      const ours = new DockerIgnore(patterns);
      for (let m = 0; m < 20; m++) {
        const path = Array.from({ length: 1 + Math.floor(rnd() * 4) }, () => pick(names)).join('/');
        expect(ours.ignores(path), `${patterns.join(' ; ')} :: ${path}`).toBe(lib.ignores(path));
        compared++;
      }
    }
    expect(compared).toBe(20_000);
  });
});
