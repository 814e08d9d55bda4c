import rule from '../../../src/rules/dockerfile/no-copy-whole-stage.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    'FROM alpine:3.20\nCOPY / /\n',
    'FROM alpine:3.20\nCOPY --from=build /app /\n',
    'FROM alpine:3.20\nCOPY --from=build / /app\n',
    'FROM alpine:3.20\nCOPY --from=build /etc /opt /\n',
    { name: 'a rootfs stage built FROM scratch', code: 'FROM alpine:3.20 AS build\nRUN make\nFROM scratch AS rootfs\nCOPY --from=build /out /\nFROM alpine:3.20\nCOPY --from=rootfs / /\n' },
  ],
  invalid: [
    { code: 'FROM alpine:3.20\nCOPY --from=build / /\n', errors: [{ messageId: 'wholeStage', line: 2, column: 19, text: '/ /', aliases: ['DL3067'] }] },
    { code: 'FROM alpine:3.20\nCOPY --link --from=build "/" "/"\n', errors: [{ text: '"/" "/"' }] },
    { code: 'FROM alpine:3.20\nCOPY --from=build \\\n  /. \\\n  /\n', errors: [{ line: 3, endLine: 4 }] },
  ],
});
