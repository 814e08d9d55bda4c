import { fitsType, labelsOf, schemaTypeOf } from '../../dockerfile/label-queries.js';
import { defineRule } from '../rule.js';

export default defineRule({
  meta: {
    id: 'label-spdx',
    code: 'DF657',
    target: 'dockerfile',
    category: 'style',
    description: 'A label the label schema types as `spdx` does not hold an SPDX license identifier or expression.',
    recommended: true,
    severity: 'warn',
    messages: {
      invalid: 'Label `{{key}}` must be an SPDX license identifier (label schema), but `{{value}}` is not one. Use an id from https://spdx.org/licenses/ such as `MIT` or `Apache-2.0`, or an expression such as `MIT OR Apache-2.0`.',
    },
    aliases: ['DL3054'],
  },
  create(ctx) {
    return {
      LABEL(ins) {
        for (const l of labelsOf(ctx.source, ins)) {
          // empty values are label-not-empty's; values from variables are only known at build time
          if (schemaTypeOf(ctx.settings.labelSchema, l.key) !== 'spdx' || l.dynamic || l.value === '') continue;
          if (!fitsType('spdx', l.value)) ctx.report({ at: l.valueSpan, messageId: 'invalid', data: { key: l.key, value: l.value } });
        }
      },
    };
  },
});
