import { defineRule } from '../rule.js';

export default defineRule({
  meta: {
    id: 'no-duplicate-stage-name',
    code: 'DF103',
    target: 'dockerfile',
    category: 'correctness',
    description: 'Two stages have the same name.',
    recommended: true,
    severity: 'error',
    messages: {
      duplicate:
        'Stage name `{{name}}` is already used on line {{line}} (stage names are case-insensitive). Rename one of the stages so `--from`, `FROM` and `--target` are unambiguous.',
    },
    aliases: ['DL3024', 'DuplicateStageName'],
  },
  create(ctx) {
    return {
      stage(s) {
        const word = s.from.from?.name;
        if (!word || !s.name) return;
        const first = ctx.source.firstStageNamed(s.name);
        if (!first || first.index >= s.index) return;
        ctx.report({
          at: word,
          messageId: 'duplicate',
          data: { name: word.value, line: first.from.line },
          related: [{ at: first.from.from!.name!, message: 'first defined here' }],
        });
      },
    };
  },
});
