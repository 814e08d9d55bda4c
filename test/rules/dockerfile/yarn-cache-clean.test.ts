import rule from '../../../src/rules/dockerfile/yarn-cache-clean.js';
import { df } from '../../helpers/df.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    'FROM node:20\nRUN yarn install --frozen-lockfile && yarn cache clean\n',
    'FROM node:20\nRUN --mount=type=cache,target=/root/.cache/yarn yarn install\n',
    'FROM node:20\nRUN --mount=type=cache,target=/usr/local/share/.cache/yarn yarn install\n',
    'FROM node:20\nRUN --mount=type=tmpfs,target=/home/node/.cache/yarn yarn install\n',
    'FROM node:20\nENV YARN_CACHE_FOLDER=/tmp/yc\nRUN --mount=type=cache,target=/tmp/yc yarn install\n',
    'FROM node:20\nRUN yarn install --cache-folder /tmp/yc && rm -rf /tmp/yc\n',
    'FROM node:20\nRUN yarn install && rm -rf /usr/local/share/.cache/yarn\n',
    'FROM node:20\nRUN yarn build\n',
    'FROM node:20\nRUN foo\n',
    {
      name: 'builder stage only read through COPY --from',
      code: 'FROM node:20 AS build\nRUN yarn install && yarn build\nFROM nginx\nCOPY --from=build /app/dist /usr/share/nginx/html\n',
    },
  ],
  invalid: [
    {
      code: 'FROM node:20\nRUN yarn install --frozen-lockfile\n',
      errors: [{ messageId: 'noClean', line: 2, column: 5, text: 'yarn install --frozen-lockfile', aliases: ['DL3060'] }],
      fix: 'unsafe',
      output: null,
      unsafeOutput: 'FROM node:20\nRUN yarn install --frozen-lockfile && yarn cache clean\n',
    },
    {
      name: 'bare yarn and yarn add; a clean before does not count',
      code: 'FROM node:20\nRUN yarn cache clean && yarn && yarn global add typescript\n',
      errors: [{ text: 'yarn' }],
      unsafeOutput: 'FROM node:20\nRUN yarn cache clean && yarn && yarn global add typescript && yarn cache clean\n',
    },
    {
      name: 'a cache mount elsewhere does not exempt',
      code: 'FROM node:20\nRUN --mount=type=cache,target=/var/lib/foobar yarn install foobar\n',
      errors: 1,
    },
    {
      name: 'the stage the final stage is built on',
      code: 'FROM node:20 AS deps\nRUN yarn install\nFROM deps\nCMD ["node", "index.js"]\n',
      errors: [{ line: 2 }],
    },
    {
      name: 'ONBUILD triggers are reported in any stage',
      code: 'FROM node:20 AS base\nONBUILD RUN yarn install\nFROM scratch\n',
      errors: [{ line: 2, column: 13 }],
      unsafeOutput: 'FROM node:20 AS base\nONBUILD RUN yarn install && yarn cache clean\nFROM scratch\n',
    },
    {
      name: 'heredoc, CRLF',
      code: 'FROM node:20\r\nRUN <<EOF\r\nset -e\r\nyarn install\r\nEOF\r\n',
      errors: [{ line: 4, column: 1, text: 'yarn install' }],
      unsafeOutput: 'FROM node:20\r\nRUN <<EOF\r\nset -e\r\nyarn install\r\nyarn cache clean\r\nEOF\r\n',
    },
    {
      name: 'multi-line',
      code: df`
        FROM node:20
        WORKDIR /app
        RUN yarn install \\
         && yarn build
      `,
      errors: [{ line: 3, column: 5 }],
      unsafeOutput: df`
        FROM node:20
        WORKDIR /app
        RUN yarn install \\
         && yarn build \\
         && yarn cache clean
      `,
    },
  ],
});
