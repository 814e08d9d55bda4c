import { aptGetInstall, packageCommands } from '../../dockerfile/package-queries.js';
import type { ShellWord } from '../../dockerfile/shell.js';
import { defineRule } from '../rule.js';

/** A package argument that needs no `=version`: a local file or path. */
function isLocal(w: ShellWord): boolean {
  const v = w.value;
  return /\.deb$/i.test(v) || /^(\.{0,2}\/|~\/)/.test(v);
}

export default defineRule({
  meta: {
    id: 'apt-pin-versions',
    code: 'DF503',
    target: 'dockerfile',
    category: 'reproducibility',
    description: 'apt-get install of a package without `=version` installs whatever the mirror has that day.',
    recommended: false,
    severity: 'warn',
    messages: {
      unpinned: 'Package `{{pkg}}` is not pinned. Pin it as `{{pkg}}=<version>` so rebuilds install the same version.',
    },
    aliases: ['DL3008'],
    onbuild: true,
    programs: ['apt-get', 'apt'],
  },
  create(ctx) {
    return {
      RUN(ins) {
        for (const c of packageCommands(ctx.source, ins)) {
          const inst = aptGetInstall(c);
          if (!inst) continue;
          for (const p of inst.packages) {
            if (p.value.includes('=') || isLocal(p)) continue;
            if (p.dynamic) continue; // `$PACKAGES`: cannot tell
            ctx.report({ at: p, messageId: 'unpinned', data: { pkg: p.value } });
          }
        }
      },
    };
  },
});
