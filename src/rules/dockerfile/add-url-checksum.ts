import type { Word } from '../../dockerfile/nodes.js';
import { defineRule } from '../rule.js';

const URL = /^https?:\/\//i;

/** A git source: `git@host:repo`, `…/repo.git`, `…/repo.git#ref`, `…/repo.git?ref=…` or `git://…` (pinned by a ref instead). */
export function isGitSource(src: string): boolean {
  return /^git@|^git:\/\/|^ssh:\/\//i.test(src) || /\.git([#?].*)?$/i.test(src);
}

export default defineRule({
  meta: {
    id: 'add-url-checksum',
    code: 'DF482',
    target: 'dockerfile',
    category: 'security',
    description: 'ADD of an http(s) URL without --checksum: the build trusts whatever the server returns.',
    recommended: false,
    severity: 'warn',
    fixable: 'display-only',
    messages: {
      noChecksum:
        '`ADD {{url}}` uses whatever the server returns today. Pin the content with `ADD --checksum=sha256:<digest> {{url}}` (get the digest with `curl -fsSL {{url}} | sha256sum`).',
    },
    onbuild: true,
  },
  create(ctx) {
    return {
      ADD(ins) {
        if (ins.flags.some((f) => f.name === 'checksum')) return;
        const sources: { value: string; span: Word['span'] }[] =
          ins.form === 'exec' && ins.json
            ? ins.json.values.slice(0, -1).map((value, k) => ({ value, span: ins.json!.spans[k] }))
            : (ins.copy?.sources ?? []).map((w) => ({ value: w.raw.replace(/^["']|["']$/g, ''), span: w.span }));
        for (const s of sources) {
          const v = s.value;
          if (!URL.test(v) || isGitSource(v)) continue;
          ctx.report({
            at: s.span,
            messageId: 'noChecksum',
            data: { url: v },
            fixTitle: 'Add --checksum=sha256:<digest> (fill in the digest)',
            fix: (f) => f.insertAfter(ins.keywordSpan, ' --checksum=sha256:<digest>'),
          });
        }
      },
    };
  },
});
