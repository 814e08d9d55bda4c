import { defineRule } from '../rule.js';

const FORBIDDEN = ['ONBUILD', 'FROM', 'MAINTAINER'];

export default defineRule({
  meta: {
    id: 'no-onbuild-forbidden-trigger',
    code: 'DF151',
    target: 'dockerfile',
    category: 'correctness',
    description: 'ONBUILD wraps ONBUILD, FROM or MAINTAINER, which Docker refuses as a trigger.',
    recommended: true,
    severity: 'error',
    messages: {
      onbuild: 'ONBUILD triggers cannot be chained (`ONBUILD ONBUILD`), so the build fails. Put the trigger in the image that is built on this one instead.',
      from: '`FROM` is not allowed as an ONBUILD trigger, so the build fails. Start a new stage with a plain `FROM` instead.',
      maintainer: '`MAINTAINER` is not allowed as an ONBUILD trigger, so the build fails. Use a plain `LABEL maintainer="..."` instead.',
    },
    aliases: ['DL3043'],
  },
  create(ctx) {
    return {
      ONBUILD(ins) {
        const t = ins.trigger;
        if (!t || !FORBIDDEN.includes(t.keyword)) return;
        ctx.report({ at: t.keywordSpan, messageId: t.keyword.toLowerCase() as 'onbuild' | 'from' | 'maintainer' });
      },
    };
  },
});
