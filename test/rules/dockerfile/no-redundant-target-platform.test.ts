import rule from '../../../src/rules/dockerfile/no-redundant-target-platform.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    'FROM alpine\n',
    'FROM --platform=$BUILDPLATFORM alpine\n',
    'FROM --platform=linux/arm64 alpine\n',
    'ARG TARGETPLATFORM=linux/arm64\nFROM --platform=$TARGETPLATFORM alpine\n',
  ],
  invalid: [
    {
      code: 'FROM --platform=$TARGETPLATFORM alpine AS a\n',
      errors: [{ messageId: 'redundant', line: 1, column: 6, text: '--platform=$TARGETPLATFORM', aliases: ['DL3065', 'RedundantTargetPlatform'] }],
      fix: 'safe',
      output: 'FROM alpine AS a\n',
    },
    {
      code: 'FROM --platform="${TARGETPLATFORM}" alpine\r\n',
      errors: 1,
      output: 'FROM alpine\r\n',
    },
    {
      name: 'flag on its own continuation line',
      code: 'FROM --platform=${TARGETPLATFORM} \\\n  alpine\n',
      errors: [{ line: 1 }],
      output: 'FROM  \\\n  alpine\n',
    },
  ],
});
