import { RESERVED_STAGE_NAMES } from '../../dockerfile/stage-queries.js';
import { defineRule } from '../rule.js';

export default defineRule({
  meta: {
    id: 'no-reserved-stage-name',
    code: 'DF104',
    target: 'dockerfile',
    category: 'correctness',
    description: 'A stage is named with a reserved word (`scratch`, `context`).',
    recommended: true,
    severity: 'warn',
    messages: {
      reserved:
        '`{{name}}` is a reserved name: `FROM {{lower}}` and `--from={{lower}}` already mean something else to BuildKit. Give the stage another name.',
    },
    aliases: ['DL3063', 'ReservedStageName'],
  },
  create(ctx) {
    return {
      stage(s) {
        const word = s.from.from?.name;
        if (!word || !s.name || !RESERVED_STAGE_NAMES.includes(s.name)) return;
        ctx.report({ at: word, messageId: 'reserved', data: { name: word.value, lower: s.name } });
      },
    };
  },
});
