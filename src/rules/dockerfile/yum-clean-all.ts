import { appendCommand } from '../../dockerfile/edits.js';
import { shippedStages } from '../../dockerfile/optimize-queries.js';
import { isRpmCleanAll, layerShips, packageCommands, removesAny, rpmCommand, rpmFillsCache, uncleanedFill } from '../../dockerfile/package-queries.js';
import { hasCacheMount } from '../../dockerfile/shell-queries.js';
import { defineRule } from '../rule.js';

const CACHE = '/var/cache/yum';

export default defineRule({
  meta: {
    id: 'yum-clean-all',
    code: 'DF330',
    target: 'dockerfile',
    category: 'size',
    description: 'yum install leaves its package and metadata cache in the layer; run `yum clean all` in the same RUN.',
    recommended: true,
    severity: 'warn',
    fixable: 'unsafe',
    messages: {
      noClean:
        '`yum {{action}}` leaves its cache in /var/cache/yum in this layer (metadata is typically 50-200 MB). Append `yum clean all` to this RUN, or mount a cache at /var/cache/yum.',
    },
    aliases: ['DL3032'],
    onbuild: true,
    programs: ['yum'],
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
            const r = rpmCommand(c);
            return !!r && r.family === 'yum' && rpmFillsCache(r);
          },
          (c) => isRpmCleanAll(c, 'yum') || removesAny(c, [CACHE]),
        );
        if (!fill) return;
        const edit = appendCommand(source, ins, 'yum clean all');
        ctx.report({
          at: fill,
          messageId: 'noClean',
          data: { action: rpmCommand(fill)!.action },
          fixTitle: 'Append `yum clean all`',
          fix: edit ? () => edit : undefined,
        });
      },
    };
  },
});
