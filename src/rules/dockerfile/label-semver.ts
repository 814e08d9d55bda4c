import { fitsType, labelsOf, schemaTypeOf } from '../../dockerfile/label-queries.js';
import { defineRule } from '../rule.js';

export default defineRule({
  meta: {
    id: 'label-semver',
    code: 'DF659',
    target: 'dockerfile',
    category: 'style',
    description: 'A label the label schema types as `semver` does not hold a semantic version.',
    recommended: true,
    severity: 'warn',
    messages: {
      invalid: 'Label `{{key}}` must be a semantic version (label schema), but `{{value}}` is not one. Write `MAJOR.MINOR.PATCH` with an optional `-prerelease` and `+build`, such as `1.4.2` or `2.0.0-rc.1`.',
    },
    aliases: ['DL3056'],
  },
  create(ctx) {
    return {
      LABEL(ins) {
        for (const l of labelsOf(ctx.source, ins)) {
          // empty values are label-not-empty's; values from variables are only known at build time
          if (schemaTypeOf(ctx.settings.labelSchema, l.key) !== 'semver' || l.dynamic || l.value === '') continue;
          if (!fitsType('semver', l.value)) ctx.report({ at: l.valueSpan, messageId: 'invalid', data: { key: l.key, value: l.value } });
        }
      },
    };
  },
});
