import type { Instruction } from '../../dockerfile/nodes.js';
import { defineRule } from '../rule.js';
import { fromRefs } from './no-unknown-copy-from.js';

export default defineRule({
  meta: {
    id: 'no-copy-from-self',
    code: 'DF102',
    target: 'dockerfile',
    category: 'correctness',
    description: '`COPY --from` names the stage it is in.',
    recommended: true,
    severity: 'error',
    messages: {
      self: '`--from={{ref}}` names the stage this instruction belongs to; a stage cannot copy from itself. Copy from an earlier stage, or use a plain `COPY` from the build context.',
    },
    aliases: ['DL3023'],
  },
  create(ctx) {
    const src = ctx.source;
    const check = (ins: Instruction) => {
      const stage = src.stageOf(ins);
      if (!stage) return;
      for (const { ref, span } of fromRefs(ins)) {
        const lower = ref.toLowerCase();
        const self = /^\d+$/.test(lower)
          ? Number(lower) === stage.index
          : stage.name === lower && !src.stages.some((s) => s.name === lower && s.index < stage.index);
        if (self) ctx.report({ at: span, messageId: 'self', data: { ref } });
      }
    };
    return { COPY: check, RUN: check };
  },
});
