import { fromLineSpan, labelsOf, stagesMissing } from '../../dockerfile/label-queries.js';
import type { Stage } from '../../dockerfile/nodes.js';
import { defineRule } from '../rule.js';

export default defineRule({
  meta: {
    id: 'required-labels',
    code: 'DF652',
    target: 'dockerfile',
    category: 'style',
    description: 'A stage lacks a label that the label schema requires.',
    recommended: true,
    severity: 'info',
    messages: {
      missing: '{{stage}} does not set label `{{key}}`, which the label schema requires. Add `LABEL {{key}}=<value>` to it (a stage built on it with `FROM` inherits it).',
    },
    aliases: ['DL3049'],
  },
  create(ctx) {
    const src = ctx.source;
    const required = Object.keys(ctx.settings.labelSchema);
    if (!required.length) return {};
    const keysOf = new Map<Stage, Set<string>>();
    const own = (s: Stage): Set<string> => {
      let k = keysOf.get(s);
      if (!k) {
        k = new Set(s.instructions.flatMap((i) => labelsOf(src, i)).map((l) => l.key));
        keysOf.set(s, k);
      }
      return k;
    };
    const describe = (s: Stage) => (s.name ? `Stage \`${s.name}\`` : s.isFinal && s.index === 0 ? 'The image' : `Stage ${s.index}`);
    return {
      fileExit() {
        const findings: { s: Stage; key: string }[] = [];
        for (const key of required) for (const s of stagesMissing(src, (st) => own(st).has(key))) findings.push({ s, key });
        findings.sort((a, b) => a.s.index - b.s.index);
        for (const { s, key } of findings) ctx.report({ at: fromLineSpan(src, s), messageId: 'missing', data: { stage: describe(s), key } });
      },
    };
  },
});
