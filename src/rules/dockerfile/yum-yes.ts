import { fedByYes, packageCommands, rpmAssumesYes, rpmCommand, rpmPrompts } from '../../dockerfile/package-queries.js';
import { defineRule } from '../rule.js';

export default defineRule({
  meta: {
    id: 'yum-yes',
    code: 'DF130',
    target: 'dockerfile',
    category: 'correctness',
    description: 'yum install without -y stops at its confirmation prompt and fails the build; pass -y.',
    recommended: true,
    severity: 'warn',
    fixable: 'safe',
    messages: {
      noYes: '`yum {{action}}` without `-y` stops at its "Is this ok [y/N]" prompt, which fails a non-interactive build. Add `-y`.',
    },
    aliases: ['DL3030'],
    onbuild: true,
    programs: ['yum'],
  },
  create(ctx) {
    return {
      RUN(ins) {
        const cmds = packageCommands(ctx.source, ins);
        for (const c of cmds) {
          const r = rpmCommand(c);
          if (!r || r.family !== 'yum' || !rpmPrompts(r) || rpmAssumesYes(c) || fedByYes(cmds, c)) continue;
          ctx.report({
            at: c,
            messageId: 'noYes',
            data: { action: r.action },
            fixTitle: 'Add -y',
            fix: (f) => f.insertAfter(r.actionWord, ' -y'),
          });
        }
      },
    };
  },
});
