import { aptGetInstall, aptSkipsRecommends, packageCommands } from '../../dockerfile/package-queries.js';
import { defineRule } from '../rule.js';

export default defineRule({
  meta: {
    id: 'apt-no-install-recommends',
    code: 'DF304',
    target: 'dockerfile',
    category: 'size',
    description: 'apt-get install pulls in recommended packages too; pass --no-install-recommends.',
    recommended: true,
    severity: 'info',
    fixable: 'unsafe',
    messages: {
      recommends:
        '`{{tool}} install` also installs every recommended package. Add `--no-install-recommends` and name the packages you need.',
    },
    aliases: ['DL3015'],
    onbuild: true,
    programs: ['apt-get', 'apt'],
  },
  create(ctx) {
    return {
      RUN(ins) {
        for (const c of packageCommands(ctx.source, ins)) {
          const inst = aptGetInstall(c);
          if (!inst || aptSkipsRecommends(c)) continue;
          ctx.report({
            at: c,
            messageId: 'recommends',
            data: { tool: inst.tool },
            fixTitle: 'Add --no-install-recommends',
            fix: (f) => f.insertAfter(inst.install, ' --no-install-recommends'),
          });
        }
      },
    };
  },
});
