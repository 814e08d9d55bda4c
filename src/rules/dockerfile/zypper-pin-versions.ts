import { packageCommands, packageSpecs, zypperCommand } from '../../dockerfile/package-queries.js';
import { flagValue } from '../../dockerfile/shell-queries.js';
import { defineRule } from '../rule.js';

/** A zypper spec with a version constraint (`name=1.2`, `name>=1.2`, `name<2`), or a local rpm / URL / typed item. */
function pinned(spec: string): boolean {
  if (/[=<>]/.test(spec)) return true;
  if (/\.rpm$/i.test(spec) || spec.includes('/')) return true;
  return /^(pattern|patch|product|srcpackage|application):/.test(spec);
}

export default defineRule({
  meta: {
    id: 'zypper-pin-versions',
    code: 'DF532',
    target: 'dockerfile',
    category: 'reproducibility',
    description: 'zypper install of a package without a version constraint installs whatever the repository has that day.',
    recommended: false,
    severity: 'warn',
    messages: {
      unpinned: 'Package `{{pkg}}` is not pinned. Pin it as `{{pkg}}=<version>` (quote `>=`/`<` constraints) so rebuilds install the same version.',
    },
    aliases: ['DL3037'],
    onbuild: true,
    programs: ['zypper'],
  },
  create(ctx) {
    return {
      RUN(ins) {
        for (const c of packageCommands(ctx.source, ins)) {
          const z = zypperCommand(c);
          if (z?.action !== 'install') continue;
          const type = flagValue(z.rest, 't', 'type');
          if (type && type !== 'package') continue; // patterns, patches, products have no versions to pin
          for (const p of z.operands) {
            const specs = packageSpecs(ctx.source, ins, p);
            if (!specs || specs.every(pinned)) continue;
            ctx.report({ at: p, messageId: 'unpinned', data: { pkg: p.value } });
          }
        }
      },
    };
  },
});
