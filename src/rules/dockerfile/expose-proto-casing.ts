import { defineRule } from '../rule.js';

export default defineRule({
  meta: {
    id: 'expose-proto-casing',
    code: 'DF608',
    target: 'dockerfile',
    category: 'style',
    description: 'The protocol in EXPOSE should be lowercase (`80/tcp`).',
    recommended: true,
    severity: 'warn',
    fixable: 'safe',
    messages: {
      upper: 'Protocol `{{proto}}` in EXPOSE should be lowercase: write `{{lower}}`.',
    },
    aliases: ['ExposeProtoCasing'],
    onbuild: true,
  },
  create(ctx) {
    return {
      EXPOSE(ins) {
        for (const w of ins.args) {
          const slash = w.raw.lastIndexOf('/');
          if (slash < 0) continue;
          const proto = w.raw.slice(slash + 1);
          if (!proto || proto.includes('$') || proto === proto.toLowerCase()) continue;
          const span = { start: w.span.end - proto.length, end: w.span.end };
          if (ctx.source.textOf(span) !== proto) continue;
          const lower = proto.toLowerCase();
          ctx.report({ at: span, messageId: 'upper', data: { proto, lower }, fixTitle: `Write ${lower}`, fix: (f) => f.replace(span, lower) });
        }
      },
    };
  },
});
