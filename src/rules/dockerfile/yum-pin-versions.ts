import { packageCommands, packageSpecs, rpmCommand, rpmSpecPinned } from '../../dockerfile/package-queries.js';
import { defineRule } from '../rule.js';

export default defineRule({
  meta: {
    id: 'yum-pin-versions',
    code: 'DF531',
    target: 'dockerfile',
    category: 'reproducibility',
    description: 'yum install of a package without `-version` installs whatever the repository has that day.',
    recommended: false,
    severity: 'warn',
    messages: {
      unpinned: 'Package `{{pkg}}` is not pinned. Pin it as `{{pkg}}-<version>` so rebuilds install the same version.',
      unpinnedModule: 'Module `{{pkg}}` has no stream. Name it as `{{pkg}}:<stream>` so rebuilds install the same stream.',
    },
    aliases: ['DL3033'],
    onbuild: true,
    programs: ['yum'],
  },
  create(ctx) {
    return {
      RUN(ins) {
        for (const c of packageCommands(ctx.source, ins)) {
          const r = rpmCommand(c);
          if (!r || r.family !== 'yum') continue;
          const module = r.action === 'module install';
          if (r.action !== 'install' && !module) continue;
          for (const p of r.operands) {
            const specs = packageSpecs(ctx.source, ins, p);
            if (!specs || specs.every((s) => rpmSpecPinned(s, module))) continue;
            ctx.report({ at: p, messageId: module ? 'unpinnedModule' : 'unpinned', data: { pkg: p.value } });
          }
        }
      },
    };
  },
});
