import { closestName, expandLocated, locate, refNameSpan } from '../../dockerfile/check-queries.js';
import type { Instruction } from '../../dockerfile/nodes.js';
import { PLATFORM_ARGS } from '../../dockerfile/source.js';
import { defineRule } from '../rule.js';

export default defineRule({
  meta: {
    id: 'no-undefined-arg-in-from',
    code: 'DF106',
    target: 'dockerfile',
    category: 'correctness',
    description: 'FROM uses a variable that no global ARG declares, so it expands to an empty string.',
    recommended: true,
    severity: 'warn',
    hasSuggestions: true,
    messages: {
      undefined: 'FROM uses `${{name}}`, which no ARG before the first FROM declares, so it expands to an empty string. Declare `ARG {{name}}` at the top of the file.',
      suggest: 'FROM uses `${{name}}`, which no ARG before the first FROM declares. Did you mean `${{suggestion}}`?',
    },
    aliases: ['UndefinedArgInFrom'],
  },
  create(ctx) {
    const src = ctx.source;
    let candidateList: string[] | undefined;
    const candidates = () => (candidateList ??= [...new Set([...src.globalArgs.flatMap((a) => (a.pairs ?? []).map((p) => p.key)), ...PLATFORM_ARGS])]);
    const check = (ins: Instruction, l: Instruction['logical'], span: { start: number; end: number }) => {
      // without a `$` there is nothing to expand
      const dollar = src.text.indexOf('$', span.start);
      if (dollar < 0 || dollar >= span.end) return;
      const w = locate(l, span);
      if (!w || !w.raw.includes('$')) return;
      const r = expandLocated(w, src.lookup(ins), src.escape);
      for (const ref of r.undefinedRefs) {
        const suggestion = closestName(ref.name, candidates());
        const nameSpan = refNameSpan(src.text, ref);
        ctx.report({
          at: ref.span,
          messageId: suggestion ? 'suggest' : 'undefined',
          data: { name: ref.name, suggestion: suggestion ?? '' },
          suggest: suggestion && nameSpan ? [{ title: `Use $${suggestion}`, fix: (f) => f.replace(nameSpan, suggestion) }] : undefined,
        });
      }
    };
    return {
      FROM(ins) {
        const image = ins.from?.image;
        if (image) check(ins, ins.rest, image.span);
        const p = ins.from?.platform;
        if (p?.valueSpan) check(ins, ins.logical, p.valueSpan);
      },
    };
  },
});
