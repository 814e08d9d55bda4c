import { parseImageRef, resolveWord } from '../../dockerfile/stage-queries.js';
import { defineRule } from '../rule.js';

export default defineRule({
  meta: {
    id: 'no-latest-tag',
    code: 'DF502',
    target: 'dockerfile',
    category: 'reproducibility',
    description: 'FROM uses the `latest` tag, which moves with every upstream release.',
    recommended: true,
    severity: 'warn',
    messages: {
      latest: '`{{image}}` uses the `latest` tag, which changes whenever upstream publishes. Pin a version tag (`{{name}}:<version>`) or add a digest (`@sha256:...`).',
      latestArg:
        '`{{word}}` resolves to `{{image}}` (from the ARG default), which uses the `latest` tag. Put a version tag in the default or in the FROM line.',
    },
    aliases: ['DL3007'],
  },
  create(ctx) {
    const src = ctx.source;
    return {
      FROM(ins) {
        const word = ins.from?.image;
        if (!word) return;
        const r = resolveWord(src, ins, word.raw);
        if (r.unknown || !r.value) return;
        const p = parseImageRef(r.value);
        if (p.tag !== 'latest' || p.digest !== undefined) return;
        if (r.dynamic) {
          ctx.report({ at: word, messageId: 'latestArg', data: { word: word.raw, image: r.value } });
          return;
        }
        // point at `:latest` itself when it is written literally
        const at = word.raw === r.value ? { start: word.span.start + p.tagStart!, end: word.span.start + p.tagEnd! } : word.span;
        ctx.report({ at, messageId: 'latest', data: { image: r.value, name: p.name } });
      },
    };
  },
});
