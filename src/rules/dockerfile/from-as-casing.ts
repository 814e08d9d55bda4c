import { casingOf } from '../../dockerfile/check-queries.js';
import { defineRule } from '../rule.js';

export default defineRule({
  meta: {
    id: 'from-as-casing',
    code: 'DF602',
    target: 'dockerfile',
    category: 'style',
    description: 'The AS keyword of FROM should use the same case as FROM.',
    recommended: true,
    severity: 'warn',
    fixable: 'safe',
    messages: {
      mismatch: '`{{as}}` does not match the casing of `{{from}}`; write `{{expected}}`.',
    },
    aliases: ['FromAsCasing'],
  },
  create(ctx) {
    return {
      FROM(ins) {
        const as = ins.from?.asWord;
        if (!as || as.value.toLowerCase() !== 'as') return;
        const lower = casingOf(ins.keywordRaw) === 'lower';
        const expected = lower ? 'as' : 'AS';
        if (as.raw === expected) return;
        ctx.report({
          at: as,
          messageId: 'mismatch',
          data: { as: as.raw, from: ins.keywordRaw, expected },
          fixTitle: `Write ${expected}`,
          fix: (f) => f.replace(as, expected),
        });
      },
    };
  },
});
