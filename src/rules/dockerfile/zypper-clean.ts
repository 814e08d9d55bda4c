import { appendCommand } from '../../dockerfile/edits.js';
import { shippedStages } from '../../dockerfile/optimize-queries.js';
import { layerShips, packageCommands, removesAny, uncleanedFill, zypperCommand, zypperFillsCache } from '../../dockerfile/package-queries.js';
import { hasCacheMount } from '../../dockerfile/shell-queries.js';
import { defineRule } from '../rule.js';

const CACHE = '/var/cache/zypp';

export default defineRule({
  meta: {
    id: 'zypper-clean',
    code: 'DF331',
    target: 'dockerfile',
    category: 'size',
    description: 'zypper install leaves its package and metadata cache in the layer; run `zypper clean` in the same RUN.',
    recommended: true,
    severity: 'warn',
    fixable: 'unsafe',
    messages: {
      noClean:
        '`zypper {{action}}` leaves its cache in /var/cache/zypp in this layer (typically 20-100 MB). Append `zypper clean --all` to this RUN, or mount a cache at /var/cache/zypp.',
    },
    aliases: ['DL3036'],
    onbuild: true,
    programs: ['zypper'],
  },
  create(ctx) {
    const source = ctx.source;
    const shipped = shippedStages(source);
    return {
      RUN(ins) {
        if (!layerShips(ins, shipped) || hasCacheMount(ins, CACHE)) return;
        const cmds = packageCommands(source, ins);
        const fill = uncleanedFill(
          cmds,
          (c) => {
            const z = zypperCommand(c);
            return !!z && zypperFillsCache(z);
          },
          (c) => zypperCommand(c)?.action === 'clean' || removesAny(c, [CACHE]),
        );
        if (!fill) return;
        const edit = appendCommand(source, ins, 'zypper clean --all');
        ctx.report({
          at: fill,
          messageId: 'noClean',
          data: { action: zypperCommand(fill)!.action },
          fixTitle: 'Append `zypper clean --all`',
          fix: edit ? () => edit : undefined,
        });
      },
    };
  },
});
