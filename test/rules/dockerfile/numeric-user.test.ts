import rule from '../../../src/rules/dockerfile/numeric-user.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    { name: 'Windows users have no numeric ids', code: 'FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nUSER ContainerUser\n' },
    'FROM alpine:3.20\nUSER 12345\n',
    'FROM alpine:3.20\nUSER 1234:5678\n',
    'ARG APP_UID\nFROM alpine:3.20\nUSER ${APP_UID}\n',
    { name: 'root is uid 0 everywhere (no-root-user judges it)', code: 'FROM alpine:3.20\nUSER root\n' },
    { name: 'only the user the image runs as', code: 'FROM alpine:3.20 AS build\nUSER builder\nFROM alpine:3.20\nUSER 10001\n' },
    { name: 'an earlier USER of the final stage', code: 'FROM alpine:3.20\nUSER app\nRUN make\nUSER 10001\n' },
  ],
  invalid: [
    { code: 'FROM alpine:3.20\nUSER foobar\n', errors: [{ messageId: 'name', line: 2, column: 6, text: 'foobar', aliases: ['DL3066'] }] },
    { code: 'FROM alpine:3.20\nUSER foobar:barfoo\n', errors: [{ text: 'foobar' }, { text: 'barfoo', column: 13 }] },
    { code: 'FROM alpine:3.20\nUSER 1000:staff\n', errors: [{ text: 'staff' }] },
    { name: 'inherited from the parent stage', code: 'FROM alpine:3.20 AS base\nUSER node\nFROM base\nRUN x\n', errors: [{ line: 2 }] },
  ],
});
