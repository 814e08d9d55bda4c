import rule from '../../../src/rules/dockerfile/consistent-instruction-casing.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    'FROM alpine\nRUN echo hi\nCMD ["sh"]\n',
    'from alpine\nrun echo hi\ncmd ["sh"]\n',
    'FROM alpine\nONBUILD RUN echo hi\n',
  ],
  invalid: [
    {
      name: 'mixed-case keyword',
      code: 'FROM alpine\nRun echo hi\n',
      errors: [{ messageId: 'mixed', line: 2, column: 1, text: 'Run', aliases: ['ConsistentInstructionCasing'] }],
      fix: 'safe',
      output: 'FROM alpine\nRUN echo hi\n',
    },
    {
      name: 'minority lowercase in an uppercase file',
      code: 'FROM alpine\nRUN a\nrun b\nCMD ["x"]\n',
      errors: [{ messageId: 'minority', line: 3, column: 1, text: 'run' }],
      output: 'FROM alpine\nRUN a\nRUN b\nCMD ["x"]\n',
    },
    {
      name: 'minority uppercase in a lowercase file, CRLF kept',
      code: 'from alpine\r\nrun a \\\r\n  b\r\nWORKDIR /x\r\ncmd ["x"]\r\n',
      errors: [{ line: 4, text: 'WORKDIR' }],
      output: 'from alpine\r\nrun a \\\r\n  b\r\nworkdir /x\r\ncmd ["x"]\r\n',
    },
    {
      name: 'ONBUILD trigger keyword',
      code: 'FROM alpine\nONBUILD run echo hi\n',
      errors: [{ line: 2, column: 9, text: 'run' }],
      output: 'FROM alpine\nONBUILD RUN echo hi\n',
    },
    {
      name: 'tie goes to uppercase',
      code: 'FROM alpine\nrun a\n',
      errors: [{ text: 'run' }],
      output: 'FROM alpine\nRUN a\n',
    },
  ],
});
