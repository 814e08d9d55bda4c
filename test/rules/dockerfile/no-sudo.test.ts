import rule from '../../../src/rules/dockerfile/no-sudo.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: ['FROM debian\nRUN apt-get install -y sudo\n', 'FROM debian\nUSER root\nRUN apt-get update\n'],
  invalid: [
    {
      code: 'FROM debian\nRUN sudo apt-get update\n',
      errors: [{ messageId: 'sudo', line: 2, column: 5, text: 'sudo', aliases: ['DL3004'] }],
      fix: null,
    },
    {
      name: 'chained, multi-line',
      code: 'FROM debian\nRUN apt-get update \\\n && sudo apt-get install -y curl\n',
      errors: [{ line: 3, column: 5, text: 'sudo' }],
    },
    {
      name: 'ONBUILD trigger',
      code: 'FROM debian\nONBUILD RUN sudo make install\n',
      errors: [{ line: 2, column: 13 }],
    },
    {
      name: 'sh -c string',
      code: 'FROM debian\nRUN ["sh", "-c", "sudo make install"]\n',
      errors: [{ line: 2, column: 19, text: 'sudo' }],
    },
  ],
});
