import type { Instruction } from '../../dockerfile/nodes.js';
import { instructionGroups, removalSpan } from '../../dockerfile/stage-queries.js';
import { defineRule } from '../rule.js';

const KEYWORDS = ['CMD', 'ENTRYPOINT', 'HEALTHCHECK'] as const;
const ALIASES: Record<(typeof KEYWORDS)[number], string[]> = {
  CMD: ['DL4003', 'MultipleInstructionsDisallowed'],
  ENTRYPOINT: ['DL4004', 'MultipleInstructionsDisallowed'],
  HEALTHCHECK: ['DL3012', 'MultipleInstructionsDisallowed'],
};

export default defineRule({
  meta: {
    id: 'no-multiple-instructions',
    code: 'DF105',
    target: 'dockerfile',
    category: 'correctness',
    description: 'A stage has more than one CMD, ENTRYPOINT or HEALTHCHECK; only the last one takes effect.',
    recommended: true,
    severity: 'warn',
    fixable: 'unsafe',
    messages: {
      overridden: 'This {{keyword}} has no effect: the {{keyword}} on line {{line}} replaces it. Remove this one, or merge what it was meant to do into the last one.',
    },
    aliases: ['DL4003', 'DL4004', 'DL3012', 'MultipleInstructionsDisallowed'],
  },
  create(ctx) {
    return {
      fileExit() {
        for (const g of instructionGroups(ctx.source)) {
          for (const kw of KEYWORDS) {
            const all: Instruction[] = g.instructions.filter((i) => i.keyword === kw);
            const last = all[all.length - 1];
            for (const ins of all.slice(0, -1)) {
              ctx.report({
                at: ins.span,
                messageId: 'overridden',
                data: { keyword: kw, line: last.line },
                aliases: ALIASES[kw],
                related: [{ at: last.span, message: `the ${kw} that takes effect` }],
                fixTitle: `Remove the ignored ${kw}`,
                fix: (f) => f.remove(removalSpan(ctx.source, ins)),
              });
            }
          }
        }
      },
    };
  },
});
