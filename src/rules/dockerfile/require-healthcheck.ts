import { fromLineSpan } from '../../dockerfile/label-queries.js';
import type { Stage } from '../../dockerfile/nodes.js';
import { stageChain } from '../../dockerfile/stage-queries.js';
import { defineRule } from '../rule.js';

export default defineRule({
  meta: {
    id: 'require-healthcheck',
    code: 'DF660',
    target: 'dockerfile',
    category: 'style',
    description: 'An image stage has no HEALTHCHECK, neither its own nor inherited (off by default).',
    recommended: false,
    severity: 'info',
    messages: {
      missing:
        '{{stage}} has no `HEALTHCHECK`, so Docker and Swarm cannot tell a hung container from a healthy one. Add `HEALTHCHECK CMD <command that fails when the service is unhealthy>`, or `HEALTHCHECK NONE` to say none is wanted.',
    },
    aliases: ['DL3057'],
  },
  create(ctx) {
    const src = ctx.source;
    return {
      fileExit() {
        // stages that other stages build on or copy from are build steps, not images that run
        const used = new Set(src.stages.flatMap((s) => s.dependsOn.filter((d) => d !== s.index)));
        const has = (s: Stage) => stageChain(src, s).some((x) => x.instructions.some((i) => i.keyword === 'HEALTHCHECK'));
        for (const s of src.stages) {
          if (used.has(s.index) || has(s)) continue;
          const stage = s.name ? `Stage \`${s.name}\`` : s.isFinal ? 'The final stage' : `Stage ${s.index}`;
          ctx.report({ at: fromLineSpan(src, s), messageId: 'missing', data: { stage } });
        }
      },
    };
  },
});
