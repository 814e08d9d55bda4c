import { parseImageRef, resolveWord } from '../../dockerfile/stage-queries.js';
import { defineRule } from '../rule.js';

export default defineRule({
  meta: {
    id: 'require-image-tag',
    code: 'DF501',
    target: 'dockerfile',
    category: 'reproducibility',
    description: 'FROM names an image without a tag or digest, so it silently means `:latest`.',
    recommended: true,
    severity: 'warn',
    messages: {
      untagged: '`{{image}}` has no tag, so every build pulls whatever `{{image}}:latest` is that day. Pin a version tag (`{{image}}:<version>`) or a digest (`@sha256:...`).',
      untaggedArg:
        '`{{word}}` resolves to `{{image}}` (from the ARG default), which has no tag, so it means `{{image}}:latest`. Put a version tag in the default or in the FROM line.',
    },
    aliases: ['DL3006'],
  },
  create(ctx) {
    const src = ctx.source;
    return {
      FROM(ins) {
        const word = ins.from?.image;
        if (!word) return;
        const r = resolveWord(src, ins, word.raw);
        if (r.unknown || !r.value) return;
        const ref = r.value;
        if (ref.toLowerCase() === 'scratch') return;
        const stage = src.firstStageNamed(ref.toLowerCase());
        if (stage && stage.index < ins.stage) return;
        const p = parseImageRef(ref);
        if (p.tag !== undefined || p.digest !== undefined) return;
        if (r.dynamic) ctx.report({ at: word, messageId: 'untaggedArg', data: { word: word.raw, image: ref } });
        else ctx.report({ at: word, messageId: 'untagged', data: { image: ref } });
      },
    };
  },
});
