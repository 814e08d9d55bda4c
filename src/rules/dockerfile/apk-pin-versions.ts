import { apkAdd, packageCommands } from '../../dockerfile/package-queries.js';
import { defineRule } from '../rule.js';

export default defineRule({
  meta: {
    id: 'apk-pin-versions',
    code: 'DF506',
    target: 'dockerfile',
    category: 'reproducibility',
    description: 'apk add of a package without a version constraint installs whatever the repository has that day.',
    recommended: false,
    severity: 'warn',
    messages: {
      unpinned: 'Package `{{pkg}}` is not pinned. Pin it as `{{pkg}}=<version>` (or `~<version>`) so rebuilds install the same version.',
    },
    aliases: ['DL3018'],
    onbuild: true,
    programs: ['apk'],
  },
  create(ctx) {
    return {
      RUN(ins) {
        for (const c of packageCommands(ctx.source, ins)) {
          const add = apkAdd(c);
          if (!add) continue;
          for (const p of add.packages) {
            if (/[=~<>]/.test(p.value) || /\.apk$/i.test(p.value) || p.dynamic) continue;
            ctx.report({ at: p, messageId: 'unpinned', data: { pkg: p.value } });
          }
        }
      },
    };
  },
});
