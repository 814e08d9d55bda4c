import rule from '../../../src/rules/dockerfile/apk-pin-versions.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    'FROM alpine\nRUN apk add --no-cache curl=8.5.0-r0\n',
    'FROM alpine\nRUN apk add --no-cache git~2.43 "python3<3.12" "libffi>=3.4"\n',
    'FROM alpine\nRUN apk add --no-cache --virtual .build-deps gcc=13.2.1-r0\n',
    'FROM alpine\nRUN apk add --no-cache -t .build-deps gcc=13.2.1-r0\n',
    'FROM alpine\nRUN apk add --no-cache -X https://dl-cdn.alpinelinux.org/alpine/edge/testing flow=0.78.0-r0\n',
    'FROM alpine\nRUN apk add --no-cache --repository=https://example.org/alpine flow=0.78.0-r0\n',
    'FROM alpine\nRUN apk add --allow-untrusted /tmp/mypackage-1.1.1.apk\n',
    'FROM alpine\nRUN apk del curl\n',
    'FROM alpine\nRUN apk add --no-cache $DEPS\n',
  ],
  invalid: [
    {
      name: 'behind sudo',
      code: 'FROM alpine:3.20\nRUN sudo apk add --no-cache curl\n',
      errors: [{ text: 'curl' }],
    },
    {
      code: 'FROM alpine\nRUN apk add --no-cache curl\n',
      errors: [{ messageId: 'unpinned', line: 2, column: 24, text: 'curl', aliases: ['DL3018'] }],
    },
    {
      name: 'one missed in a long list',
      code: 'FROM alpine\nRUN apk add --no-cache \\\n  flex=2.6.4-r1 \\\n  libffi \\\n  python3=3.11.6-r0\n',
      errors: [{ line: 4, column: 3, text: 'libffi' }],
    },
    {
      name: 'the virtual name is not a package, its members are',
      code: 'FROM alpine\nRUN apk add --virtual build-dependencies python3-dev build-base=0.5-r3\n',
      errors: [{ text: 'python3-dev' }],
    },
    {
      name: 'ONBUILD trigger',
      code: 'FROM alpine\nONBUILD RUN apk add curl\n',
      errors: [{ line: 2, column: 21 }],
    },
  ],
});
