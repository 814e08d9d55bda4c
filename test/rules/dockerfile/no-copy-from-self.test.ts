import rule from '../../../src/rules/dockerfile/no-copy-from-self.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    'FROM scratch AS build\nRUN foo\nFROM node:20 AS run\nCOPY --from=build foo .\n',
    'FROM node:20 AS a\nFROM node:20 AS b\nCOPY --from=0 /x /y\n',
    { name: 'unknown names are no-unknown-copy-from', code: 'FROM node:20 AS a\nCOPY --from=b /x /y\n' },
    { name: 'an earlier stage of the same name wins', code: 'FROM node:20 AS a\nFROM node:20 AS a\nCOPY --from=a /x /y\n' },
  ],
  invalid: [
    {
      code: 'FROM node:20 AS foo\nCOPY --from=foo bar .\n',
      errors: [{ messageId: 'self', line: 2, column: 13, text: 'foo', aliases: ['DL3023'] }],
    },
    { name: 'case-insensitive', code: 'FROM node:20 AS Foo\nCOPY --from=FOO bar .\n', errors: [{ text: 'FOO' }] },
    { name: 'by index', code: 'FROM node:20\nFROM node:20\nCOPY --from=1 bar .\n', errors: [{ line: 3, text: '1' }] },
    {
      name: 'RUN --mount from= the stage itself',
      code: 'FROM node:20 AS app\nRUN --mount=type=bind,from=app,target=/m ls /m\n',
      errors: [{ line: 2, text: 'app' }],
    },
  ],
});
