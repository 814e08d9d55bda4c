import { describe, expect, it } from 'vitest';
import rule, { asSingleWord } from '../../../src/rules/dockerfile/legacy-key-value-format.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: ['FROM alpine\nENV A=1 B="x y"\nLABEL a=b\n', 'FROM alpine\nARG A B\n'],
  invalid: [
    {
      code: 'FROM alpine\nENV A 1\n',
      errors: [{ messageId: 'legacy', line: 2, column: 5, text: 'A', aliases: ['LegacyKeyValueFormat'] }],
      fix: 'safe',
      output: 'FROM alpine\nENV A=1\n',
    },
    {
      name: 'value with spaces is double-quoted',
      code: 'FROM alpine\nLABEL description hello   world\n',
      errors: [{ line: 2, text: 'description' }],
      output: 'FROM alpine\nLABEL description="hello   world"\n',
    },
    {
      name: 'quotes, backslashes and $ keep their meaning',
      code: 'FROM alpine\nENV MSG say "hi there" \'$HOME\' $USER \\$x\n',
      errors: 1,
      output: 'FROM alpine\nENV MSG="say hi there \\$HOME $USER \\$x"\n',
    },
    {
      name: 'already a single quoted word',
      code: 'FROM alpine\r\nENV A "x y"\r\n',
      errors: 1,
      output: 'FROM alpine\r\nENV A="x y"\r\n',
    },
    {
      name: 'continuation lines are kept',
      code: 'FROM alpine\nENV PATH /usr/local/bin:\\\n/usr/bin\n',
      errors: [{ line: 2, text: 'PATH' }],
      output: 'FROM alpine\nENV PATH=/usr/local/bin:\\\n/usr/bin\n',
    },
    {
      name: 'a list spread over lines is quoted in place',
      code: 'FROM php\nENV PHPIZE_DEPS \\\n\t\tautoconf \\\n\t\tmake\nRUN x\n',
      errors: [{ line: 2, text: 'PHPIZE_DEPS' }],
      output: 'FROM php\nENV PHPIZE_DEPS="autoconf \\\n\t\tmake"\nRUN x\n',
    },
    {
      name: 'ONBUILD ENV',
      code: 'FROM alpine\nONBUILD ENV A b c\n',
      errors: [{ line: 2, column: 13 }],
      output: 'FROM alpine\nONBUILD ENV A="b c"\n',
    },
    {
      name: 'a comment inside the continuation stays',
      code: 'FROM alpine\nENV A b \\\n# note\n  c\n',
      errors: 1,
      output: 'FROM alpine\nENV A="b \\\n# note\n  c"\n',
    },
    {
      name: 'no fix when a comment sits inside a value that must be rewritten',
      code: 'FROM alpine\nENV A \'b\' \\\n# note\n  c\n',
      errors: 1,
      output: null,
    },
  ],
});

describe('asSingleWord', () => {
  it('escapes double quotes from single-quoted text', () => {
    expect(asSingleWord(`'a "b"' c`, '\\')).toBe('"a \\"b\\" c"');
  });
  it('gives up on quotes inside ${...}', () => {
    expect(asSingleWord('${A:-"x y"} z', '\\')).toBeNull();
  });
});
