import { defineRule } from '../rule.js';

export default defineRule({
  meta: {
    id: 'expose-invalid-format',
    code: 'DF111',
    target: 'dockerfile',
    category: 'correctness',
    description: 'EXPOSE takes container ports only; an IP address or host:container mapping is ignored.',
    recommended: true,
    severity: 'warn',
    fixable: 'unsafe',
    messages: {
      mapping:
        '`{{value}}` publishes a host port or IP address, which EXPOSE cannot do (only the container port `{{port}}` is kept). Write `EXPOSE {{port}}` and publish with `docker run -p`.',
    },
    aliases: ['ExposeInvalidFormat'],
    onbuild: true,
  },
  create(ctx) {
    return {
      EXPOSE(ins) {
        for (const w of ins.args) {
          if (!w.raw.includes(':')) continue;
          // the container port is what follows the last ':' (IPv6 addresses are in brackets before it)
          const port = w.raw.slice(w.raw.lastIndexOf(':') + 1);
          const fixable = /^[0-9$][^:]*$/.test(port) && ctx.source.textOf(w.span) === w.raw;
          ctx.report({
            at: w,
            messageId: 'mapping',
            data: { value: w.raw, port: port || '<port>' },
            fixTitle: `Keep only the container port ${port}`,
            fix: fixable ? (f) => f.replace(w, port) : undefined,
          });
        }
      },
    };
  },
});
