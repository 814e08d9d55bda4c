import type { Instruction } from '../../dockerfile/nodes.js';
import { instructionGroups, resolveWord, stageChain } from '../../dockerfile/stage-queries.js';
import { defineRule } from '../rule.js';

interface Options {
  finalStageOnly: boolean;
}

function isRoot(ctxUser: string): boolean {
  const user = ctxUser.split(':', 1)[0].trim();
  return user === 'root' || /^0+$/.test(user);
}

export default defineRule<Options, 'root' | 'inherited'>({
  meta: {
    id: 'no-root-user',
    code: 'DF401',
    target: 'dockerfile',
    category: 'security',
    description: 'The last USER of a stage is root, so its processes run as root.',
    recommended: true,
    severity: 'warn',
    messages: {
      root: 'The last `USER` of {{stage}} is `{{user}}`, so its container runs as root. Add `USER <non-root user or uid>` after the steps that need root.',
      inherited:
        'The final stage inherits `USER {{user}}` from {{stage}} and never changes it, so the container runs as root. Add `USER <non-root user or uid>` to the final stage.',
    },
    options: { defaults: { finalStageOnly: false }, types: { finalStageOnly: 'boolean' } },
    aliases: ['DL3002'],
  },
  create(ctx) {
    const src = ctx.source;
    const stageLabel = (stage: number): string => {
      const s = src.stages[stage];
      if (!s) return 'the file';
      return s.name ? `stage \`${s.name}\`` : `stage ${s.index}`;
    };
    const rootValue = (ins: Instruction): string | undefined => {
      if (!ins.rest.text) return undefined;
      const r = resolveWord(src, ins, ins.rest.text);
      if (r.unknown) return undefined;
      return isRoot(r.value) ? ins.rest.text : undefined;
    };
    const lastUser = (instructions: readonly Instruction[]): Instruction | undefined =>
      [...instructions].reverse().find((i) => i.keyword === 'USER');
    return {
      fileExit() {
        if (ctx.options.finalStageOnly) {
          const final = src.stages[src.stages.length - 1];
          if (!final) return;
          for (const st of stageChain(src, final)) {
            const u = lastUser(st.instructions);
            if (!u) continue;
            const user = rootValue(u);
            if (user) {
              ctx.report({
                at: u.restSpan,
                messageId: st === final ? 'root' : 'inherited',
                data: { user, stage: stageLabel(st.index) },
              });
            }
            return;
          }
          return;
        }
        for (const g of instructionGroups(src)) {
          const u = lastUser(g.instructions);
          if (!u) continue;
          const user = rootValue(u);
          if (user) ctx.report({ at: u.restSpan, messageId: 'root', data: { user, stage: stageLabel(g.stage) } });
        }
      },
    };
  },
});
