import rule from '../../../src/rules/dockerfile/require-absolute-workdir.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    'FROM alpine:3.20\nWORKDIR /usr/local\n',
    'FROM alpine:3.20\nWORKDIR ${work}\n',
    "FROM alpine:3.20\nWORKDIR '/usr/local'\n",
    'FROM alpine:3.20\nWORKDIR "${dir}"\n',
    'FROM alpine:3.20\nWORKDIR $HOME/app\n',
    "FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nWORKDIR 'C:\\'\n",
    'FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nWORKDIR "C:\\"\n',
    'FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nWORKDIR C:/\n',
  ],
  invalid: [
    {
      code: 'FROM alpine:3.20\nWORKDIR relative/dir\n',
      errors: [{ messageId: 'relative', line: 2, column: 9, text: 'relative/dir', aliases: ['DL3000', 'WorkdirRelativePath'] }],
      fix: null,
    },
    { name: 'single quotes', code: "FROM alpine:3.20\nWORKDIR 'relative/dir'\n", errors: [{ text: "'relative/dir'" }] },
    {
      name: 'after an absolute WORKDIR: safe fix to the resolved path; BuildKit does not report it',
      code: 'FROM alpine:3.20\nWORKDIR /app\nWORKDIR src\n',
      errors: [{ line: 3, text: 'src' }],
      fix: 'safe',
      output: 'FROM alpine:3.20\nWORKDIR /app\nWORKDIR /app/src\n',
    },
    {
      name: 'the working directory of the parent stage is known; quotes kept; CRLF',
      code: 'FROM alpine:3.20 AS base\r\nWORKDIR /srv\r\nFROM base\r\nWORKDIR "my app/../web"\r\n',
      errors: [{ line: 4, text: '"my app/../web"' }],
      output: 'FROM alpine:3.20 AS base\r\nWORKDIR /srv\r\nFROM base\r\nWORKDIR "/srv/web"\r\n',
    },
    {
      name: 'working directory through an ARG',
      code: 'FROM alpine:3.20\nARG ROOT=/opt\nWORKDIR $ROOT\nWORKDIR ./bin\n',
      errors: [{ line: 4 }],
      output: 'FROM alpine:3.20\nARG ROOT=/opt\nWORKDIR $ROOT\nWORKDIR /opt/bin\n',
    },
    {
      name: 'two relative WORKDIRs: the base image decides, no fix',
      code: 'FROM alpine:3.20\nWORKDIR a\nWORKDIR b\n',
      errors: [
        { line: 2, aliases: ['WorkdirRelativePath'] },
        { line: 3, aliases: ['DL3000'] },
      ],
      output: null,
    },
  ],
});
