import rule from '../../../src/rules/dockerfile/zypper-clean.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    'FROM opensuse/leap\nRUN zypper -n install mariadb && zypper clean\n',
    'FROM opensuse/leap\nRUN zypper -n install mariadb && zypper cc\n',
    'FROM opensuse/leap\nRUN zypper -n install mariadb && zypper clean --all\n',
    'FROM opensuse/leap\nRUN zypper -n install mariadb && rm -rf /var/cache/zypp/*\n',
    'FROM opensuse/leap\nRUN --mount=type=cache,target=/var/cache/zypp zypper -n install mariadb\n',
    'FROM opensuse/leap\nRUN --mount=type=tmpfs,target=/var/cache/zypp zypper -n install mariadb\n',
    'FROM opensuse/leap\nRUN zypper -n remove vim\n',
    'FROM opensuse/leap\nRUN zypper addrepo https://example.com/repo extra\n',
  ],
  invalid: [
    {
      code: 'FROM opensuse/leap\nRUN zypper install -y mariadb\n',
      errors: [{ messageId: 'noClean', line: 2, column: 5, text: 'zypper install -y mariadb', aliases: ['DL3036'] }],
      fix: 'unsafe',
      output: null,
      unsafeOutput: 'FROM opensuse/leap\nRUN zypper install -y mariadb && zypper clean --all\n',
    },
    {
      name: 'a clean before the install does not count',
      code: 'FROM opensuse/leap\nRUN zypper clean && zypper -n in mariadb\n',
      errors: [{ text: 'zypper -n in mariadb' }],
    },
    {
      name: 'multi-line, CRLF',
      code: 'FROM opensuse/leap\r\nRUN zypper refresh \\\r\n && zypper -n update\r\n',
      errors: [{ line: 3, column: 5, text: 'zypper -n update' }],
      unsafeOutput: 'FROM opensuse/leap\r\nRUN zypper refresh \\\r\n && zypper -n update \\\r\n && zypper clean --all\r\n',
    },
    {
      name: 'ONBUILD',
      code: 'FROM opensuse/leap\nONBUILD RUN zypper -n install mariadb\n',
      errors: [{ line: 2, column: 13 }],
      unsafeOutput: 'FROM opensuse/leap\nONBUILD RUN zypper -n install mariadb && zypper clean --all\n',
    },
  ],
});
