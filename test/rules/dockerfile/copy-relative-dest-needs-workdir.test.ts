import rule from '../../../src/rules/dockerfile/copy-relative-dest-needs-workdir.js';
import { df } from '../../helpers/df.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    { name: 'a Windows drive root', code: 'FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nCOPY hello.txt C:\n' },
    'FROM alpine:3.20\nCOPY app.sh /usr/local/bin/app.sh\n',
    'FROM alpine:3.20\nWORKDIR /app\nCOPY . .\n',
    'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nCOPY app.exe c:\\app\\app.exe\n',
    'FROM alpine:3.20\nCOPY app.sh ${DEST}\n',
    { name: 'ENV resolves to an absolute path', code: 'FROM alpine:3.20\nENV DEST=/opt/app\nCOPY . $DEST\n' },
    { name: 'WORKDIR in the parent stage', code: 'FROM alpine:3.20 AS base\nWORKDIR /app\nFROM base\nCOPY . .\n' },
    { name: 'ONBUILD WORKDIR before ONBUILD COPY', code: 'FROM alpine:3.20\nONBUILD WORKDIR /src\nONBUILD COPY . .\n' },
    { name: 'ONBUILD COPY sees the final WORKDIR', code: 'FROM alpine:3.20\nONBUILD COPY . .\nWORKDIR /src\n' },
  ],
  invalid: [
    { code: 'FROM alpine:3.20\nCOPY app.sh bin/app.sh\n', errors: [{ messageId: 'relative', line: 2, column: 13, text: 'bin/app.sh', aliases: ['DL3045'] }] },
    { code: 'FROM alpine:3.20\nADD app.tar.gz "app"\n', errors: [{ text: '"app"' }] },
    { name: 'WORKDIR only after', code: 'FROM alpine:3.20\nCOPY . .\nWORKDIR /app\n', errors: [{ line: 2 }] },
    {
      name: 'WORKDIR of an unrelated stage',
      code: df`
        FROM debian:12 AS build
        WORKDIR /src
        FROM debian:12
        COPY --from=build \\
          /src/out \\
          out
      `,
      errors: [{ line: 6, column: 3, text: 'out' }],
    },
    { name: 'ONBUILD COPY without any WORKDIR', code: 'FROM alpine:3.20\nONBUILD COPY . .\n', errors: [{ line: 2, column: 16 }] },
  ],
});
