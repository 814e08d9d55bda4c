import { fitsType, labelsOf, schemaTypeOf } from '../../dockerfile/label-queries.js';
import { defineRule } from '../rule.js';

export default defineRule({
  meta: {
    id: 'label-rfc3339',
    code: 'DF656',
    target: 'dockerfile',
    category: 'style',
    description: 'A label the label schema types as `rfc3339` does not hold an RFC 3339 timestamp.',
    recommended: true,
    severity: 'warn',
    messages: {
      invalid: 'Label `{{key}}` must be an RFC 3339 timestamp (label schema), but `{{value}}` is not one. Write a date and time with a zone, such as `2024-05-01T12:30:00Z` (`date -u +%Y-%m-%dT%H:%M:%SZ`).',
    },
    aliases: ['DL3053'],
  },
  create(ctx) {
    return {
      LABEL(ins) {
        for (const l of labelsOf(ctx.source, ins)) {
          // empty values are label-not-empty's; values from variables are only known at build time
          if (schemaTypeOf(ctx.settings.labelSchema, l.key) !== 'rfc3339' || l.dynamic || l.value === '') continue;
          if (!fitsType('rfc3339', l.value)) ctx.report({ at: l.valueSpan, messageId: 'invalid', data: { key: l.key, value: l.value } });
        }
      },
    };
  },
});
