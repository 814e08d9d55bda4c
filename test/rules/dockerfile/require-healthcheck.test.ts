import rule from '../../../src/rules/dockerfile/require-healthcheck.js';
import { df } from '../../helpers/df.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    'FROM nginx:1.27\nHEALTHCHECK CMD curl -f http://localhost/ || exit 1\n',
    'FROM alpine:3.20\nHEALTHCHECK NONE\n',
    { name: 'inherited', code: 'FROM alpine:3.20 AS base\nHEALTHCHECK CMD true\nFROM base\n' },
    {
      name: 'a builder stage does not need one',
      code: df`
        FROM golang:1.22 AS build
        RUN go build -o /app .
        FROM alpine:3.20
        COPY --from=build /app /app
        HEALTHCHECK CMD ["/app", "health"]
      `,
    },
  ],
  invalid: [
    { code: 'FROM nginx:1.27\nCOPY site /usr/share/nginx/html\n', errors: [{ messageId: 'missing', line: 1, column: 1, text: 'FROM nginx:1.27', aliases: ['DL3057'] }] },
    {
      name: 'not inherited from an unrelated stage',
      code: 'FROM alpine:3.20 AS base\nHEALTHCHECK CMD true\nFROM alpine:3.20 AS app\n',
      errors: [{ line: 3, text: 'FROM alpine:3.20 AS app' }],
    },
  ],
});
