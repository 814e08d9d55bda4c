import rule from '../../../src/rules/dockerfile/label-rfc3339.js';
import { isRfc3339 } from '../../../src/dockerfile/label-queries.js';
import { expect, it } from 'vitest';
import { ruleTester } from '../../helpers/rule-tester.js';

const settings = { labelSchema: { created: 'rfc3339' } };

it('accepts RFC 3339 date-times only', () => {
  for (const v of ['2021-03-10T10:26:33.564595127+01:00', '2024-02-29T00:00:00Z', '2024-05-01t12:30:00z', '2024-05-01 12:30:00-07:00']) expect(isRfc3339(v), v).toBe(true);
  for (const v of ['2024-05-01', '2023-02-29T00:00:00Z', '2024-13-01T00:00:00Z', '2024-05-01T25:00:00Z', '2024-05-01T12:30:00', 'yesterday']) expect(isRfc3339(v), v).toBe(false);
});

ruleTester(rule, {
  valid: [
    { code: 'FROM alpine:3.20\nLABEL created="2021-03-10T10:26:33Z"\n', settings },
    { code: 'FROM alpine:3.20\nARG BUILD_DATE\nLABEL created=${BUILD_DATE}\n', settings },
  ],
  invalid: [
    { code: 'FROM alpine:3.20\nLABEL created="2021-03-10"\n', settings, errors: [{ line: 2, column: 15, text: '"2021-03-10"', aliases: ['DL3053'] }] },
    { code: 'FROM alpine:3.20\nLABEL created=today\n', settings, errors: 1 },
  ],
});
