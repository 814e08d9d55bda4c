import rule from '../../../src/rules/dockerfile/no-undefined-var.js';
import { df } from '../../helpers/df.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    'FROM alpine\nARG V=1\nENV A=$V\nCOPY app-$V /app\n',
    'FROM alpine\nENV A=1\nWORKDIR /opt/$A\n',
    'FROM alpine\nRUN echo $UNDEFINED\nCMD echo $NOPE\n',
    'FROM alpine\nENV PATH=$PATH:/x HOME_DIR=$HOME\n',
    'FROM python:3.12\nRUN --mount=type=cache,target=$HOME/.cache/pip pip install x\nENV V=$PYTHON_VERSION\n',
    'FROM alpine\nEXPOSE $PORT\n',
    'FROM alpine\nCOPY --from=$STAGE /a /b\n',
    'FROM alpine\nENV A=${UNSET:-default} B=${UNSET:+x}\n',
    'ARG TAG=1\nFROM alpine\nARG TAG\nLABEL v=$TAG\n',
    'FROM alpine AS base\nENV APP=/app\nFROM base\nWORKDIR $APP\n',
    'FROM alpine\nARG TARGETARCH\nCOPY bin/$TARGETARCH/app /app\n',
    'FROM alpine\nARG A=1 B=$A\n',
    'FROM alpine\nENV A=\\$NOT_A_VAR\n',
    { name: 'option: extra base image names', code: 'FROM alpine\nWORKDIR $ACME_ROOT_X\n', options: { baseImageVars: ['ACME_ROOT_X'] } },
    { name: 'an unknown base image may define the variable', code: 'FROM gcr.io/oss-fuzz-base/base-builder\nWORKDIR $SRC\n' },
    { name: 'BuildKit always defines PATH', code: 'FROM scratch\nENV PATH=/bin:$PATH\n' },
    'ARG VERSION=${VERSION}\nFROM alpine\n',
  ],
  invalid: [
    {
      code: 'FROM alpine\nARG VERSION=1\nCOPY app-$VERSON.tar /app\n',
      errors: [{ messageId: 'suggest', line: 3, column: 10, text: '$VERSON', aliases: ['UndefinedVar'] }],
    },
    {
      name: 'global ARG not redeclared',
      code: 'ARG TAG=1\nFROM alpine\nLABEL version=${TAG}\n',
      errors: [{ messageId: 'globalArg', line: 3, column: 15, text: '${TAG}' }],
    },
    {
      name: 'platform ARG not declared in the stage',
      code: 'FROM alpine\nCOPY bin/${TARGETARCH}/app /app\n',
      errors: [{ messageId: 'platformArg', text: '${TARGETARCH}' }],
    },
    {
      name: 'scratch has no environment',
      code: 'FROM scratch\nWORKDIR $HOME\n',
      errors: [{ messageId: 'undefined', line: 2, column: 9, text: '$HOME' }],
    },
    {
      name: 'base-image names are still reported for a stage built from scratch, through its parent',
      code: 'FROM scratch AS a\nFROM a\nUSER $USER\n',
      errors: 1,
    },
    {
      name: 'ENV sees values from before the instruction',
      code: 'FROM alpine\nENV A=1 B=$A\n',
      errors: [{ text: '$A' }],
    },
    {
      name: 'multi-line instruction, mount option, chown flag',
      code: df`
        FROM alpine
        RUN --mount=type=cache,target=/root/$CACHE_DIRX \\
            true
        COPY --chown=$APP_USR:$APP_USR \\
             a b /dst/
      `,
      errors: [
        { line: 2, text: '$CACHE_DIRX' },
        { line: 4, column: 14, text: '$APP_USR' },
        { line: 4, column: 23, text: '$APP_USR' },
      ],
    },
    {
      name: 'JSON form of COPY and VOLUME',
      code: 'FROM alpine\nVOLUME ["/data/$DATA_SUBDIR"]\n',
      errors: [{ line: 2, column: 16, text: '$DATA_SUBDIR' }],
    },
    {
      name: 'global ARG default using an undefined name',
      code: 'ARG B=$A_UNDEF\nFROM alpine\n',
      errors: [{ line: 1, column: 7 }],
    },
    {
      name: 'unknown base image: likely typos are still reported',
      code: 'FROM acme/base:1\nARG APP_DIR=/app\nWORKDIR $APP_DRI\n',
      errors: [{ messageId: 'suggest', line: 3, text: '$APP_DRI' }],
    },
    {
      name: 'official image through docker.io/library with a digest',
      code: 'FROM docker.io/library/node:20@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\nWORKDIR /x/$APP_NAME_Q\n',
      errors: 1,
    },
    {
      name: 'common base names are reported when the option is off',
      code: 'FROM alpine\nWORKDIR $HOME\n',
      options: { assumeBaseImageEnv: false },
      errors: 1,
    },
  ],
});
