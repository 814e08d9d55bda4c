import type { Span } from '../../core/diagnostic.js';
import type { Instruction } from '../../dockerfile/nodes.js';
import { editDistance } from '../../dockerfile/parse.js';
import { looksLikeImage, resolveWord } from '../../dockerfile/stage-queries.js';
import { defineRule } from '../rule.js';

/** Every `COPY --from=` / `RUN --mount from=` reference of an instruction, with the span of its value. */
export function fromRefs(ins: Instruction): { ref: string; span: Span; kind: 'copy' | 'mount' }[] {
  const out: { ref: string; span: Span; kind: 'copy' | 'mount' }[] = [];
  if (ins.keyword === 'COPY' || ins.keyword === 'ADD') {
    for (const f of ins.flags) if (f.name === 'from' && f.value !== null) out.push({ ref: f.value, span: f.valueSpan ?? f.span, kind: 'copy' });
  } else if (ins.keyword === 'RUN') {
    for (const f of ins.flags) {
      if (f.name !== 'mount') continue;
      for (const o of f.options) if (o.key.toLowerCase() === 'from') out.push({ ref: o.value, span: o.valueSpan, kind: 'mount' });
    }
  }
  return out;
}

export default defineRule({
  meta: {
    id: 'no-unknown-copy-from',
    code: 'DF101',
    target: 'dockerfile',
    category: 'correctness',
    description: '`COPY --from` names a stage that is not defined before it.',
    recommended: true,
    severity: 'warn',
    messages: {
      unknown:
        '`{{ref}}` is not the name or index of an earlier stage, so it is pulled as an image. Define the stage before this instruction, or give a full image reference (`{{ref}}:<tag>`); a named build context (`--build-context {{ref}}=...`) also works but cannot be checked here.{{hint}}',
      later: 'Stage `{{ref}}` is defined after this instruction (line {{line}}); a stage can only copy from stages above it. Move the `{{ref}}` stage up.',
      index: 'There is no stage with index {{ref}} before this one (stages are numbered from 0 in file order). Use the name or index of an earlier stage.',
    },
    aliases: ['DL3022'],
  },
  create(ctx) {
    const src = ctx.source;
    const check = (ins: Instruction) => {
      const here = ins.stage;
      for (const { ref: raw, span } of fromRefs(ins)) {
        let ref = raw;
        if (raw.includes('$')) {
          // BuildKit expands `--from` with the global ARGs (those before the first FROM), as it does FROM
          const r = resolveWord(src, src.stageOf(ins)?.from ?? ins, raw);
          if (r.unknown || !r.value) continue;
          ref = r.value;
        }
        if (!ref || looksLikeImage(ref)) continue;
        const lower = ref.toLowerCase();
        if (/^\d+$/.test(lower)) {
          const n = Number(lower);
          if (here >= 0 && n <= here) continue; // earlier stage, or the stage itself (no-copy-from-self)
          ctx.report({ at: span, messageId: 'index', data: { ref } });
          continue;
        }
        const first = src.firstStageNamed(lower);
        if (first && first.index <= here) continue; // an earlier stage, or the current one (no-copy-from-self)
        const later = first;
        if (later) {
          ctx.report({ at: span, messageId: 'later', data: { ref, line: later.from.line } });
          continue;
        }
        const names = src.stages.filter((s) => s.name && s.index < here).map((s) => s.name!);
        const best = names
          .map((n) => ({ n, d: editDistance(lower, n) }))
          .filter((x) => x.d <= Math.max(1, Math.floor(x.n.length / 3)) || x.n.endsWith(`-${lower}`) || x.n.startsWith(`${lower}-`))
          .sort((a, b) => a.d - b.d)[0];
        ctx.report({ at: span, messageId: 'unknown', data: { ref, hint: best ? ` Did you mean \`${best.n}\`?` : '' } });
      }
    };
    return { COPY: check, RUN: check };
  },
});
