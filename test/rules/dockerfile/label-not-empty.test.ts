import rule from '../../../src/rules/dockerfile/label-not-empty.js';
import { ruleTester } from '../../helpers/rule-tester.js';

const settings = { labelSchema: { description: 'text', version: 'semver' } };

ruleTester(rule, {
  valid: [
    { code: 'FROM alpine:3.20\nLABEL description="An app"\n', settings },
    { code: 'FROM alpine:3.20\nLABEL other=""\n', settings },
    { name: 'filled at build time', code: 'FROM alpine:3.20\nARG V\nLABEL version=$V\n', settings },
    { name: 'no schema', code: 'FROM alpine:3.20\nLABEL description=""\n' },
  ],
  invalid: [
    { code: 'FROM alpine:3.20\nLABEL description=""\n', settings, errors: [{ messageId: 'empty', line: 2, column: 19, text: '""', aliases: ['DL3051'] }] },
    { name: 'every schema type', code: 'FROM alpine:3.20\nLABEL version="  " description=\n', settings, errors: [{ text: '"  "' }, { line: 2, text: 'description' }] },
  ],
});
