import rule from '../../../src/rules/dockerfile/required-labels.js';
import { df } from '../../helpers/df.js';
import { ruleTester } from '../../helpers/rule-tester.js';

const settings = { labelSchema: { version: 'semver', 'org.opencontainers.image.source': 'url' } };

ruleTester(rule, {
  valid: [
    { code: 'FROM alpine:3.20\nLABEL version=1.0.0 org.opencontainers.image.source=https://x.example\n', settings },
    { name: 'no schema', code: 'FROM alpine:3.20\n' },
    {
      name: 'inherited from the parent stage',
      code: 'FROM alpine:3.20 AS base\nLABEL version=1.0.0\nFROM base\nLABEL org.opencontainers.image.source=https://x.example\n',
      settings,
    },
    {
      name: 'a builder stage copied into a labelled image',
      code: df`
        FROM golang:1.22 AS build
        RUN go build -o /app .
        FROM alpine:3.20
        LABEL version=1.0.0 org.opencontainers.image.source=https://x.example
        COPY --from=build /app /app
      `,
      settings,
    },
  ],
  invalid: [
    {
      code: 'FROM alpine:3.20 AS app\nLABEL version=1.0.0\n',
      settings,
      errors: [{ messageId: 'missing', line: 1, column: 1, text: 'FROM alpine:3.20 AS app', aliases: ['DL3049'] }],
    },
    { name: 'one finding per missing label', code: 'FROM alpine:3.20\n', settings, errors: 2 },
    {
      name: 'a stage nothing labelled builds on',
      code: 'FROM alpine:3.20 AS base\nFROM debian:12\nLABEL version=1.0.0 org.opencontainers.image.source=https://x.example\n',
      settings,
      errors: [{ line: 1 }, { line: 1 }],
    },
    {
      name: 'a chain without the label: every stage',
      code: 'FROM alpine:3.20 AS base\nFROM base\n',
      settings: { labelSchema: { version: 'text' } },
      errors: [{ line: 1 }, { line: 2 }],
    },
  ],
});
