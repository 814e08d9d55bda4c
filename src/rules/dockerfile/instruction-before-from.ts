import { defineRule } from '../rule.js';

export default defineRule({
  meta: {
    id: 'instruction-before-from',
    code: 'DF154',
    target: 'dockerfile',
    category: 'correctness',
    description: 'An instruction other than ARG comes before the first FROM.',
    recommended: true,
    severity: 'error',
    messages: {
      beforeFrom: '`{{keyword}}` comes before the first `FROM`; only `ARG` (and comments and parser directives) may. Move it below the `FROM` of the stage it belongs to.',
      noFrom: 'This file has no `FROM`, so `{{keyword}}` has no stage to run in and the build fails. Start the file with `FROM <image>` (after any `ARG`s).',
    },
    aliases: ['DL3061'],
  },
  create(ctx) {
    const src = ctx.source;
    let reported = false;
    return {
      instruction(ins) {
        if (ins.stage >= 0 || ins.parent || ins.keyword === 'ARG') return;
        if (!src.stages.length) {
          // one finding for a file without any FROM, at its first instruction that needs a stage
          if (!reported) ctx.report({ at: ins.keywordSpan, messageId: 'noFrom', data: { keyword: ins.keywordRaw } });
          reported = true;
          return;
        }
        ctx.report({ at: ins.keywordSpan, messageId: 'beforeFrom', data: { keyword: ins.keywordRaw } });
      },
    };
  },
});
