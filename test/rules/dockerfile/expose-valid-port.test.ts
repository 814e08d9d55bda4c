import rule from '../../../src/rules/dockerfile/expose-valid-port.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    'FROM alpine:3.20\nEXPOSE 60000\n',
    'FROM alpine:3.20\nEXPOSE 80/tcp 53/udp 40000-60000/tcp\n',
    'FROM alpine:3.20\nEXPOSE ${PORT}\n',
    'FROM alpine:3.20\nEXPOSE 40000-${END}\n',
    { name: 'mappings are expose-invalid-format', code: 'FROM alpine:3.20\nEXPOSE 80:80\n' },
    { name: 'ARG default in range', code: 'FROM alpine:3.20\nARG PORT=8080\nEXPOSE $PORT\n' },
  ],
  invalid: [
    { code: 'FROM alpine:3.20\nEXPOSE 80 80000\n', errors: [{ messageId: 'range', line: 2, column: 11, text: '80000', aliases: ['DL3011'] }] },
    { code: 'FROM alpine:3.20\nEXPOSE 40000-80000/tcp\n', errors: [{ messageId: 'range', text: '40000-80000/tcp' }] },
    { code: 'FROM alpine:3.20\nEXPOSE 9000-8000\n', errors: [{ messageId: 'order' }] },
    { code: 'FROM alpine:3.20\nEXPOSE http\n', errors: [{ messageId: 'format' }] },
    { name: 'through an ARG default', code: 'FROM alpine:3.20\nARG PORT=99999\nEXPOSE $PORT\n', errors: [{ text: '$PORT' }] },
    { name: 'ONBUILD', code: 'FROM alpine:3.20\nONBUILD EXPOSE 70000\n', errors: [{ line: 2, column: 16 }] },
  ],
});
