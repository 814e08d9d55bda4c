import rule from '../../../src/rules/dockerfile/label-key-format.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    'FROM alpine:3.20\nLABEL org.valid-key.label3="foo"\n',
    'FROM alpine:3.20\nLABEL org.opencontainers.image.source=https://example.com version=1\n',
    { name: 'key from a declared ARG', code: 'FROM alpine:3.20\nARG NS\nLABEL ${NS}.version=1\n' },
  ],
  invalid: [
    { code: 'FROM alpine:3.20\nLABEL com.docker.label="foo"\n', errors: [{ messageId: 'reserved', line: 2, column: 7, text: 'com.docker.label', aliases: ['DL3048'] }] },
    { code: 'FROM alpine:3.20\nLABEL build_date=today\n', errors: [{ messageId: 'chars', text: 'build_date' }] },
    { code: 'FROM alpine:3.20\nLABEL 1invalid=x\n', errors: [{ messageId: 'start' }] },
    { code: 'FROM alpine:3.20\nLABEL invalid-=x\n', errors: [{ messageId: 'end' }] },
    { code: 'FROM alpine:3.20\nLABEL invalid..key=x\n', errors: [{ messageId: 'doubled' }] },
    { name: 'undeclared variable in a key', code: 'FROM alpine:3.20\nLABEL invalid$character="foo"\n', errors: [{ messageId: 'chars' }] },
    {
      name: 'upper case: unsafe fix lower-cases the key',
      code: 'FROM alpine:3.20\r\nLABEL Version=1 \\\r\n  Maintainer=me\r\n',
      errors: [{ messageId: 'uppercase', line: 2, text: 'Version' }, { line: 3, column: 3, text: 'Maintainer' }],
      fix: 'unsafe',
      output: null,
      unsafeOutput: 'FROM alpine:3.20\r\nLABEL version=1 \\\r\n  maintainer=me\r\n',
    },
    { name: 'quoted upper-case key: no fix', code: 'FROM alpine:3.20\nLABEL "Vendor"=acme\n', errors: [{ text: '"Vendor"' }], unsafeOutput: null },
  ],
});
