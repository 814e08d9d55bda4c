import { describe, expect, it } from 'vitest';
import rule, { looksLikeSecret } from '../../../src/rules/dockerfile/no-secrets-in-arg-or-env.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    'FROM alpine\nARG VERSION\nENV PATH=/x\n',
    'FROM alpine\nENV PUBLIC_KEY=abc GPG_KEY_FILE=/k NODE_AUTH_VERSION=1\n',
    'FROM alpine\nENV KEYBOARD=us TOKENIZER=x MONKEY=1\n',
  ],
  invalid: [
    {
      code: 'ARG AWS_ACCESS_KEY_ID\nFROM alpine\n',
      errors: [{ messageId: 'secret', line: 1, column: 5, text: 'AWS_ACCESS_KEY_ID', aliases: ['DL3064', 'SecretsUsedInArgOrEnv'] }],
    },
    {
      code: 'FROM alpine\nENV A=1 my_password=x \\\n  GITHUB_TOKEN=y\n',
      errors: [
        { line: 2, text: 'my_password' },
        { line: 3, column: 3, text: 'GITHUB_TOKEN' },
      ],
    },
    {
      name: 'legacy ENV form and ONBUILD',
      code: 'FROM alpine\nENV DB_PASSWORD hunter2\nONBUILD ARG NPM_TOKEN\n',
      errors: [{ line: 2 }, { line: 3, text: 'NPM_TOKEN' }],
    },
  ],
});

describe('looksLikeSecret', () => {
  it('splits on underscores', () => {
    expect(looksLikeSecret('APIKEY')).toBe(true);
    expect(looksLikeSecret('SECRET_KEY_BASE')).toBe(true);
    expect(looksLikeSecret('SECRETFILE')).toBe(false);
    expect(looksLikeSecret('AUTH_FILE')).toBe(false);
    expect(looksLikeSecret('credentials')).toBe(true);
  });
});
