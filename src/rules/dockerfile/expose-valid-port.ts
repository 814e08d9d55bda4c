import { resolveWord } from '../../dockerfile/stage-queries.js';
import { defineRule } from '../rule.js';

/** Why a container port (`80`, `8000-8010`, without `/proto`) is invalid, if it is. */
export function portProblem(port: string): 'range' | 'order' | 'format' | undefined {
  const m = /^(\d+)(?:-(\d+))?$/.exec(port);
  if (!m) return 'format';
  const lo = Number(m[1]);
  const hi = m[2] === undefined ? lo : Number(m[2]);
  if (lo > 65535 || hi > 65535) return 'range';
  if (hi < lo) return 'order';
  return undefined;
}

export default defineRule({
  meta: {
    id: 'expose-valid-port',
    code: 'DF150',
    target: 'dockerfile',
    category: 'correctness',
    description: 'EXPOSE names a port outside 0-65535, a reversed range or something that is not a port.',
    recommended: true,
    severity: 'error',
    messages: {
      range: '`{{value}}` is not a valid port: ports go from 0 to 65535. Fix the number.',
      order: '`{{value}}` is a port range that ends before it starts. Write the lower port first.',
      format: '`{{value}}` is not a port, a port range (`8000-8010`) or either with `/tcp`, `/udp` or `/sctp`, so the build fails. Write a number.',
    },
    aliases: ['DL3011'],
    onbuild: true,
  },
  create(ctx) {
    return {
      EXPOSE(ins) {
        for (const w of ins.args) {
          // host:container mappings are expose-invalid-format's
          if (w.raw.includes(':')) continue;
          let text = w.raw;
          let shown = w.raw;
          if (text.includes('$') || /["']/.test(text)) {
            const r = resolveWord(ctx.source, ins, text);
            if (r.unknown) continue;
            text = r.value;
            if (r.dynamic) shown = `${w.raw}\` (\`${r.value}`;
          }
          const port = text.replace(/\/(tcp|udp|sctp)$/i, '');
          if (!port) continue;
          const problem = portProblem(port);
          if (problem) ctx.report({ at: w, messageId: problem, data: { value: shown } });
        }
      },
    };
  },
});
