import rule from '../../../src/rules/dockerfile/useradd-no-log-init.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    'FROM debian\nRUN useradd luser\n',
    'FROM debian\nRUN useradd -u 12345 luser\n',
    'FROM debian\nRUN useradd -l -u 123456 luser\n',
    'FROM debian\nRUN useradd --no-log-init --uid 123456 luser\n',
    'FROM debian\nRUN useradd -lu 123456 luser\n',
    'FROM debian\nRUN useradd -u $APP_UID luser\n',
    'FROM debian\nARG UID=1000\nRUN useradd -u ${UID} luser\n',
  ],
  invalid: [
    {
      code: 'FROM debian\nRUN useradd -u 123456 luser\n',
      errors: [{ messageId: 'noLogInit', line: 2, column: 16, text: '123456', aliases: ['DL3046'] }],
      fix: 'safe',
      output: 'FROM debian\nRUN useradd -l -u 123456 luser\n',
    },
    {
      name: '--uid=, -u<uid>, sudo, multi-line, CRLF',
      code: 'FROM debian\r\nRUN groupadd -g 1000001 app \\\r\n && sudo useradd --uid=1000001 -g app app \\\r\n && useradd -mu2000000 other\r\n',
      errors: [{ line: 3, text: '--uid=1000001' }, { line: 4, text: '-mu2000000' }],
      output: 'FROM debian\r\nRUN groupadd -g 1000001 app \\\r\n && sudo useradd -l --uid=1000001 -g app app \\\r\n && useradd -l -mu2000000 other\r\n',
    },
    {
      name: 'UID from an ARG',
      code: 'FROM debian\nARG UID=1000000\nRUN useradd -u "$UID" app\n',
      errors: [{ line: 3, text: '"$UID"' }],
      output: 'FROM debian\nARG UID=1000000\nRUN useradd -l -u "$UID" app\n',
    },
    {
      name: 'ONBUILD',
      code: 'FROM debian\nONBUILD RUN useradd -u 123456 app\n',
      errors: [{ line: 2, column: 24 }],
      output: 'FROM debian\nONBUILD RUN useradd -l -u 123456 app\n',
    },
  ],
});
