import { defineRule } from '../rule.js';

const IRRELEVANT = new Set(['free', 'kill', 'mount', 'ps', 'service', 'shutdown', 'ssh', 'top', 'vim']);

export default defineRule({
  meta: {
    id: 'no-irrelevant-commands',
    code: 'DF611',
    target: 'dockerfile',
    category: 'style',
    description: 'RUN calls an interactive or host-level tool (ssh, vim, service, top...) that has no effect in a build.',
    recommended: true,
    severity: 'info',
    messages: {
      irrelevant: '`{{cmd}}` is an interactive or host-level command that does nothing useful in a build step. Remove it.',
    },
    aliases: ['DL3001'],
    onbuild: true,
    programs: [...IRRELEVANT],
  },
  create(ctx) {
    return {
      RUN(ins) {
        for (const c of ctx.source.commands(ins)) {
          if (!c.nameWord || !IRRELEVANT.has(c.program)) continue;
          ctx.report({ at: c.nameWord, messageId: 'irrelevant', data: { cmd: c.program } });
        }
      },
    };
  },
});
