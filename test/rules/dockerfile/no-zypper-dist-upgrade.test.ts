import rule from '../../../src/rules/dockerfile/no-zypper-dist-upgrade.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    'FROM opensuse/leap\nRUN zypper -n update\n',
    'FROM opensuse/leap\nRUN zypper -n install dup\n',
    'FROM opensuse/leap\nRUN zypper -n patch\n',
  ],
  invalid: [
    {
      code: 'FROM opensuse/leap\nRUN zypper dist-upgrade\n',
      errors: [{ messageId: 'distUpgrade', line: 2, column: 12, text: 'dist-upgrade', aliases: ['DL3035'] }],
      fix: null,
    },
    {
      name: 'dup with global options, multi-line',
      code: 'FROM opensuse/leap\nRUN zypper refresh \\\n && zypper --non-interactive dup --no-recommends\n',
      errors: [{ line: 3, column: 30, text: 'dup' }],
    },
    {
      name: 'ONBUILD, sudo',
      code: 'FROM opensuse/leap\nONBUILD RUN sudo zypper -n dup\n',
      errors: [{ line: 2, column: 28 }],
    },
  ],
});
