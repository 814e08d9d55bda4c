import { fedByYes, packageCommands, rpmAssumesYes, rpmCommand, rpmPrompts, RPM_PROGRAMS } from '../../dockerfile/package-queries.js';
import { defineRule } from '../rule.js';

export default defineRule({
  meta: {
    id: 'dnf-yes',
    code: 'DF133',
    target: 'dockerfile',
    category: 'correctness',
    description: 'dnf/microdnf install without -y stops at its confirmation prompt and fails the build; pass -y.',
    recommended: true,
    severity: 'warn',
    fixable: 'safe',
    messages: {
      noYes: '`{{tool}} {{action}}` without `-y` stops at its "Is this ok [y/N]" prompt, which fails a non-interactive build. Add `-y`.',
    },
    aliases: ['DL3038'],
    onbuild: true,
    programs: RPM_PROGRAMS.filter((p) => p !== 'yum'),
  },
  create(ctx) {
    return {
      RUN(ins) {
        const cmds = packageCommands(ctx.source, ins);
        for (const c of cmds) {
          const r = rpmCommand(c);
          if (!r || r.family === 'yum' || !rpmPrompts(r) || rpmAssumesYes(c) || fedByYes(cmds, c)) continue;
          ctx.report({
            at: c,
            messageId: 'noYes',
            data: { tool: r.tool, action: r.action },
            fixTitle: 'Add -y',
            fix: (f) => f.insertAfter(r.actionWord, ' -y'),
          });
        }
      },
    };
  },
});
