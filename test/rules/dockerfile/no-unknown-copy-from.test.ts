import rule from '../../../src/rules/dockerfile/no-unknown-copy-from.js';
import { df } from '../../helpers/df.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    'FROM golang:1.22 AS build\nRUN go build\nFROM alpine:3.20\nCOPY --from=build /out /app\n',
    'FROM golang:1.22 AS Build\nFROM alpine:3.20\nCOPY --from=BUILD /out /app\n',
    'FROM alpine:3.20\nCOPY --from=nginx:1.27 /etc/nginx /etc/nginx\n',
    'FROM alpine:3.20\nCOPY --from=ghcr.io/org/tool /bin/tool /bin/\n',
    'FROM scratch\nFROM node:20\nCOPY --from=0 /x /y\n',
    { name: 'a stage-local ARG is not expanded in --from (unknown here)', code: 'FROM alpine:3.20\nARG SRC=build\nCOPY --from=$SRC /x /y\n' },
    { name: 'a global ARG naming a stage', code: 'ARG SRC=build\nFROM golang:1.22 AS build\nFROM alpine:3.20\nCOPY --from=${SRC} /x /y\n' },
    { name: 'copying from the stage itself is no-copy-from-self', code: 'FROM node:20 AS app\nCOPY --from=app /x /y\n' },
    'FROM golang:1.22 AS build\nFROM alpine:3.20\nRUN --mount=type=bind,from=build,source=/out,target=/mnt cp /mnt/app /app\n',
    { name: 'ONBUILD refers to the downstream build', code: 'FROM alpine:3.20\nONBUILD COPY --from=builder /x /y\n' },
  ],
  invalid: [
    {
      name: 'a global ARG naming no stage',
      code: 'ARG SRC=buidl\nFROM golang:1.22 AS build\nFROM alpine:3.20\nCOPY --from=${SRC} /x /y\n',
      errors: [{ messageId: 'unknown', line: 4, text: '${SRC}' }],
    },
    {
      code: 'FROM alpine:3.20\nCOPY --from=foo bar .\n',
      errors: [{ messageId: 'unknown', line: 2, column: 13, text: 'foo', aliases: ['DL3022'] }],
    },
    {
      name: 'stage defined later',
      code: df`
        FROM scratch
        COPY --from=build foo .
        FROM node:20 AS build
      `,
      errors: [{ messageId: 'later', line: 2, text: 'build' }],
    },
    { name: 'index of no earlier stage', code: 'COPY --from=0 bar .\n', errors: [{ messageId: 'index', text: '0' }] },
    { name: 'index of a later stage', code: 'FROM a:1\nCOPY --from=1 x .\nFROM b:1\n', errors: [{ messageId: 'index', line: 2 }] },
    {
      name: 'did-you-mean on a typo',
      code: 'FROM golang:1.22 AS builder\nFROM alpine:3.20\nCOPY --from=buidler /out /app\n',
      errors: [{ messageId: 'unknown', text: 'buidler' }],
    },
    {
      name: 'did-you-mean on a prefixed stage name',
      code: 'FROM alpine:3.20 AS license-set\nFROM scratch\nCOPY --from=set /out /\n',
      errors: [{ messageId: 'unknown', text: 'set' }],
    },
    {
      name: 'RUN --mount from= among other flags, multi-line',
      code: df`
        FROM alpine:3.20
        RUN --network=none \\
            --mount=type=bind,from=deps,target=/deps \\
            ls /deps
      `,
      errors: [{ line: 3, column: 28, text: 'deps' }],
    },
    {
      name: '--from among other flags',
      code: 'FROM alpine:3.20\nCOPY --chown=1:1 --link --from=missing /a /b\n',
      errors: [{ text: 'missing' }],
    },
  ],
});
