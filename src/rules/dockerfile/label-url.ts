import { fitsType, labelsOf, schemaTypeOf } from '../../dockerfile/label-queries.js';
import { defineRule } from '../rule.js';

export default defineRule({
  meta: {
    id: 'label-url',
    code: 'DF655',
    target: 'dockerfile',
    category: 'style',
    description: 'A label the label schema types as `url` does not hold an absolute URL.',
    recommended: true,
    severity: 'warn',
    messages: {
      invalid: 'Label `{{key}}` must be a URL (label schema), but `{{value}}` is not an absolute URL. Write the full address, such as `https://example.com/project`.',
    },
    aliases: ['DL3052'],
  },
  create(ctx) {
    return {
      LABEL(ins) {
        for (const l of labelsOf(ctx.source, ins)) {
          // empty values are label-not-empty's; values from variables are only known at build time
          if (schemaTypeOf(ctx.settings.labelSchema, l.key) !== 'url' || l.dynamic || l.value === '') continue;
          if (!fitsType('url', l.value)) ctx.report({ at: l.valueSpan, messageId: 'invalid', data: { key: l.key, value: l.value } });
        }
      },
    };
  },
});
