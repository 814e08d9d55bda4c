import { describe, expect, it } from 'vitest';
import rule from '../../../src/rules/dockerfile/syntax-error.js';
import { runRule } from '../../helpers/rule-tester.js';

async function problems(code: string) {
  return (await runRule(rule, { code })).map((f) => ({
    message: f.message,
    line: f.location.kind === 'source' ? f.location.start.line : 0,
    column: f.location.kind === 'source' ? f.location.start.column : 0,
  }));
}

describe('syntax-error', () => {
  it('accepts valid Dockerfiles, BuildKit syntax included', async () => {
    expect(await problems('# syntax=docker/dockerfile:1\nFROM alpine AS b\nRUN --mount=type=cache,target=/x <<EOF\necho hi\nEOF\nCOPY --from=b --link /a /b\n')).toEqual([]);
  });

  it('reports an unknown instruction at its keyword, with a suggestion', async () => {
    expect(await problems('FROM alpine\nRUNN echo\n')).toEqual([{ message: 'unknown instruction: RUNN (did you mean run?)', line: 2, column: 1 }]);
  });

  it('reports an unterminated heredoc at its marker', async () => {
    expect(await problems('FROM alpine\nRUN cat <<EOF\nhello\n')).toEqual([{ message: 'unterminated heredoc EOF', line: 2, column: 9 }]);
  });

  it('reports ENV without a value and keys without =', async () => {
    expect((await problems('FROM alpine\nENV A\n'))[0].message).toBe('ENV must have two arguments');
    expect((await problems('FROM alpine\nENV A=1 B\n'))[0]).toMatchObject({ line: 2, column: 9 });
  });

  it('reports FROM with the wrong number of words and a bad AS', async () => {
    expect((await problems('FROM alpine base\n'))[0].message).toBe('FROM requires either one or three arguments');
    expect((await problems('FROM alpine AT base\n'))[0].message).toBe('FROM: expected "AS", found "AT"');
  });

  it('reports JSON with non-strings, SHELL not in JSON form and an empty file', async () => {
    expect((await problems('FROM alpine\nCMD ["a", 1]\n'))[0].message).toMatch(/only contain strings/);
    expect((await problems('FROM alpine\nSHELL /bin/bash -c\n'))[0].message).toBe('SHELL requires the arguments to be in JSON form');
    expect((await problems(''))[0].message).toBe('file with no instructions');
  });

  it('reports a bad escape directive and a repeated directive', async () => {
    expect((await problems('# escape=x\nFROM alpine\n'))[0].message).toMatch(/invalid escape token/);
    expect((await problems('# syntax=a\n# syntax=b\nFROM alpine\n'))[0].message).toBe('only one syntax parser directive can be used');
  });

  it('keeps linting the rest of the file (one bad instruction does not hide the others)', async () => {
    expect((await problems('FROM alpine\nRUNN x\nCOPYY a b\n')).map((p) => p.line)).toEqual([2, 3]);
  });
});
