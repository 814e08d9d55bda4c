import rule from '../../../src/rules/dockerfile/no-env-self-reference.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    'FROM alpine:3.20\nENV BLA=blubb\nENV BLUBB="${BLA}/blubb"\n',
    'FROM alpine:3.20\nENV BLA=blubb BLUBB="$BLAFOO/blubb"\n',
    'FROM alpine:3.20\nENV PATH=/bla:${PATH}\n',
    'FROM alpine:3.20\nARG BLA\nENV BLA=${BLA} X=$BLA\n',
    { name: 'single quotes do not expand', code: "FROM alpine:3.20\nENV A=1 B='$A'\n" },
  ],
  invalid: [
    {
      code: 'FROM alpine:3.20\nENV BLA="blubb" BLUBB="${BLA}/blubb"\n',
      errors: [{ messageId: 'sameEnv', line: 2, column: 24, text: '${BLA}', aliases: ['DL3044'] }],
    },
    { code: 'FROM alpine:3.20\nENV PATH=/bla:${PATH} PATH=/blubb:${PATH}\n', errors: [{ text: '${PATH}', column: 35 }] },
    {
      name: 'multi-line ENV',
      code: 'FROM alpine:3.20\nENV APP_HOME=/app \\\n    APP_BIN=$APP_HOME/bin\n',
      errors: [{ line: 3, column: 13, text: '$APP_HOME' }],
    },
    { name: 'ONBUILD ENV', code: 'FROM alpine:3.20\nONBUILD ENV A=1 B=$A\n', errors: [{ line: 2, text: '$A' }] },
  ],
});
