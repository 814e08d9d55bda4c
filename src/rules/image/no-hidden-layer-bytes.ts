import { formatBytes } from '../../core/bytes.js';
import { defineImageRule } from '../rule.js';

export default defineImageRule<{ minBytes: number }, 'removed' | 'overwritten'>({
  meta: {
    id: 'no-hidden-layer-bytes',
    code: 'IM302',
    target: 'image',
    category: 'size',
    description: 'A layer ships files that a later layer deletes or overwrites; the bytes stay in the image.',
    recommended: true,
    severity: 'warn',
    messages: {
      removed: 'Layer {{layer}} ships {{size}} in {{files}} that layer {{hiddenBy}} deletes: the bytes stay in the image. Delete them in the same RUN that creates them, or build them in a separate stage.',
      overwritten:
        'Layer {{layer}} ships {{size}} in {{files}} that layer {{hiddenBy}} overwrites (rewritten content, or a chmod/chown that copies them): set owner and mode when copying (COPY --chown/--chmod) or write the files once.',
    },
    options: { defaults: { minBytes: 1_000_000 }, types: { minBytes: 'number' } },
  },
  check(ctx) {
    for (const w of ctx.analysis.wasteByLayer) {
      if (w.sizeBytes < ctx.options.minBytes) continue;
      const sample = ctx.analysis.wastedFiles.find((f) => f.layer === w.layer && f.hiddenBy === w.hiddenBy && f.reason === w.reason);
      ctx.report({
        at: { layer: w.layer, path: sample?.path },
        messageId: w.reason,
        data: { layer: w.layer, hiddenBy: w.hiddenBy, size: formatBytes(w.sizeBytes), files: w.files === 1 ? '1 file' : `${w.files} files` },
        related: [{ at: { layer: w.hiddenBy }, message: `layer ${w.hiddenBy} ${w.reason === 'removed' ? 'deletes' : 'overwrites'} them` }],
        facts: { sizeBytes: w.sizeBytes, files: w.files, layer: w.layer, hiddenBy: w.hiddenBy },
      });
    }
  },
});
