import rule from '../../../src/rules/dockerfile/no-reserved-stage-name.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: ['FROM foo:bar AS foobar\n', 'FROM scratch\n', 'FROM foo:bar AS scratchpad\n'],
  invalid: [
    { code: 'FROM foo:bar AS scratch\n', errors: [{ messageId: 'reserved', line: 1, column: 17, text: 'scratch', aliases: ['DL3063', 'ReservedStageName'] }] },
    { code: 'FROM foo:bar AS context\n', errors: [{ text: 'context' }] },
    { code: 'FROM foo:bar as Context\n', errors: [{ text: 'Context' }] },
  ],
});
