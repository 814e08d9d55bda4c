import type { Edit, Span } from '../../core/diagnostic.js';
import type { Instruction } from '../../dockerfile/nodes.js';
import { defineRule } from '../rule.js';

export default defineRule({
  meta: {
    id: 'stage-name-casing',
    code: 'DF603',
    target: 'dockerfile',
    category: 'style',
    description: 'Stage names should be lowercase; BuildKit lowercases them anyway.',
    recommended: true,
    severity: 'warn',
    fixable: 'safe',
    messages: {
      notLower: 'Stage name `{{name}}` is not lowercase; BuildKit treats it as `{{lower}}`. Rename it (and every reference) to `{{lower}}`.',
    },
    aliases: ['StageNameCasing'],
  },
  create(ctx) {
    const src = ctx.source;
    /** Every place that refers to a stage by name, with the span of the name as written. */
    function references(lower: string): Span[] {
      const out: Span[] = [];
      for (const ins of src.instructions) {
        {
          const t: Instruction = ins;
          if (t.keyword === 'FROM' && t.from?.image && t.from.image.value.toLowerCase() === lower && src.findStage(lower, t.stage)) {
            out.push(t.from.image.span);
          }
          if ((t.keyword === 'COPY' || t.keyword === 'ADD') && t.copy?.from?.valueSpan && t.copy.from.value?.toLowerCase() === lower) {
            out.push(t.copy.from.valueSpan);
          }
          if (t.keyword === 'RUN') {
            for (const fl of t.flags) {
              if (fl.name !== 'mount') continue;
              for (const o of fl.options) if (o.key === 'from' && o.value.toLowerCase() === lower) out.push(o.valueSpan);
            }
          }
        }
      }
      return out;
    }
    return {
      FROM(ins) {
        const name = ins.from?.name;
        if (!name) return;
        const lower = name.value.toLowerCase();
        if (name.value === lower) return;
        ctx.report({
          at: name,
          messageId: 'notLower',
          data: { name: name.value, lower },
          fixTitle: `Rename the stage to ${lower}`,
          fix: (f) => {
            const edits: Edit[] = [];
            for (const span of [name.span, ...references(lower)]) {
              const text = src.textOf(span);
              if (text.includes('\n')) return null;
              if (text !== text.toLowerCase()) edits.push(f.replace(span, text.toLowerCase()));
            }
            return edits;
          },
        });
      },
    };
  },
});
