import rule from '../../../src/rules/dockerfile/no-unknown-labels.js';
import { ruleTester } from '../../helpers/rule-tester.js';

const settings = { labelSchema: { version: 'semver' }, strictLabels: true };

ruleTester(rule, {
  valid: [
    { code: 'FROM alpine:3.20\nLABEL version=1.0.0\n', settings },
    { name: 'strict labels off', code: 'FROM alpine:3.20\nLABEL other=x\n', settings: { labelSchema: { version: 'semver' } } },
    { name: 'no schema', code: 'FROM alpine:3.20\nLABEL other=x\n', settings: { strictLabels: true } },
  ],
  invalid: [
    {
      code: 'FROM alpine:3.20\nLABEL version=1.0.0 other=x\n',
      settings,
      errors: [{ messageId: 'unknown', line: 2, column: 21, text: 'other', aliases: ['DL3050'] }],
    },
    { name: 'multi-line LABEL', code: 'FROM alpine:3.20\nLABEL a=1 \\\n      b=2\n', settings, errors: [{ line: 2, text: 'a' }, { line: 3, column: 7, text: 'b' }] },
  ],
});
