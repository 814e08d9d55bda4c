import { externalBase, packageCommands } from '../../dockerfile/package-queries.js';
import { findFlag } from '../../dockerfile/shell-queries.js';
import { defineRule } from '../rule.js';

export default defineRule({
  meta: {
    id: 'wget-progress',
    code: 'DF615',
    target: 'dockerfile',
    category: 'style',
    description: 'wget without --progress prints a line of dots per few kilobytes into the build log.',
    recommended: true,
    severity: 'info',
    fixable: 'safe',
    messages: {
      progress: '`wget` without a progress option floods the build log. Add `--progress=dot:giga`, or `-nv` / `-q`.',
    },
    aliases: ['DL3047'],
    onbuild: true,
    programs: ['wget'],
  },
  create(ctx) {
    return {
      RUN(ins) {
        // BusyBox wget (Alpine, busybox images) rejects --progress: the fix is not safe there
        const base = externalBase(ctx.source, ctx.source.stageOf(ins)) ?? '';
        const busybox = /alpine|busybox/i.test(base) || packageCommands(ctx.source, ins).some((c) => c.program === 'apk');
        for (const c of packageCommands(ctx.source, ins)) {
          if (c.program !== 'wget' || !c.nameWord) continue;
          if (findFlag(c, 'progress', 'q', 'quiet', 'nv', 'no-verbose', 'o', 'output-file', 'a', 'append-output')) continue;
          if (findFlag(c, 'h', 'help', 'V', 'version', 'spider')) continue;
          const name = c.nameWord;
          ctx.report({
            at: c,
            messageId: 'progress',
            fixTitle: 'Add --progress=dot:giga',
            applicability: busybox ? 'unsafe' : 'safe',
            fix: (f) => f.insertAfter(name, ' --progress=dot:giga'),
          });
        }
      },
    };
  },
});
