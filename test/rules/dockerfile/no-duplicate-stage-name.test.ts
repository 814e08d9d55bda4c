import rule from '../../../src/rules/dockerfile/no-duplicate-stage-name.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: ['FROM scratch AS build\nRUN foo\nFROM node:20 AS run\nRUN baz\n', 'FROM node:20\nFROM node:20\n'],
  invalid: [
    {
      code: 'FROM node:20 AS foo\nRUN something\nFROM scratch AS foo\nRUN something\n',
      errors: [{ messageId: 'duplicate', line: 3, column: 17, text: 'foo', aliases: ['DL3024', 'DuplicateStageName'] }],
    },
    {
      name: 'case-insensitive, every repeat reported',
      code: 'FROM a:1 AS build\nFROM b:1 AS Build\nFROM c:1 AS BUILD\n',
      errors: [
        { line: 2, text: 'Build' },
        { line: 3, text: 'BUILD' },
      ],
    },
  ],
});
