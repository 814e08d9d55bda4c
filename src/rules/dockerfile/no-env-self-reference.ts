import { processWord } from '../../dockerfile/expand.js';
import { defineRule } from '../rule.js';

export default defineRule({
  meta: {
    id: 'no-env-self-reference',
    code: 'DF152',
    target: 'dockerfile',
    category: 'correctness',
    description: 'An ENV value uses a variable that an earlier pair of the same ENV defines, which it does not see yet.',
    recommended: true,
    severity: 'error',
    messages: {
      sameEnv:
        '`{{ref}}` refers to `{{name}}`, which this same ENV sets, but every value of one ENV is expanded before any of its variables is set, so `{{name}}` is not `{{value}}` here. Move `{{key}}=...` to a separate ENV after this one.',
    },
    aliases: ['DL3044'],
    onbuild: true,
  },
  create(ctx) {
    const src = ctx.source;
    return {
      ENV(ins) {
        const pairs = ins.pairs ?? [];
        if (pairs.length < 2) return;
        const before = src.scope(ins);
        const defined = new Map<string, string>();
        for (const p of pairs) {
          const raw = p.rawValue ?? '';
          if (raw.includes('$')) {
            let refs;
            try {
              refs = processWord(raw, null, src.escape).refs;
            } catch {
              refs = [];
            }
            const literal = p.valueSpan !== undefined && src.textOf(p.valueSpan) === raw;
            for (const r of refs) {
              // a variable set before this ENV (ARG, earlier ENV) has a value; hadolint and ballast accept that
              if (!defined.has(r.name) || before.has(r.name)) continue;
              const at = literal ? { start: p.valueSpan!.start + r.offset, end: p.valueSpan!.start + r.end } : (p.valueSpan ?? p.span);
              ctx.report({ at, messageId: 'sameEnv', data: { ref: raw.slice(r.offset, r.end), name: r.name, value: defined.get(r.name)!, key: p.key } });
            }
          }
          defined.set(p.key, p.value ?? '');
        }
      },
    };
  },
});
