import { fedByYes, packageCommands, zypperCommand, zypperNonInteractive, zypperPrompts } from '../../dockerfile/package-queries.js';
import { defineRule } from '../rule.js';

export default defineRule({
  meta: {
    id: 'zypper-non-interactive',
    code: 'DF131',
    target: 'dockerfile',
    category: 'correctness',
    description: 'zypper install without -n stops at its confirmation prompt and fails the build; run `zypper -n install`.',
    recommended: true,
    severity: 'warn',
    fixable: 'safe',
    messages: {
      interactive: '`zypper {{verb}}` without `-n` stops at its "Continue? [y/n]" prompt, which fails a non-interactive build. Run `zypper -n {{verb}}`.',
    },
    aliases: ['DL3034'],
    onbuild: true,
    programs: ['zypper'],
  },
  create(ctx) {
    return {
      RUN(ins) {
        const cmds = packageCommands(ctx.source, ins);
        for (const c of cmds) {
          const z = zypperCommand(c);
          if (!z || !zypperPrompts(z) || zypperNonInteractive(c, z) || fedByYes(cmds, c) || !c.nameWord) continue;
          const name = c.nameWord;
          ctx.report({
            at: c,
            messageId: 'interactive',
            data: { verb: z.verb.value },
            fixTitle: 'Add the global -n option',
            fix: (f) => f.insertAfter(name, ' -n'),
          });
        }
      },
    };
  },
});
