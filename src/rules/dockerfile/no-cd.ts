import { defineRule } from '../rule.js';

export default defineRule({
  meta: {
    id: 'no-cd',
    code: 'DF612',
    target: 'dockerfile',
    category: 'style',
    description: '`cd` in RUN only lasts for that RUN; use WORKDIR to change directory.',
    recommended: true,
    severity: 'warn',
    messages: {
      cd: '`cd` only changes the directory for this RUN. Use `WORKDIR` (or an absolute path) instead.',
    },
    aliases: ['DL3003'],
    programs: ['cd'],
  },
  create(ctx) {
    return {
      RUN(ins) {
        for (const c of ctx.source.commands(ins)) {
          if (c.program !== 'cd' || !c.nameWord) continue;
          ctx.report({ at: c, messageId: 'cd' });
        }
      },
    };
  },
});
