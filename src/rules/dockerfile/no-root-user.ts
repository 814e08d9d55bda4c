import type { Instruction, Stage } from '../../dockerfile/nodes.js';
import { externalBase } from '../../dockerfile/package-queries.js';
import { instructionGroups, resolveWord, stageChain } from '../../dockerfile/stage-queries.js';
import { defineRule } from '../rule.js';

interface Options {
  finalStageOnly: boolean;
  targetStages: boolean;
  implicitRoot: boolean;
}

function isRoot(ctxUser: string): boolean {
  const user = ctxUser.split(':', 1)[0].trim();
  return user === 'root' || /^0+$/.test(user);
}

/** Base images whose default user is not root (so a final stage without USER is fine). */
const NON_ROOT_BASES: readonly RegExp[] = [
  /[:@-]nonroot\b|[-:]nonroot$/i, // distroless `:nonroot`, `:debug-nonroot`, `...-nonroot`
  /rootless/i, // docker:dind-rootless and the like
  /^(docker\.io\/)?bitnami\//i,
  /^(docker\.io\/)?nginxinc\/nginx-unprivileged\b/i,
  /^cgr\.dev\/chainguard\/[^:@]+(:(?!.*-dev$)[^@]+)?(@.*)?$/i, // Chainguard images, except the `-dev` variants
];

export default defineRule<Options, 'root' | 'inherited' | 'implicit'>({
  meta: {
    id: 'no-root-user',
    code: 'DF401',
    target: 'dockerfile',
    category: 'security',
    description: 'The image (by default: the final stage) runs as root.',
    recommended: true,
    severity: 'warn',
    messages: {
      root: 'The last `USER` of {{stage}} is `{{user}}`, so its container runs as root. Add `USER <non-root user or uid>` after the steps that need root.',
      inherited:
        '{{target}} inherits `USER {{user}}` from {{stage}} and never changes it, so the container runs as root. Add `USER <non-root user or uid>` to it.',
      implicit:
        'The final stage never sets `USER`, so the image runs as the default user of `{{base}}`, which is root. Add `USER <non-root user or uid>` (such as `USER 10001`) after the steps that need root.',
    },
    options: { defaults: { finalStageOnly: true, targetStages: true, implicitRoot: false }, types: { finalStageOnly: 'boolean', targetStages: 'boolean', implicitRoot: 'boolean' } },
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

    /** The final stage sets no USER anywhere in its chain, puts files or software in, and its base runs as root. */
    const implicitRoot = (final: Stage): void => {
      const chain = stageChain(src, final);
      if (chain.some((s) => lastUser(s.instructions))) return;
      if (!chain.some((s) => s.instructions.some((i) => ['RUN', 'COPY', 'ADD'].includes(i.keyword)))) return;
      const root = chain[chain.length - 1];
      const base = externalBase(src, final);
      if (!base) return;
      const r = resolveWord(src, root.from, base);
      if (r.unknown || !r.value) return;
      const image = r.value;
      if (image.toLowerCase() === 'scratch' || NON_ROOT_BASES.some((re) => re.test(image))) return;
      const w = final.from.from?.image ?? final.from;
      // hadolint does not report this, so the finding does not answer to DL3002
      ctx.report({ at: 'span' in w ? w.span : final.from.span, messageId: 'implicit', data: { base: image }, aliases: [] });
    };

    return {
      fileExit() {
        const final = src.stages[src.stages.length - 1];
        if (ctx.options.finalStageOnly) {
          if (!final) {
            // a snippet without FROM: judge its last USER
            const u = lastUser(src.instructions);
            const user = u && rootValue(u);
            if (u && user) ctx.report({ at: u.restSpan, messageId: 'root', data: { user, stage: stageLabel(-1) } });
            return;
          }
          // the final stage, and the stages no other stage uses: `docker build --target` ships those
          const used = new Set(src.stages.flatMap((s) => s.dependsOn));
          const judged = ctx.options.targetStages ? src.stages.filter((s) => s === final || !used.has(s.index)) : [final];
          const reported = new Set<Instruction>();
          for (const target of judged) {
            for (const st of stageChain(src, target)) {
              const u = lastUser(st.instructions);
              if (!u) continue;
              const user = rootValue(u);
              if (user && !reported.has(u)) {
                reported.add(u);
                ctx.report({
                  at: u.restSpan,
                  messageId: st === target ? 'root' : 'inherited',
                  data: { user, stage: stageLabel(st.index), target: target === final ? 'The final stage' : `${stageLabel(target.index)} (a \`--target\` nothing else uses)` },
                });
              }
              break;
            }
          }
          if (ctx.options.implicitRoot) implicitRoot(final);
          return;
        }
        for (const g of instructionGroups(src)) {
          const u = lastUser(g.instructions);
          if (!u) continue;
          const user = rootValue(u);
          if (user) ctx.report({ at: u.restSpan, messageId: 'root', data: { user, stage: stageLabel(g.stage) } });
        }
        if (final && ctx.options.implicitRoot) implicitRoot(final);
      },
    };
  },
});
