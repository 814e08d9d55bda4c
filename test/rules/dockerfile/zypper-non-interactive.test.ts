import rule from '../../../src/rules/dockerfile/zypper-non-interactive.js';
import { df } from '../../helpers/df.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    'FROM opensuse/leap\nRUN zypper -n install httpd && zypper clean\n',
    'FROM opensuse/leap\nRUN zypper --non-interactive install httpd\n',
    'FROM opensuse/leap\nRUN zypper install -y httpd\n',
    'FROM opensuse/leap\nRUN zypper install --no-confirm httpd\n',
    'FROM opensuse/leap\nRUN zypper -qn in httpd\n',
    'FROM opensuse/leap\nRUN zypper refresh && zypper clean --all\n',
    'FROM opensuse/leap\nRUN zypper addrepo https://example.com/repo extra\n',
    { name: 'hadolint accepts -n after the subcommand', code: 'FROM opensuse/leap\nRUN zypper install -n httpd\n' },
  ],
  invalid: [
    {
      code: 'FROM opensuse/leap\nRUN zypper install httpd=2.4.24 && zypper clean\n',
      errors: [{ messageId: 'interactive', line: 2, column: 5, text: 'zypper install httpd=2.4.24', aliases: ['DL3034'] }],
      fix: 'safe',
      output: 'FROM opensuse/leap\nRUN zypper -n install httpd=2.4.24 && zypper clean\n',
    },
    {
      name: 'remove, patch and a global option before the subcommand',
      code: 'FROM opensuse/leap\nRUN zypper --quiet remove vim && zypper patch\n',
      errors: [{ text: 'zypper --quiet remove vim' }, { text: 'zypper patch' }],
      output: 'FROM opensuse/leap\nRUN zypper -n --quiet remove vim && zypper -n patch\n',
    },
    {
      name: 'sudo, multi-line, CRLF',
      code: 'FROM opensuse/leap\r\nRUN zypper refresh \\\r\n && sudo zypper in httpd\r\n',
      errors: [{ line: 3, column: 5, text: 'sudo zypper in httpd' }],
      output: 'FROM opensuse/leap\r\nRUN zypper refresh \\\r\n && sudo zypper -n in httpd\r\n',
    },
    {
      name: 'ONBUILD',
      code: 'FROM opensuse/leap\nONBUILD RUN zypper install httpd\n',
      errors: [{ line: 2, column: 13 }],
      output: 'FROM opensuse/leap\nONBUILD RUN zypper -n install httpd\n',
    },
    {
      name: 'heredoc',
      code: df`
        FROM opensuse/leap
        RUN <<EOF
        zypper update
        EOF
      `,
      errors: [{ line: 3, column: 1 }],
      output: df`
        FROM opensuse/leap
        RUN <<EOF
        zypper -n update
        EOF
      `,
    },
  ],
});
