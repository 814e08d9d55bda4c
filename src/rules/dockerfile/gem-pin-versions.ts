import { gemInstall, packageCommands, packageSpecs } from '../../dockerfile/package-queries.js';
import { defineRule } from '../rule.js';

/** `name:version`, a local `.gem` file or a path. */
function pinned(spec: string): boolean {
  return spec.includes(':') || /\.gem$/i.test(spec) || spec.includes('/');
}

export default defineRule({
  meta: {
    id: 'gem-pin-versions',
    code: 'DF530',
    target: 'dockerfile',
    category: 'reproducibility',
    description: 'gem install of a gem without a version installs whatever rubygems.org has that day.',
    recommended: false,
    severity: 'warn',
    messages: {
      unpinned: 'Gem `{{pkg}}` is not pinned. Install it as `{{pkg}}:<version>` (or pass `-v <version>`) so rebuilds install the same version.',
    },
    aliases: ['DL3028'],
    onbuild: true,
    programs: [/^gem\d*(\.\d+)*$/],
  },
  create(ctx) {
    return {
      RUN(ins) {
        for (const c of packageCommands(ctx.source, ins)) {
          const g = gemInstall(c);
          if (!g || g.version) continue;
          for (const p of g.packages) {
            const specs = packageSpecs(ctx.source, ins, p);
            if (!specs || specs.every(pinned)) continue;
            ctx.report({ at: p, messageId: 'unpinned', data: { pkg: p.value } });
          }
        }
      },
    };
  },
});
