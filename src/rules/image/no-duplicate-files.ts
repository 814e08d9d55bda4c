import { formatBytes } from '../../core/bytes.js';
import { defineImageRule } from '../rule.js';

export default defineImageRule<{ minBytes: number }, 'duplicate'>({
  meta: {
    id: 'no-duplicate-files',
    code: 'IM304',
    target: 'image',
    category: 'size',
    description: 'The same file content is stored at several paths of the final filesystem.',
    recommended: false,
    severity: 'info',
    messages: { duplicate: '{{count}} copies of the same {{size}} file ({{paths}}): {{wasted}} could be saved with a hardlink, a symlink or one copy.' },
    options: { defaults: { minBytes: 1_000_000 }, types: { minBytes: 'number' } },
  },
  check(ctx) {
    const a = ctx.analysis;
    for (const d of a.duplicates) {
      if (d.wastedBytes < ctx.options.minBytes) continue;
      const shown = d.paths.slice(0, 3).join(', ') + (d.paths.length > 3 ? `, and ${d.paths.length - 3} more` : '');
      const layer = a.largestFiles.find((f) => d.paths.includes(f.path))?.layer ?? a.layers.length - 1;
      ctx.report({
        at: { layer, path: d.paths[0] },
        messageId: 'duplicate',
        data: { count: d.paths.length, size: formatBytes(d.sizeBytes), paths: shown, wasted: formatBytes(d.wastedBytes) },
        facts: { wastedBytes: d.wastedBytes, copies: d.paths.length, digest: d.digest },
      });
    }
  },
});
