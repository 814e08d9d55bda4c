import { removalSpan } from '../../dockerfile/stage-queries.js';
import { defineRule } from '../rule.js';

const AUTHORS = 'org.opencontainers.image.authors';

export default defineRule({
  meta: {
    id: 'no-maintainer',
    code: 'DF606',
    target: 'dockerfile',
    category: 'style',
    description: 'MAINTAINER is deprecated; use the `org.opencontainers.image.authors` label.',
    recommended: true,
    severity: 'error',
    fixable: 'unsafe',
    messages: {
      deprecated: '`MAINTAINER` is deprecated. Use `LABEL {{label}}="{{value}}"` instead, which tools that read OCI annotations understand.',
    },
    aliases: ['DL4000', 'MaintainerDeprecated'],
  },
  create(ctx) {
    const src = ctx.source;
    return {
      MAINTAINER(ins) {
        const value = ins.rest.text.trim();
        const stage = src.stageOf(ins);
        const hasLabel = stage?.instructions.some((i) => i.keyword === 'LABEL' && i.pairs?.some((p) => p.key === AUTHORS));
        const label = ins.keywordRaw === ins.keywordRaw.toLowerCase() ? 'label' : 'LABEL';
        const escaped = value.replace(/[\\"$]/g, (c) => `\\${c}`);
        ctx.report({
          at: ins.keywordSpan,
          messageId: 'deprecated',
          data: { label: AUTHORS, value },
          // a LABEL is not allowed before the first FROM, so there is nothing to rewrite there
          ...(!stage || !value
            ? {}
            : hasLabel
              ? { fixTitle: `Remove MAINTAINER (the stage already sets ${AUTHORS})`, fix: (f) => f.remove(removalSpan(src, ins)) }
              : {
                  fixTitle: `Replace with LABEL ${AUTHORS}`,
                  fix: (f) => f.replace(ins.span, `${label} ${AUTHORS}="${escaped}"`),
                }),
        });
      },
    };
  },
});
