import rule from '../../../src/rules/dockerfile/label-spdx.js';
import { isSpdx } from '../../../src/dockerfile/label-queries.js';
import { expect, it } from 'vitest';
import { ruleTester } from '../../helpers/rule-tester.js';

const settings = { labelSchema: { license: 'spdx' } };

it('accepts SPDX ids and expressions', () => {
  for (const v of ['MIT', 'mit', 'Apache-2.0', 'GPL-2.0+', 'GPL-2.0-or-later WITH Classpath-exception-2.0', '(MIT OR Apache-2.0) AND BSD-3-Clause', 'LicenseRef-acme', 'GPL-2.0'])
    expect(isSpdx(v), v).toBe(true);
  for (const v of ['not-spdx', 'MIT OR', 'MIT AND (Apache-2.0', 'Apache 2.0', 'MIT WITH nothing', 'proprietary']) expect(isSpdx(v), v).toBe(false);
});

ruleTester(rule, {
  valid: [
    { code: 'FROM alpine:3.20\nLABEL license="MIT OR Apache-2.0"\n', settings },
    { code: 'FROM alpine:3.20\nLABEL license=BSD-3-Clause\n', settings },
  ],
  invalid: [{ code: 'FROM alpine:3.20\nLABEL license="Apache 2"\n', settings, errors: [{ line: 2, column: 15, text: '"Apache 2"', aliases: ['DL3054'] }] }],
});
