import rule from '../../../src/rules/dockerfile/copy-multi-source-dest-slash.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    'FROM alpine:3.20\nCOPY foo bar\n',
    'FROM alpine:3.20\nCOPY foo bar baz/\n',
    'FROM alpine:3.20\nCOPY foo bar "baz/"\n',
    'FROM alpine:3.20\nCOPY ["a", "b", "/dest/"]\n',
    'FROM alpine:3.20\nARG DEST=/opt/\nCOPY a b $DEST\n',
    { name: 'destination from a variable with no known value', code: 'FROM alpine:3.20\nCOPY a b $DEST\n' },
    { name: 'Windows drive path ending in an escaped backslash', code: 'FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nCOPY a.dll b.dll C:\\\\Windows\\\\System32\\\\\n' },
    { name: 'Windows escape and backslash', code: '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nCOPY a b C:\\app\\\n' },
  ],
  invalid: [
    {
      code: 'FROM alpine:3.20\nCOPY foo bar baz\n',
      errors: [{ messageId: 'noSlash', line: 2, column: 14, text: 'baz', aliases: ['DL3021'] }],
      fix: 'unsafe',
      output: null,
      unsafeOutput: 'FROM alpine:3.20\nCOPY foo bar baz/\n',
    },
    {
      name: '`.` is always a directory: safe fix',
      code: 'FROM node:20\nWORKDIR /app\nCOPY package.json package-lock.json .\n',
      errors: [{ text: '.' }],
      fix: 'safe',
      output: 'FROM node:20\nWORKDIR /app\nCOPY package.json package-lock.json ./\n',
    },
    {
      name: 'quoted destination',
      code: 'FROM alpine:3.20\nCOPY foo bar "baz"\n',
      errors: [{ text: '"baz"' }],
      unsafeOutput: 'FROM alpine:3.20\nCOPY foo bar "baz/"\n',
    },
    {
      name: 'JSON form',
      code: 'FROM alpine:3.20\nCOPY ["a", "b", "/dest"]\n',
      errors: [{ text: '"/dest"' }],
      unsafeOutput: 'FROM alpine:3.20\nCOPY ["a", "b", "/dest/"]\n',
    },
    {
      name: 'ADD, multi-line, CRLF',
      code: 'FROM alpine:3.20\r\nADD a \\\r\n    b \\\r\n    ..\r\n',
      errors: [{ line: 4, column: 5, text: '..' }],
      output: 'FROM alpine:3.20\r\nADD a \\\r\n    b \\\r\n    ../\r\n',
    },
    {
      name: 'heredoc sources',
      code: 'FROM alpine:3.20\nCOPY <<A <<B /etc/app\na\nA\nb\nB\n',
      errors: [{ line: 2, text: '/etc/app' }],
    },
    { name: 'ARG default without slash', code: 'FROM alpine:3.20\nARG DEST=/opt\nCOPY a b $DEST\n', errors: [{ text: '$DEST' }] },
  ],
});
