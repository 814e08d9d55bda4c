import rule from '../../../src/rules/dockerfile/no-empty-continuation.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: ['FROM alpine\nRUN a \\\n  b\n', 'FROM alpine\nRUN a \\\n# comment\n  b\n', 'FROM alpine\n\nRUN a\n\n'],
  invalid: [
    {
      code: 'FROM alpine\nRUN a \\\n\n  b\n',
      errors: [{ messageId: 'empty', line: 3, column: 1, text: '', aliases: ['NoEmptyContinuation'] }],
      fix: 'safe',
      output: 'FROM alpine\nRUN a \\\n  b\n',
    },
    {
      name: 'whitespace-only lines, CRLF',
      code: 'FROM alpine\r\nRUN a \\\r\n   \r\n  b \\\r\n\r\n  c\r\n',
      errors: [
        { line: 3, text: '   ' },
        { line: 5, text: '' },
      ],
      output: 'FROM alpine\r\nRUN a \\\r\n  b \\\r\n  c\r\n',
    },
  ],
});
