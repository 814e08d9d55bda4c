import { appendCommand } from '../../dockerfile/edits.js';
import { cacheDirs, cacheEnvOf, detectInvocation, isCacheCleanup, removalCovers, resolvePathWord, shippedStages } from '../../dockerfile/optimize-queries.js';
import { layerShips, packageCommands, uncleanedFill } from '../../dockerfile/package-queries.js';
import { flagValue, hasCacheMount, positionals } from '../../dockerfile/shell-queries.js';
import type { Command } from '../../dockerfile/shell.js';
import { defineRule } from '../rule.js';

/** Yarn's cache directories under any home: v1 (`.cache/yarn`, root's `/usr/local/share/.cache/yarn`) and Berry. */
const YARN_CACHE = /(^|\/)\.cache\/yarn$|(^|\/)\.yarn\/berry\/cache$|(^|\/)\.yarn\/cache$/;

function isYarnInstall(c: Command): boolean {
  const i = detectInvocation(c);
  return i?.manager === 'yarn' && i.kind === 'install';
}

export default defineRule({
  meta: {
    id: 'yarn-cache-clean',
    code: 'DF333',
    target: 'dockerfile',
    category: 'size',
    description: 'yarn install leaves its package cache in a layer of the final image; run `yarn cache clean` in the same RUN.',
    recommended: true,
    severity: 'info',
    fixable: 'unsafe',
    messages: {
      noClean:
        '`yarn` keeps a copy of every downloaded package in its cache ({{dir}}), in this layer of the final image; the cache is typically as large as node_modules. Append `yarn cache clean` to this RUN, or mount a cache there.',
    },
    aliases: ['DL3060'],
    onbuild: true,
    programs: ['yarn'],
  },
  create(ctx) {
    const source = ctx.source;
    const shipped = shippedStages(source);
    return {
      RUN(ins) {
        if (!layerShips(ins, shipped) || hasCacheMount(ins, YARN_CACHE)) return;
        const cmds = packageCommands(source, ins);
        const first = cmds.find(isYarnInstall);
        if (!first) return;
        const env = cacheEnvOf(source, ins, first);
        const inv = detectInvocation(first)!;
        const folder = flagValue(first, 'cache-folder');
        const dirs = [...(folder ? [folder] : []), ...cacheDirs('yarn', env, inv).map((d) => d.path), '/usr/local/share/.cache/yarn'];
        if (dirs.some((d) => hasCacheMount(ins, d))) return;
        const fill = uncleanedFill(cmds, isYarnInstall, (c) => {
          const i = detectInvocation(c);
          if (i?.manager === 'yarn' && isCacheCleanup(i)) return true;
          if (c.program !== 'rm') return false;
          return positionals(c).some((a) => {
            const p = resolvePathWord(a.raw, env);
            return p !== undefined && (dirs.some((d) => removalCovers(p, d)) || YARN_CACHE.test(p.replace(/\/\*?$/, '')));
          });
        });
        if (!fill) return;
        const edit = appendCommand(source, ins, 'yarn cache clean');
        ctx.report({
          at: fill,
          messageId: 'noClean',
          data: { dir: folder ?? cacheDirs('yarn', env, inv)[0].path },
          fixTitle: 'Append `yarn cache clean`',
          fix: edit ? () => edit : undefined,
        });
      },
    };
  },
});
