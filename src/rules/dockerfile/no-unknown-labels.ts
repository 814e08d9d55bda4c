import { labelsOf, schemaTypeOf } from '../../dockerfile/label-queries.js';
import { defineRule } from '../rule.js';

export default defineRule({
  meta: {
    id: 'no-unknown-labels',
    code: 'DF653',
    target: 'dockerfile',
    category: 'style',
    description: 'With strict labels on, a LABEL sets a key the label schema does not name.',
    recommended: true,
    severity: 'info',
    messages: {
      unknown: 'Label `{{key}}` is not in the label schema, and strict labels are on. Remove it, or add it to `labelSchema` in the configuration. Known labels: {{known}}.',
    },
    aliases: ['DL3050'],
  },
  create(ctx) {
    const schema = ctx.settings.labelSchema;
    const keys = Object.keys(schema);
    if (!ctx.settings.strictLabels || !keys.length) return {};
    const known = keys.map((k) => `\`${k}\``).join(', ');
    return {
      LABEL(ins) {
        for (const l of labelsOf(ctx.source, ins)) {
          if (schemaTypeOf(schema, l.key) === undefined) ctx.report({ at: l.keySpan, messageId: 'unknown', data: { key: l.key, known } });
        }
      },
    };
  },
});
