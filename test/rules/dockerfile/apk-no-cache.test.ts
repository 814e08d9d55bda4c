import rule from '../../../src/rules/dockerfile/apk-no-cache.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    'FROM alpine\nRUN apk add --no-cache curl\n',
    'FROM alpine\nRUN apk --no-cache add curl\n',
    'FROM alpine\nRUN --mount=type=cache,target=/var/cache/apk apk add curl\n',
    'FROM alpine\nRUN --mount=type=tmpfs,target=/var/cache/apk apk add -U curl\n',
    'FROM alpine\nRUN --mount=type=cache,target=/var/cache apk add curl\n',
    'FROM alpine\nRUN apk add curl && rm -rf /var/cache/apk/*\n',
    'FROM alpine\nRUN apk del curl\n',
  ],
  invalid: [
    {
      name: 'behind sudo',
      code: 'FROM alpine:3.20\nRUN sudo apk add curl\n',
      errors: [{ text: 'sudo apk add curl' }],
      output: 'FROM alpine:3.20\nRUN sudo apk add --no-cache curl\n',
    },
    {
      code: 'FROM alpine\nRUN apk add curl\n',
      errors: [{ messageId: 'noCache', line: 2, column: 5, text: 'apk add curl', aliases: ['DL3019'] }],
      fix: 'safe',
      output: 'FROM alpine\nRUN apk add --no-cache curl\n',
    },
    {
      name: 'a cache mount elsewhere does not count',
      code: 'FROM alpine\nRUN --mount=type=cache,target=/var/cache/foo apk add -U curl\n',
      errors: [{ column: 46 }],
      output: 'FROM alpine\nRUN --mount=type=cache,target=/var/cache/foo apk add --no-cache -U curl\n',
    },
    {
      name: 'second command of a multi-line RUN, CRLF',
      code: 'FROM alpine\r\nRUN set -eux \\\r\n  && apk add --virtual .build-deps gcc \\\r\n  && echo ok\r\n',
      errors: [{ line: 3, column: 6, text: 'apk add --virtual .build-deps gcc' }],
      output: 'FROM alpine\r\nRUN set -eux \\\r\n  && apk add --no-cache --virtual .build-deps gcc \\\r\n  && echo ok\r\n',
    },
    {
      name: 'heredoc',
      code: 'FROM alpine\nRUN <<EOF\nset -e\napk add curl\nEOF\n',
      errors: [{ line: 4, column: 1 }],
      output: 'FROM alpine\nRUN <<EOF\nset -e\napk add --no-cache curl\nEOF\n',
    },
    {
      name: 'ONBUILD trigger',
      code: 'FROM alpine\nONBUILD RUN apk add curl\n',
      errors: [{ line: 2, column: 13 }],
      output: 'FROM alpine\nONBUILD RUN apk add --no-cache curl\n',
    },
  ],
});
