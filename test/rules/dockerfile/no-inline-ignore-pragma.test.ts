import rule from '../../../src/rules/dockerfile/no-inline-ignore-pragma.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    'FROM alpine:3.20\n# hadolint shell=powershell\nRUN foo\n',
    'FROM alpine:3.20\n# just a comment\nRUN foo\n',
    { name: 'a global ignore is configuration', code: '# hadolint global ignore=DL3003\nFROM alpine:3.20\nRUN cd /x\n' },
    { name: 'the check directive', code: '# check=skip=JSONArgsRecommended\nFROM alpine:3.20\nCMD foo\n' },
  ],
  invalid: [
    {
      code: 'FROM alpine:3.20\n# hadolint ignore=DL3003\nRUN cd /x\n',
      errors: [{ messageId: 'inline', line: 2, column: 1, text: '# hadolint ignore=DL3003', aliases: ['DL1001'] }],
    },
    { code: 'FROM alpine:3.20\n# ballast ignore=no-cd\nRUN cd /x\n', errors: [{ line: 2 }] },
    { name: 'stage ignore', code: '# ballast stage ignore=no-cd\nFROM alpine:3.20\nRUN cd /x\n', errors: [{ line: 1 }] },
    {
      name: 'an ignore naming this rule still shows (it sits outside the instruction it covers)',
      code: 'FROM alpine:3.20\n# hadolint ignore=DL1001,DL3003\nRUN cd /x\n',
      errors: [{ line: 2 }],
    },
  ],
});
