import { apkAdd, packageCommands } from '../../dockerfile/package-queries.js';
import { findFlag, hasCacheMount, removesPath } from '../../dockerfile/shell-queries.js';
import { defineRule } from '../rule.js';

export default defineRule({
  meta: {
    id: 'apk-no-cache',
    code: 'DF303',
    target: 'dockerfile',
    category: 'size',
    description: 'apk add keeps the package index in the layer; pass --no-cache or mount a cache at /var/cache/apk.',
    recommended: true,
    severity: 'info',
    fixable: 'safe',
    messages: {
      noCache: '`apk add` leaves its package index in /var/cache/apk in the layer. Add `--no-cache`, or mount a cache at /var/cache/apk.',
    },
    aliases: ['DL3019'],
    onbuild: true,
    programs: ['apk'],
  },
  create(ctx) {
    return {
      RUN(ins) {
        if (hasCacheMount(ins, '/var/cache/apk')) return;
        const cmds = packageCommands(ctx.source, ins);
        if (removesPath(cmds, '/var/cache/apk')) return;
        for (const c of cmds) {
          const add = apkAdd(c);
          if (!add || findFlag(c, 'no-cache')) continue;
          ctx.report({
            at: c,
            messageId: 'noCache',
            fixTitle: 'Add --no-cache',
            fix: (f) => f.insertAfter(add.add, ' --no-cache'),
          });
        }
      },
    };
  },
});
