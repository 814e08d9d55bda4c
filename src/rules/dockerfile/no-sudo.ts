import { defineRule } from '../rule.js';

export default defineRule({
  meta: {
    id: 'no-sudo',
    code: 'DF402',
    target: 'dockerfile',
    category: 'security',
    description: 'sudo in RUN has unpredictable TTY and signal behaviour; switch users with USER, or gosu/su-exec at runtime.',
    recommended: true,
    severity: 'error',
    messages: {
      sudo: 'Do not use `sudo` in RUN: it behaves unpredictably without a TTY. Run the step as root (`USER root`) or use gosu/su-exec.',
    },
    aliases: ['DL3004'],
    onbuild: true,
    programs: ['sudo'],
  },
  create(ctx) {
    return {
      RUN(ins) {
        for (const c of ctx.source.commands(ins)) {
          if (c.program !== 'sudo' || !c.nameWord) continue;
          ctx.report({ at: c.nameWord, messageId: 'sudo' });
        }
      },
    };
  },
});
