import rule from '../../../src/rules/dockerfile/label-url.js';
import { ruleTester } from '../../helpers/rule-tester.js';

const settings = { labelSchema: { 'org.opencontainers.image.source': 'url', other: 'text' } };

ruleTester(rule, {
  valid: [
    { code: 'FROM alpine:3.20\nLABEL org.opencontainers.image.source="https://github.com/acme/app"\n', settings },
    { code: 'FROM alpine:3.20\nLABEL other="not a url"\n', settings },
    { name: 'no schema: inactive', code: 'FROM alpine:3.20\nLABEL org.opencontainers.image.source="nope"\n' },
    { name: 'value from a build arg', code: 'FROM alpine:3.20\nARG SRC\nLABEL org.opencontainers.image.source=$SRC\n', settings },
    { name: 'empty value is label-not-empty', code: 'FROM alpine:3.20\nLABEL org.opencontainers.image.source=""\n', settings },
  ],
  invalid: [
    {
      code: 'FROM alpine:3.20\nLABEL org.opencontainers.image.source="github.com/acme/app"\n',
      settings,
      errors: [{ messageId: 'invalid', line: 2, column: 39, text: '"github.com/acme/app"', aliases: ['DL3052'] }],
    },
    {
      name: 'second pair of a multi-line LABEL',
      code: 'FROM alpine:3.20\nLABEL other=x \\\n  org.opencontainers.image.source=not-url\n',
      settings,
      errors: [{ line: 3, column: 35, text: 'not-url' }],
    },
  ],
});
