import { labelsOf, schemaTypeOf } from '../../dockerfile/label-queries.js';
import { defineRule } from '../rule.js';

export default defineRule({
  meta: {
    id: 'label-not-empty',
    code: 'DF654',
    target: 'dockerfile',
    category: 'style',
    description: 'A label named in the label schema is set to an empty value.',
    recommended: true,
    severity: 'warn',
    messages: {
      empty: 'Label `{{key}}` is in the label schema but set to an empty value. Give it a value, or pass one at build time (`LABEL {{key}}=$VALUE` with `ARG VALUE`).',
    },
    aliases: ['DL3051'],
  },
  create(ctx) {
    return {
      LABEL(ins) {
        for (const l of labelsOf(ctx.source, ins)) {
          if (schemaTypeOf(ctx.settings.labelSchema, l.key) === undefined || l.dynamic) continue;
          if (l.value.trim() === '') ctx.report({ at: l.valueSpan, messageId: 'empty', data: { key: l.key } });
        }
      },
    };
  },
});
