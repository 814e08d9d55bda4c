import { expect, it } from 'vitest';
import rule from '../../../src/rules/dockerfile/no-root-user.js';
import { runRule, ruleTester } from '../../helpers/rule-tester.js';

const hadolint = { finalStageOnly: false };

it('an implicit root user does not answer to DL3002 (hadolint does not report it)', async () => {
  const [f] = await runRule(rule, { code: 'FROM debian:12\nRUN apt-get update\n', options: { implicitRoot: true } });
  expect(f.messageId).toBe('implicit');
  expect(f.aliases).toEqual([]);
});

ruleTester(rule, {
  valid: [
    'FROM scratch\nUSER foo\n',
    'FROM scratch\nUSER root\nRUN something\nUSER foo\n',
    'FROM debian:12 AS base\nUSER root\nRUN something\nUSER foo\nFROM scratch\nRUN something else\n',
    'FROM scratch\nUSER 1000:0\n',
    { name: 'unknown ARG value', code: 'FROM scratch\nARG APP_USER\nUSER $APP_USER\n' },
    { name: 'a builder stage may stay root', code: 'FROM debian:12 AS build\nUSER root\nRUN make\nFROM debian:12\nCOPY --from=build /out /app\nUSER app\n' },
    { name: 'a builder stage used through RUN --mount may stay root', code: 'FROM debian:12 AS build\nUSER root\nRUN make\nFROM debian:12\nRUN --mount=from=build,target=/b cp /b/out /app\nUSER app\n' },
    { name: 'targetStages off: a stage nothing uses is not judged', code: 'FROM debian:12 AS dev\nUSER root\nFROM debian:12\nUSER app\n', options: { targetStages: false } },
    { name: 'a builder stage may stay root (implicitly)', code: 'FROM golang:1.22 AS build\nRUN go build -o /app\nFROM gcr.io/distroless/static:nonroot\nCOPY --from=build /app /app\n' },
    { name: 'non-root user inherited from the parent stage', code: 'FROM debian:12 AS base\nUSER 10001\nFROM base\nCOPY . /app\n' },
    { name: 'no USER, but nothing added to the base', code: 'FROM debian:12\nCMD ["bash"]\n' },
    { name: 'no USER on a known non-root base', code: 'FROM bitnami/nginx:1.27\nCOPY site /app\n' },
    { name: 'implicitRoot off', code: 'FROM debian:12\nRUN x\n', options: { implicitRoot: false } },
    { name: 'hadolint mode: switched back', code: 'FROM debian:12 AS base\nUSER root\nUSER foo\nFROM scratch\nRUN x\n', options: hadolint },
  ],
  invalid: [
    { code: 'FROM scratch\nUSER root\n', errors: [{ messageId: 'root', line: 2, column: 6, text: 'root', aliases: ['DL3002'] }] },
    { code: 'FROM scratch\nUSER 0\n', errors: [{ text: '0' }] },
    { code: 'FROM scratch\nUSER root:root\n', errors: [{ text: 'root:root' }] },
    { code: 'FROM scratch\nUSER 0:0\n', errors: 1 },
    { name: 'through an ARG default', code: 'FROM scratch\nARG RUNAS=root\nUSER ${RUNAS}\n', errors: [{ text: '${RUNAS}' }] },
    {
      name: 'hadolint mode: each stage is checked',
      code: 'FROM debian:12 AS base\nUSER root\nRUN something\nFROM scratch\nUSER foo\nRUN something else\n',
      options: hadolint,
      errors: [{ line: 2 }],
    },
    {
      name: 'root inherited from the parent stage',
      code: 'FROM debian:12 AS base\nUSER root\nFROM base\nRUN x\n',
      errors: [{ messageId: 'inherited', line: 2 }],
    },
    {
      name: 'the final stage',
      code: 'FROM debian:12 AS build\nUSER root\nFROM debian:12\nCOPY --from=build /out /app\nUSER app\nUSER 0\n',
      errors: [{ messageId: 'root', line: 6 }],
    },
    {
      name: 'a stage nothing else uses is a possible --target, judged like the final stage',
      code: 'FROM debian:12 AS dev\nUSER root\nRUN x\nFROM scratch\nUSER foo\nRUN y\n',
      errors: [{ messageId: 'root', line: 2, text: 'root' }],
    },
    {
      name: 'a --target stage inheriting root',
      code: 'FROM debian:12 AS base\nUSER root\nFROM base AS dev\nRUN x\nFROM base AS prod\nUSER app\n',
      errors: [{ messageId: 'inherited', line: 2 }],
    },
    {
      name: 'no USER in a final stage that adds files to a root base',
      code: 'FROM golang:1.22 AS build\nRUN go build -o /app\nFROM debian:12-slim\nCOPY --from=build /app /app\n',
      options: { implicitRoot: true },
      errors: [{ messageId: 'implicit', line: 3, column: 6, text: 'debian:12-slim' }],
    },
    {
      name: 'no USER, base through a global ARG',
      code: 'ARG BASE=node:20\nFROM ${BASE}\nRUN npm ci\n',
      options: { implicitRoot: true },
      errors: [{ messageId: 'implicit', text: '${BASE}' }],
    },
  ],
});
