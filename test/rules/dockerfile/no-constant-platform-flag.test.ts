import rule from '../../../src/rules/dockerfile/no-constant-platform-flag.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    'FROM alpine\n',
    'FROM --platform=$BUILDPLATFORM golang AS build\n',
    'FROM --platform=${TARGETOS}/${TARGETARCH} alpine\n',
    'FROM --platform=linux/arm64 alpine AS build-arm64\n',
    'FROM --platform=linux/amd64 alpine AS linux-tools\n',
  ],
  invalid: [
    {
      code: 'FROM --platform=linux/amd64 alpine\n',
      errors: [{ messageId: 'constant', line: 1, column: 6, text: '--platform=linux/amd64', aliases: ['DL3029', 'FromPlatformFlagConstDisallowed'] }],
      fix: null,
    },
    {
      name: 'the stage name does not mention the platform',
      code: 'FROM --platform=linux/arm64 alpine AS build\n',
      errors: 1,
    },
    {
      code: 'FROM alpine\nFROM --platform="windows/amd64" \\\n  mcr.microsoft.com/windows AS win-builder\n',
      errors: [{ line: 2, text: '--platform="windows/amd64"' }],
    },
  ],
});
