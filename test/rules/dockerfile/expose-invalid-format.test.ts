import rule from '../../../src/rules/dockerfile/expose-invalid-format.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: ['FROM alpine\nEXPOSE 80 443/tcp 8000-8010\n'],
  invalid: [
    {
      code: 'FROM alpine\nEXPOSE 127.0.0.1:80:80 8080:80/udp\n',
      errors: [
        { messageId: 'mapping', line: 2, column: 8, text: '127.0.0.1:80:80', aliases: ['ExposeInvalidFormat'] },
        { line: 2, column: 24, text: '8080:80/udp' },
      ],
      fix: 'unsafe',
      output: null,
      unsafeOutput: 'FROM alpine\nEXPOSE 80 80/udp\n',
    },
    {
      name: 'IPv6 address and CRLF',
      code: 'FROM alpine\r\nEXPOSE [::1]:80:80\r\n',
      errors: 1,
      unsafeOutput: 'FROM alpine\r\nEXPOSE 80\r\n',
    },
    {
      name: 'no container port: no fix',
      code: 'FROM alpine\nEXPOSE 80:\n',
      errors: 1,
      fix: null,
    },
  ],
});
