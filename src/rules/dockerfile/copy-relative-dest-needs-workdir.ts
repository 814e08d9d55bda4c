import type { Instruction, Stage } from '../../dockerfile/nodes.js';
import { resolveWord, stageChain } from '../../dockerfile/stage-queries.js';
import { defineRule } from '../rule.js';

/** An absolute path, Unix (`/x`) or Windows (`c:\x`, `c:/x`, `c:`, `\x`). */
function isAbsolute(p: string): boolean {
  return /^\//.test(p) || /^[A-Za-z]:([\\/]|$)/.test(p) || /^\\/.test(p);
}

export default defineRule({
  meta: {
    id: 'copy-relative-dest-needs-workdir',
    code: 'DF153',
    target: 'dockerfile',
    category: 'correctness',
    description: 'COPY/ADD to a relative destination in a stage that never sets WORKDIR, so the files land wherever the base image points.',
    recommended: true,
    severity: 'warn',
    messages: {
      relative:
        '`{{dest}}` is relative, but no WORKDIR is set in {{where}}, so it resolves against the base image\'s working directory (`/` unless the base sets one). Add `WORKDIR /app` (or similar) before this line, or use an absolute destination.',
    },
    aliases: ['DL3045'],
    onbuild: true,
  },
  create(ctx) {
    const src = ctx.source;
    const hasWorkdir = (instructions: readonly Instruction[], before?: Instruction, triggersToo = false): boolean =>
      instructions.some(
        (i) =>
          (before === undefined || i.index < before.index) &&
          (i.keyword === 'WORKDIR' || (triggersToo && i.keyword === 'ONBUILD' && i.trigger?.keyword === 'WORKDIR')),
      );
    const workdirSet = (ins: Instruction): boolean => {
      const top = ins.parent ?? ins;
      const stage: Stage | undefined = src.stageOf(top);
      if (!stage) return hasWorkdir(src.instructions, top, !!ins.parent);
      if (ins.parent) {
        // a trigger runs in the image built on this one: it sees this image's final WORKDIR and earlier ONBUILD WORKDIRs
        if (hasWorkdir(stage.instructions, top, true)) return true;
        return stageChain(src, stage).some((s) => hasWorkdir(s.instructions));
      }
      if (hasWorkdir(stage.instructions, top)) return true;
      return stageChain(src, stage)
        .slice(1)
        .some((s) => hasWorkdir(s.instructions));
    };
    const check = (ins: Instruction) => {
      const dest = ins.copy?.dest;
      if (!dest) return;
      const r = resolveWord(src, ins, dest.raw);
      if (r.unknown || (r.dynamic && !r.value)) return;
      if (isAbsolute(r.value) || isAbsolute(dest.value)) return;
      if (workdirSet(ins)) return;
      const stage = src.stageOf(ins);
      const where = stage ? (stage.name ? `stage \`${stage.name}\` or the stages it is built on` : 'this stage or the stages it is built on') : 'the file before it';
      ctx.report({ at: dest, messageId: 'relative', data: { dest: dest.raw, where } });
    };
    return { COPY: check, ADD: check };
  },
});
