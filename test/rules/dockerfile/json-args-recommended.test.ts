import { describe, expect, it } from 'vitest';
import rule from '../../../src/rules/dockerfile/json-args-recommended.js';
import { df } from '../../helpers/df.js';
import { ruleTester, runRule } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    'FROM scratch\nENTRYPOINT ["foo", "bar"]\n',
    'FROM scratch\nCMD ["foo", "bar"]\nCMD [ "foo", "bar" ]\n',
    'FROM scratch\nHEALTHCHECK CMD [ "foobar" ]\n',
    'FROM scratch\nHEALTHCHECK NONE\n',
    'CMD [ "/bin/sh", "-c", \\\n      "echo foo && \\\n       echo bar" \\\n    ]\n',
    { name: 'an explicit SHELL makes the shell form deliberate', code: 'FROM mcr.microsoft.com/powershell:7.4\nSHELL ["pwsh", "-Command"]\nCMD Write-Host hi\n' },
    { name: 'a broken JSON array is left to invalid-json-form', code: "FROM node:20\nCMD ['node', 'server.js']\n" },
    { name: 'SHELL inherited from the parent stage', code: 'FROM alpine:3.20 AS base\nSHELL ["/bin/ash", "-eo", "pipefail", "-c"]\nFROM base\nCMD echo hi\n' },
  ],
  invalid: [
    {
      code: 'FROM node:20 AS foo\nENTRYPOINT something\n',
      errors: [{ messageId: 'shellForm', line: 2, column: 12, text: 'something', aliases: ['DL3025', 'JSONArgsRecommended'] }],
      fix: 'unsafe',
      output: null,
      unsafeOutput: 'FROM node:20 AS foo\nENTRYPOINT ["something"]\n',
    },
    {
      name: 'CMD with `exec`; CRLF',
      code: 'FROM node:20\r\nCMD exec node server.js --port=8080\r\n',
      errors: [{ text: 'exec node server.js --port=8080' }],
      unsafeOutput: 'FROM node:20\r\nCMD ["node", "server.js", "--port=8080"]\r\n',
    },
    {
      name: 'shell syntax: no fix',
      code: 'FROM node:20\nCMD node server.js --port=$PORT\n',
      errors: 1,
      fix: null,
    },
    {
      name: 'chained commands: no fix',
      code: 'FROM node:20\nCMD migrate && node server.js\n',
      errors: 1,
      fix: null,
    },
    {
      name: 'HEALTHCHECK CMD: DL3025 only',
      code: 'FROM nginx:1.27\nHEALTHCHECK --interval=30s CMD curl -f http://localhost/\n',
      errors: [{ messageId: 'healthcheck', line: 2, column: 32, text: 'curl -f http://localhost/', aliases: ['DL3025'] }],
      unsafeOutput: 'FROM nginx:1.27\nHEALTHCHECK --interval=30s CMD ["curl", "-f", "http://localhost/"]\n',
    },
    { name: 'HEALTHCHECK before FROM', code: 'HEALTHCHECK CMD foobar\n', errors: 1 },
    {
      name: 'a shell test starting with `[` is shell form',
      code: 'FROM alpine:3.20\nCMD [ -f /ready ] && exec /app\n',
      errors: [{ text: '[ -f /ready ] && exec /app' }],
      fix: null,
    },
    {
      name: 'exec-form ENTRYPOINT would receive CMD: display-only',
      code: 'FROM node:20\nCMD ["--help"]\nENTRYPOINT node cli.js\n',
      errors: 1,
      fix: 'display-only',
      unsafeOutput: null,
    },
    {
      name: 'multi-line shell form',
      code: df`
        FROM node:20
        CMD node \\
          server.js
      `,
      errors: [{ line: 2, endLine: 3 }],
      unsafeOutput: 'FROM node:20\nCMD ["node", "server.js"]\n',
    },
  ],
});

describe('json-args-recommended names the shell that runs the shell form', () => {
  it('/bin/sh -c on Linux, cmd /S /C on a Windows image', async () => {
    const [linux] = await runRule(rule, { code: 'FROM node:20\nCMD node server.js\n' });
    expect(linux!.message).toContain('`/bin/sh -c "..."`');
    const [windows] = await runRule(rule, { code: 'FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nHEALTHCHECK CMD curl -f http://localhost/\n' });
    expect(windows!.message).toContain('through `cmd /S /C`');
  });
});
