import rule from '../../../src/rules/dockerfile/label-git-hash.js';
import { ruleTester } from '../../helpers/rule-tester.js';

const settings = { labelSchema: { revision: 'hash' } };

ruleTester(rule, {
  valid: [
    { code: 'FROM alpine:3.20\nLABEL revision=2dbfae9\n', settings },
    { code: 'FROM alpine:3.20\nLABEL revision="43c572f1272b6b3171dd1db9e41b7027128ce080"\n', settings },
    { code: 'FROM alpine:3.20\nLABEL revision=2dbfae9c1\n', settings },
    { code: 'FROM alpine:3.20\nARG GIT_COMMIT\nLABEL revision=$GIT_COMMIT\n', settings },
  ],
  invalid: [
    { code: 'FROM alpine:3.20\nLABEL revision=main\n', settings, errors: [{ line: 2, column: 16, text: 'main', aliases: ['DL3055'] }] },
    { code: 'FROM alpine:3.20\nLABEL revision=2dbfae\n', settings, errors: 1 },
  ],
});
