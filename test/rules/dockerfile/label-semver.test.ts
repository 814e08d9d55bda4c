import rule from '../../../src/rules/dockerfile/label-semver.js';
import { ruleTester } from '../../helpers/rule-tester.js';

const settings = { labelSchema: { version: 'semver' } };

ruleTester(rule, {
  valid: [
    { code: 'FROM alpine:3.20\nLABEL version=1.0.0\n', settings },
    { code: 'FROM alpine:3.20\nLABEL version="2.0.1-rc1+build.5"\n', settings },
    { code: 'FROM alpine:3.20\nARG VERSION\nLABEL version=${VERSION}\n', settings },
  ],
  invalid: [
    { code: 'FROM alpine:3.20\nLABEL version=v1.2.3\n', settings, errors: [{ line: 2, column: 15, text: 'v1.2.3', aliases: ['DL3056'] }] },
    { code: 'FROM alpine:3.20\nLABEL version=1.2\n', settings, errors: 1 },
  ],
});
