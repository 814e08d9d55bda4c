import { externalBase } from '../../dockerfile/package-queries.js';
import { unquote } from '../../dockerfile/stage-queries.js';
import { defineRule } from '../rule.js';

const ROOT = /^\/+\.?\/*$/;

export default defineRule({
  meta: {
    id: 'no-copy-whole-stage',
    code: 'DF350',
    target: 'dockerfile',
    category: 'size',
    description: 'COPY --from copies the whole filesystem of another stage or image onto `/`.',
    recommended: true,
    severity: 'warn',
    messages: {
      wholeStage:
        '`COPY --from={{from}} / /` copies the entire filesystem of `{{from}}` (its OS, package caches and build tools) on top of this stage, duplicating everything the two share. Copy only the directories the final image needs, such as `COPY --from={{from}} /app /app`.',
    },
    aliases: ['DL3067'],
    onbuild: true,
  },
  create(ctx) {
    const src = ctx.source;
    return {
      COPY(ins) {
        const from = ins.copy?.from;
        const dest = ins.copy?.dest;
        const sources = ins.copy?.sources ?? [];
        if (!from?.value || !dest || sources.length !== 1) return;
        if (!ROOT.test(unquote(src, sources[0])) || !ROOT.test(unquote(src, dest))) return;
        // a stage built FROM scratch holds only what was put in it: copying all of it is the point
        const stage = src.findStage(from.value, src.stageOf(ins)?.index ?? Infinity);
        if (stage && externalBase(src, stage)?.toLowerCase() === 'scratch') return;
        ctx.report({ at: { start: sources[0].span.start, end: dest.span.end }, messageId: 'wholeStage', data: { from: from.value } });
      },
    };
  },
});
