import rule from '../../../src/rules/dockerfile/definition-description.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    '# build compiles the app\nFROM alpine AS build\n# VERSION of the app\nARG VERSION=1\n',
    '# a plain comment\n\nFROM alpine AS build\n',
    '# a plain comment\n#\nFROM alpine AS build\n',
    '# hadolint ignore=DL3006\nFROM alpine AS build\n',
    '# just a comment\nFROM alpine\n',
    'FROM alpine\n# two args\nARG A B\n',
  ],
  invalid: [
    {
      code: '# a non-descriptive comment\nFROM scratch AS base\n',
      errors: [{ messageId: 'description', line: 1, column: 1, text: '# a non-descriptive comment', aliases: ['InvalidDefinitionDescription'] }],
    },
    {
      code: 'FROM alpine\n# the version\n# more text\nARG VERSION=1\n',
      errors: [{ line: 2, text: '# the version' }],
    },
  ],
});
