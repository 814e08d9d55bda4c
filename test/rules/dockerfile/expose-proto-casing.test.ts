import rule from '../../../src/rules/dockerfile/expose-proto-casing.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: ['FROM alpine\nEXPOSE 80 443/tcp 53/udp\n', 'FROM alpine\nEXPOSE 80/$PROTO\n'],
  invalid: [
    {
      code: 'FROM alpine\nEXPOSE 80/TCP 53/Udp\n',
      errors: [
        { messageId: 'upper', line: 2, column: 11, text: 'TCP', aliases: ['ExposeProtoCasing'] },
        { line: 2, text: 'Udp' },
      ],
      fix: 'safe',
      output: 'FROM alpine\nEXPOSE 80/tcp 53/udp\n',
    },
    {
      code: 'FROM alpine\r\nEXPOSE 80 \\\r\n  443/TCP\r\n',
      errors: [{ line: 3, column: 7 }],
      output: 'FROM alpine\r\nEXPOSE 80 \\\r\n  443/tcp\r\n',
    },
  ],
});
