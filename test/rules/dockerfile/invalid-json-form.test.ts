import { describe, expect, it } from 'vitest';
import rule, { analyzeJsonish } from '../../../src/rules/dockerfile/invalid-json-form.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    'FROM alpine\nCMD ["echo", "hi"]\n',
    'FROM alpine\nRUN [ -f /etc/os-release ] && echo ok\n',
    'FROM alpine\nRUN [ "$A" = "b" ]\n',
    'FROM alpine\nRUN [ "$A" ] || exit 1\n',
    'FROM alpine\nCMD echo hi\n',
    'FROM alpine\nHEALTHCHECK CMD ["curl", "-f", "http://localhost/"]\n',
  ],
  invalid: [
    {
      code: "FROM alpine\nCMD ['echo', 'hi']\n",
      errors: [{ messageId: 'invalid', line: 2, column: 5, text: "['echo', 'hi']" }],
      fix: 'safe',
      output: 'FROM alpine\nCMD ["echo", "hi"]\n',
    },
    {
      name: 'quotes and backslashes inside single quotes, CRLF',
      code: "FROM alpine\r\nENTRYPOINT [\"sh\", '-c', 'echo \"a\\b\"']\r\n",
      errors: 1,
      output: 'FROM alpine\r\nENTRYPOINT ["sh", "-c", "echo \\"a\\\\b\\""]\r\n',
    },
    {
      name: 'trailing comma: no fix',
      code: 'FROM alpine\nCMD ["echo", "hi",]\n',
      errors: 1,
      fix: null,
      output: null,
    },
    {
      name: 'invalid escape (Windows path)',
      code: 'FROM alpine\nENTRYPOINT ["C:\\app\\run.exe"]\n',
      errors: 1,
      fix: null,
    },
    {
      name: 'ONBUILD and HEALTHCHECK CMD',
      code: "FROM alpine\nONBUILD RUN ['make']\nHEALTHCHECK CMD ['true']\n",
      errors: [{ line: 2, column: 13, text: "['make']" }, { line: 3, column: 17, text: "['true']" }],
      output: 'FROM alpine\nONBUILD RUN ["make"]\nHEALTHCHECK CMD ["true"]\n',
    },
    {
      name: 'missing bracket',
      code: 'FROM alpine\nCMD ["echo", "hi"\n',
      errors: 1,
      fix: null,
    },
  ],
});

describe('analyzeJsonish', () => {
  it('names the problems', () => {
    expect(analyzeJsonish('["a", "b" "c"]')?.problems).toEqual(['a missing comma']);
    expect(analyzeJsonish('["a", b]')?.problems).toEqual(['an unquoted element `b`']);
    expect(analyzeJsonish('[]')).toBeUndefined();
    expect(analyzeJsonish('["a" "b"]'), 'a second word without a comma reads as a shell test').toBeUndefined();
  });
});
