import rule from '../../../src/rules/dockerfile/no-root-user.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    'FROM scratch\nUSER foo\n',
    'FROM scratch\nUSER root\nRUN something\nUSER foo\n',
    'FROM debian:12 AS base\nUSER root\nRUN something\nUSER foo\nFROM scratch\nRUN something else\n',
    'FROM scratch\nUSER 1000:0\n',
    { name: 'unknown ARG value', code: 'FROM scratch\nARG APP_USER\nUSER $APP_USER\n' },
    {
      name: 'finalStageOnly: a builder stage may stay root',
      code: 'FROM debian:12 AS build\nUSER root\nFROM debian:12\nUSER app\n',
      options: { finalStageOnly: true },
    },
    { name: 'finalStageOnly: no USER anywhere', code: 'FROM debian:12\nRUN x\n', options: { finalStageOnly: true } },
  ],
  invalid: [
    { code: 'FROM scratch\nUSER root\n', errors: [{ messageId: 'root', line: 2, column: 6, text: 'root', aliases: ['DL3002'] }] },
    { code: 'FROM scratch\nUSER 0\n', errors: [{ text: '0' }] },
    { code: 'FROM scratch\nUSER root:root\n', errors: [{ text: 'root:root' }] },
    { code: 'FROM scratch\nUSER 0:0\n', errors: 1 },
    { name: 'through an ARG default', code: 'FROM scratch\nARG RUNAS=root\nUSER ${RUNAS}\n', errors: [{ text: '${RUNAS}' }] },
    {
      name: 'each stage is checked',
      code: 'FROM debian:12 AS base\nUSER root\nRUN something\nFROM scratch\nUSER foo\nRUN something else\n',
      errors: [{ line: 2 }],
    },
    {
      name: 'finalStageOnly: root inherited from the parent stage',
      code: 'FROM debian:12 AS base\nUSER root\nFROM base\nRUN x\n',
      options: { finalStageOnly: true },
      errors: [{ messageId: 'inherited', line: 2 }],
    },
    {
      name: 'finalStageOnly: the final stage',
      code: 'FROM debian:12 AS build\nUSER root\nFROM debian:12\nUSER app\nUSER 0\n',
      options: { finalStageOnly: true },
      errors: [{ messageId: 'root', line: 5 }],
    },
  ],
});
