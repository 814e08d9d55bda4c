import { fitsType, labelsOf, schemaTypeOf } from '../../dockerfile/label-queries.js';
import { defineRule } from '../rule.js';

export default defineRule({
  meta: {
    id: 'label-git-hash',
    code: 'DF658',
    target: 'dockerfile',
    category: 'style',
    description: 'A label the label schema types as `hash` does not hold a git commit id.',
    recommended: true,
    severity: 'warn',
    messages: {
      invalid: 'Label `{{key}}` must be a git commit id (label schema), but `{{value}}` is not 7 to 40 hex digits. Pass the commit at build time, such as `--build-arg GIT_COMMIT=$(git rev-parse HEAD)`.',
    },
    aliases: ['DL3055'],
  },
  create(ctx) {
    return {
      LABEL(ins) {
        for (const l of labelsOf(ctx.source, ins)) {
          // empty values are label-not-empty's; values from variables are only known at build time
          if (schemaTypeOf(ctx.settings.labelSchema, l.key) !== 'hash' || l.dynamic || l.value === '') continue;
          if (!fitsType('hash', l.value)) ctx.report({ at: l.valueSpan, messageId: 'invalid', data: { key: l.key, value: l.value } });
        }
      },
    };
  },
});
