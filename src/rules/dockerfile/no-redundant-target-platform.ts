import { defineRule } from '../rule.js';

export default defineRule({
  meta: {
    id: 'no-redundant-target-platform',
    code: 'DF610',
    target: 'dockerfile',
    category: 'style',
    description: '`FROM --platform=$TARGETPLATFORM` is the default and can be removed.',
    recommended: true,
    severity: 'warn',
    fixable: 'safe',
    messages: {
      redundant: '`--platform={{value}}` is redundant: stages are built for the target platform by default. Remove the flag.',
    },
    aliases: ['DL3065', 'RedundantTargetPlatform'],
  },
  create(ctx) {
    const src = ctx.source;
    // a global `ARG TARGETPLATFORM=<default>` changes what the variable means
    const redefined = src.globalArgs.some((a) => a.pairs?.some((p) => p.key === 'TARGETPLATFORM' && p.rawValue !== undefined));
    return {
      FROM(ins) {
        const flag = ins.from?.platform;
        if (!flag || redefined || flag.value === null) return;
        if (flag.value !== '$TARGETPLATFORM' && flag.value !== '${TARGETPLATFORM}') return;
        ctx.report({
          at: flag,
          messageId: 'redundant',
          data: { value: flag.value },
          fixTitle: 'Remove --platform',
          fix: (f) => {
            let end = flag.span.end;
            while (end < src.text.length && (src.text[end] === ' ' || src.text[end] === '\t')) end++;
            if (src.text[end] === src.escape || src.text[end] === '\n' || src.text[end] === '\r') end = flag.span.end;
            return f.remove({ start: flag.span.start, end });
          },
        });
      },
    };
  },
});
