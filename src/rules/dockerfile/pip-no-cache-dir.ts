import { packageCommands } from '../../dockerfile/package-queries.js';
import { findFlag, hasCacheMount, positionals } from '../../dockerfile/shell-queries.js';
import type { Command } from '../../dockerfile/shell.js';
import { defineRule } from '../rule.js';

const TRUTHY = /^(1|on|yes|true)$/i;

export function isPipInstall(c: Command): boolean {
  if (/^pip(\d(\.\d+)?)?$/.test(c.program)) return positionals(c)[0]?.value === 'install';
  if (/^python(\d(\.\d+)?)?$/.test(c.program)) {
    const a = c.args.map((x) => x.value);
    const m = a.indexOf('-m');
    return m >= 0 && /^pip\d?$/.test(a[m + 1] ?? '') && a.slice(m + 2).find((x) => !x.startsWith('-')) === 'install';
  }
  return false;
}

export default defineRule({
  meta: {
    id: 'pip-no-cache-dir',
    code: 'DF301',
    target: 'dockerfile',
    category: 'size',
    description: 'pip install keeps its download cache in the layer; pass --no-cache-dir or mount a cache.',
    recommended: true,
    severity: 'warn',
    fixable: 'safe',
    messages: {
      noCacheDir: 'pip install keeps its cache in the image layer. Add `--no-cache-dir`, or mount a cache at /root/.cache/pip.',
    },
    aliases: ['DL3042'],
    onbuild: true,
    programs: [/^(pip|python)(\d(\.\d+)?)?$/],
  },
  create(ctx) {
    return {
      RUN(ins) {
        const cmds = packageCommands(ctx.source, ins);
        if (!cmds.some(isPipInstall)) return;
        if (hasCacheMount(ins, /\.cache\/pip$|\.cache$/)) return;
        const env = ctx.source.scope(ins).get('PIP_NO_CACHE_DIR');
        if (env && env.value !== null && TRUTHY.test(env.value)) return;
        let exported = false;
        for (const c of cmds) {
          if (c.program === 'export' && c.args.some((a) => /^PIP_NO_CACHE_DIR=(.*)$/.test(a.value) && TRUTHY.test(a.value.split('=')[1]))) exported = true;
          if (!isPipInstall(c)) continue;
          if (exported || c.assignments.some((a) => a.name === 'PIP_NO_CACHE_DIR' && TRUTHY.test(a.value))) continue;
          if (findFlag(c, 'no-cache-dir')) continue;
          const install = c.args.find((a) => a.value === 'install')!;
          ctx.report({
            at: c,
            messageId: 'noCacheDir',
            fixTitle: 'Add --no-cache-dir',
            fix: (f) => f.insertAfter(install, ' --no-cache-dir'),
          });
        }
      },
    };
  },
});
