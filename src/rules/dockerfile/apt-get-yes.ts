import { aptAssumesYes, aptGetInstall, packageCommands } from '../../dockerfile/package-queries.js';
import { defineRule } from '../rule.js';

export default defineRule({
  meta: {
    id: 'apt-get-yes',
    code: 'DF117',
    target: 'dockerfile',
    category: 'correctness',
    description: 'apt-get install without -y waits for a confirmation that never comes in a build; pass -y.',
    recommended: true,
    severity: 'warn',
    fixable: 'safe',
    messages: {
      noYes: '`{{tool}} install` without `-y` aborts at its confirmation prompt when it has extra packages to install. Add `-y`.',
    },
    aliases: ['DL3014'],
    onbuild: true,
    programs: ['apt-get', 'apt'],
  },
  create(ctx) {
    return {
      RUN(ins) {
        for (const c of packageCommands(ctx.source, ins)) {
          const inst = aptGetInstall(c);
          if (!inst || aptAssumesYes(c)) continue;
          ctx.report({
            at: c,
            messageId: 'noYes',
            data: { tool: inst.tool },
            fixTitle: 'Add -y',
            fix: (f) => f.insertAfter(inst.install, ' -y'),
          });
        }
      },
    };
  },
});
