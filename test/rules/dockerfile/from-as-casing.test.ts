import rule from '../../../src/rules/dockerfile/from-as-casing.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: ['FROM alpine AS build\n', 'from alpine as build\n', 'FROM alpine\n'],
  invalid: [
    {
      code: 'FROM alpine as build\n',
      errors: [{ messageId: 'mismatch', line: 1, column: 13, text: 'as', aliases: ['FromAsCasing'] }],
      fix: 'safe',
      output: 'FROM alpine AS build\n',
    },
    {
      code: 'from alpine AS build\r\nRUN x\r\n',
      errors: [{ line: 1, column: 13, text: 'AS' }],
      output: 'from alpine as build\r\nRUN x\r\n',
    },
    {
      name: 'mixed-case FROM expects AS uppercase',
      code: 'From alpine As build\n',
      errors: [{ text: 'As' }],
      output: 'From alpine AS build\n',
    },
    {
      name: 'AS on a continuation line',
      code: 'FROM alpine \\\n  as build\n',
      errors: [{ line: 2, column: 3, text: 'as' }],
      output: 'FROM alpine \\\n  AS build\n',
    },
  ],
});
