import { appendCommand } from '../../dockerfile/edits.js';
import { shippedStages } from '../../dockerfile/optimize-queries.js';
import { isRpmCleanAll, layerShips, packageCommands, removesAny, RPM_PROGRAMS, rpmCommand, rpmFillsCache, uncleanedFill } from '../../dockerfile/package-queries.js';
import { hasCacheMount } from '../../dockerfile/shell-queries.js';
import { defineRule } from '../rule.js';

/** Where dnf (4: /var/cache/dnf, 5: /var/cache/libdnf5), microdnf (/var/cache/yum) and tdnf keep their caches. */
const CACHES = ['/var/cache/dnf', '/var/cache/libdnf5', '/var/cache/yum', '/var/cache/tdnf'];

export default defineRule({
  meta: {
    id: 'dnf-clean-all',
    code: 'DF332',
    target: 'dockerfile',
    category: 'size',
    description: 'dnf/microdnf install leaves its package and metadata cache in the layer; run `dnf clean all` in the same RUN.',
    recommended: true,
    severity: 'warn',
    fixable: 'unsafe',
    messages: {
      noClean:
        '`{{tool}} {{action}}` leaves its package and metadata cache in this layer (typically 50-200 MB). Append `{{cleanup}}` to this RUN, or mount a cache at {{dir}}.',
    },
    aliases: ['DL3040'],
    onbuild: true,
    programs: RPM_PROGRAMS.filter((p) => p !== 'yum'),
  },
  create(ctx) {
    const source = ctx.source;
    const shipped = shippedStages(source);
    return {
      RUN(ins) {
        if (!layerShips(ins, shipped) || CACHES.some((d) => hasCacheMount(ins, d))) return;
        const cmds = packageCommands(source, ins);
        for (const family of ['dnf', 'microdnf'] as const) {
          const fill = uncleanedFill(
            cmds,
            (c) => {
              const r = rpmCommand(c);
              return !!r && r.family === family && rpmFillsCache(r);
            },
            (c) => isRpmCleanAll(c, family) || removesAny(c, CACHES),
          );
          if (!fill) continue;
          const r = rpmCommand(fill)!;
          const tool = r.tool === 'dnf5' || r.tool === 'dnf-3' ? 'dnf' : r.tool;
          const cleanup = `${tool} clean all`;
          const dir = tool === 'microdnf' ? '/var/cache/yum' : tool === 'tdnf' ? '/var/cache/tdnf' : '/var/cache/libdnf5 (dnf5) or /var/cache/dnf (dnf4)';
          const edit = appendCommand(source, ins, cleanup);
          ctx.report({
            at: fill,
            messageId: 'noClean',
            data: { tool: r.tool, action: r.action, cleanup, dir },
            fixTitle: `Append \`${cleanup}\``,
            fix: edit ? () => edit : undefined,
          });
        }
      },
    };
  },
});
