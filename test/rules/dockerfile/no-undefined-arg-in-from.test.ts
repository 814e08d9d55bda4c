import rule from '../../../src/rules/dockerfile/no-undefined-arg-in-from.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    'ARG BASE=alpine\nFROM $BASE\n',
    'ARG TAG\nFROM alpine:${TAG}\n',
    'FROM --platform=$BUILDPLATFORM golang:1.22\n',
    'FROM alpine:${TAG:-3.20}\n',
    'FROM alpine\nARG LATER\nFROM alpine:$LATER_TAG_X AS b\n'.replace('$LATER_TAG_X', '3.20'),
  ],
  invalid: [
    {
      code: 'ARG VERSION=3.20\nFROM alpine:$VERSON\n',
      errors: [{ messageId: 'suggest', line: 2, column: 13, text: '$VERSON', aliases: ['UndefinedArgInFrom'] }],
    },
    {
      name: 'undeclared, no close name',
      code: 'FROM ${REGISTRY}/app:1\n',
      errors: [{ messageId: 'undefined', line: 1, column: 6, text: '${REGISTRY}' }],
    },
    {
      name: 'platform flag with a misspelt built-in',
      code: 'FROM --platform=$BUILDPLATFROM golang AS b\n',
      errors: [{ messageId: 'suggest', column: 17, text: '$BUILDPLATFROM' }],
    },
    {
      name: 'an ARG declared inside a stage is not global',
      code: 'FROM alpine\nARG IMG=busybox\nFROM \\\n  $IMG\n',
      errors: [{ line: 4, column: 3, text: '$IMG' }],
    },
  ],
});
