import rule from '../../../src/rules/dockerfile/stage-name-casing.js';
import { df } from '../../helpers/df.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: ['FROM alpine AS build\n', 'FROM alpine\n', 'FROM alpine AS build-1.x_y\nFROM build\n'],
  invalid: [
    {
      code: 'FROM alpine AS Build\n',
      errors: [{ messageId: 'notLower', line: 1, column: 16, text: 'Build', aliases: ['StageNameCasing'] }],
      fix: 'safe',
      output: 'FROM alpine AS build\n',
    },
    {
      name: 'renames every reference',
      code: df`
        FROM golang:1.22 AS BuildStage
        RUN go build -o /app
        FROM BuildStage AS Test
        RUN --mount=type=bind,from=BUILDSTAGE,target=/src true
        FROM alpine
        COPY --from=BuildStage /app /app
        COPY --from=buildstage /app /app2
        ONBUILD COPY --from=BuildStage /a /b
      `,
      errors: [
        { line: 1, text: 'BuildStage' },
        { line: 3, text: 'Test' },
      ],
      output: df`
        FROM golang:1.22 AS buildstage
        RUN go build -o /app
        FROM buildstage AS test
        RUN --mount=type=bind,from=buildstage,target=/src true
        FROM alpine
        COPY --from=buildstage /app /app
        COPY --from=buildstage /app /app2
        ONBUILD COPY --from=BuildStage /a /b
      `,
    },
    {
      name: 'an image of the same name before the stage is not renamed',
      code: 'FROM Base\nFROM alpine AS Base\r\n',
      errors: [{ line: 2, text: 'Base' }],
      output: 'FROM Base\nFROM alpine AS base\r\n',
    },
  ],
});
