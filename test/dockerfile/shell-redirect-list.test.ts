import { beforeAll, describe, expect, it } from 'vitest';
import { loadShellParser } from '../../src/dockerfile/shell.js';
import { DockerfileSource } from '../../src/dockerfile/source.js';

beforeAll(() => loadShellParser());

function redirectsByCommand(run: string): [string, string[]][] {
  const s = DockerfileSource.parse('Dockerfile', `FROM debian\nRUN ${run}\n`);
  return s.commands(s.instructions[1]).map((c) => [c.program, c.redirects.map((r) => `${r.op}${r.target?.value ?? ''}`)]);
}

describe('redirects after a list or pipeline', () => {
  it('belong to the last command of `a && b > f`', () => {
    expect(redirectsByCommand('mkdir /b && echo hi > /c')).toEqual([
      ['mkdir', []],
      ['echo', ['>/c']],
    ]);
  });
  it('belong to the last command of `a | b > f`', () => {
    expect(redirectsByCommand('curl -s u | tee /x > /dev/null')).toEqual([
      ['curl', []],
      ['tee', ['>/dev/null']],
    ]);
  });
  it('in the middle of a longer list', () => {
    expect(redirectsByCommand('a && b 2>/dev/null && c')).toEqual([
      ['a', []],
      ['b', ['>/dev/null']],
      ['c', []],
    ]);
  });
});
