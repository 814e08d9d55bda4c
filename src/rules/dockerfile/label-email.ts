import { fitsType, labelsOf, schemaTypeOf } from '../../dockerfile/label-queries.js';
import { defineRule } from '../rule.js';

export default defineRule({
  meta: {
    id: 'label-email',
    code: 'DF661',
    target: 'dockerfile',
    category: 'style',
    description: 'A label the label schema types as `email` does not hold an e-mail address.',
    recommended: true,
    severity: 'warn',
    messages: {
      invalid: 'Label `{{key}}` must be an e-mail address (label schema), but `{{value}}` is not one. Write an address such as `team@example.com` (or `Team <team@example.com>`).',
    },
    aliases: ['DL3058'],
  },
  create(ctx) {
    return {
      LABEL(ins) {
        for (const l of labelsOf(ctx.source, ins)) {
          // empty values are label-not-empty's; values from variables are only known at build time
          if (schemaTypeOf(ctx.settings.labelSchema, l.key) !== 'email' || l.dynamic || l.value === '') continue;
          if (!fitsType('email', l.value)) ctx.report({ at: l.valueSpan, messageId: 'invalid', data: { key: l.key, value: l.value } });
        }
      },
    };
  },
});
