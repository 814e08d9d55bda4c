import rule from '../../../src/rules/dockerfile/no-irrelevant-commands.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    'FROM debian\nRUN apt-get install -y openssh-client ssh vim\n',
    'FROM debian\nRUN echo top\n',
    'FROM debian\nCMD ["top"]\n',
  ],
  invalid: [
    {
      code: 'FROM debian\nRUN top\n',
      errors: [{ messageId: 'irrelevant', line: 2, column: 5, text: 'top', aliases: ['DL3001'] }],
    },
    {
      name: 'each command in a chain',
      code: 'FROM debian\nRUN service nginx start \\\n && ps aux\n',
      errors: [
        { line: 2, column: 5, text: 'service' },
        { line: 3, column: 5, text: 'ps' },
      ],
    },
    {
      name: 'ONBUILD trigger and heredoc',
      code: 'FROM debian\nONBUILD RUN <<EOF\nvim /etc/hosts\nEOF\n',
      errors: [{ line: 3, column: 1, text: 'vim' }],
    },
  ],
});
