import { casingOf } from '../../dockerfile/check-queries.js';
import { isKeyword, type Instruction } from '../../dockerfile/nodes.js';
import { defineRule } from '../rule.js';

export default defineRule({
  meta: {
    id: 'consistent-instruction-casing',
    code: 'DF601',
    target: 'dockerfile',
    category: 'style',
    description: 'Instruction keywords should all be uppercase or all lowercase, not mixed.',
    recommended: true,
    severity: 'warn',
    fixable: 'safe',
    messages: {
      mixed: 'Instruction `{{keyword}}` is written in mixed case; write it as `{{expected}}`, like the rest of the file.',
      minority: 'Instruction `{{keyword}}` is {{actual}}case while most instructions in this file are {{majority}}case; write it as `{{expected}}`.',
    },
    aliases: ['ConsistentInstructionCasing'],
  },
  create(ctx) {
    return {
      fileExit() {
        const all: Instruction[] = [];
        for (const ins of ctx.source.instructions) {
          if (isKeyword(ins.keyword)) all.push(ins);
          if (ins.trigger && isKeyword(ins.trigger.keyword)) all.push(ins.trigger);
        }
        let upper = 0;
        let lower = 0;
        for (const ins of all) {
          const c = casingOf(ins.keywordRaw);
          if (c === 'upper') upper++;
          else if (c === 'lower') lower++;
        }
        const majority = lower > upper ? 'lower' : 'upper';
        for (const ins of all) {
          const c = casingOf(ins.keywordRaw);
          if (c === majority) continue;
          const expected = majority === 'lower' ? ins.keywordRaw.toLowerCase() : ins.keywordRaw.toUpperCase();
          ctx.report({
            at: ins.keywordSpan,
            messageId: c === 'mixed' ? 'mixed' : 'minority',
            data: { keyword: ins.keywordRaw, expected, actual: c, majority },
            fixTitle: `Write ${expected}`,
            fix: (f) => f.replace(ins.keywordSpan, expected),
          });
        }
      },
    };
  },
});
