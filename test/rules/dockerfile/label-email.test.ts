import rule from '../../../src/rules/dockerfile/label-email.js';
import { isEmail } from '../../../src/dockerfile/label-queries.js';
import { expect, it } from 'vitest';
import { ruleTester } from '../../helpers/rule-tester.js';

const settings = { labelSchema: { maintainer: 'email' } };

it('accepts addr-spec and name-addr', () => {
  for (const v of ['abcd@google.com', 'first.last+tag@sub.example.org', 'Jane Doe <jane@example.com>', 'root@localhost']) expect(isEmail(v), v).toBe(true);
  for (const v of ['not-email', '@example.com', 'a@', 'a..b@example.com', 'a@-x.com', 'Jane <jane>']) expect(isEmail(v), v).toBe(false);
});

ruleTester(rule, {
  valid: [
    { code: 'FROM alpine:3.20\nLABEL maintainer="team@example.com"\n', settings },
    { code: 'FROM alpine:3.20\nLABEL maintainer="Team <team@example.com>"\n', settings },
  ],
  invalid: [{ code: 'FROM alpine:3.20\nLABEL maintainer="The Team"\n', settings, errors: [{ line: 2, column: 18, text: '"The Team"', aliases: ['DL3058'] }] }],
});
