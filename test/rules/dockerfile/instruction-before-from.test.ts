import rule from '../../../src/rules/dockerfile/instruction-before-from.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: ['ARG VERSION=3.20\nFROM alpine:${VERSION}\nLABEL a=b\n', '# syntax=docker/dockerfile:1\n# comment\nFROM alpine:3.20\n', 'ARG A\n'],
  invalid: [
    { code: 'LABEL foo=bar\nFROM alpine:3.20\n', errors: [{ messageId: 'beforeFrom', line: 1, column: 1, text: 'LABEL', aliases: ['DL3061'] }] },
    { code: 'ARG A=1\nENV B=2\nRUN x\nFROM alpine:3.20\n', errors: [{ line: 2 }, { line: 3 }] },
    { name: 'no FROM at all: one finding', code: 'RUN make\nCOPY . /app\n', errors: [{ messageId: 'noFrom', line: 1, text: 'RUN' }] },
  ],
});
