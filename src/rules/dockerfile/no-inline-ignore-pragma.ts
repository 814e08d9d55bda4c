import { readPragmas } from '../../dockerfile/pragmas.js';
import { defineRule } from '../rule.js';

export default defineRule({
  meta: {
    id: 'no-inline-ignore-pragma',
    code: 'DF650',
    target: 'dockerfile',
    category: 'style',
    description: 'An inline ignore comment silences findings for one instruction or stage (off by default).',
    recommended: false,
    severity: 'info',
    messages: {
      inline: '`{{comment}}` silences {{names}} here. This project does not allow local suppressions: fix the finding, or turn the rule off in the configuration with a reason.',
    },
    aliases: ['DL1001'],
  },
  create(ctx) {
    const src = ctx.source;
    return {
      fileExit() {
        const pragmas = readPragmas(src.comments, src.directives, src.instructions, src.text);
        for (const s of pragmas.suppressions) {
          // file-wide ignores (`global ignore=`, the `# check=skip=` directive) are configuration, not local suppressions
          if (!s.range || !('content' in s.comment)) continue;
          const names = s.names.map((n) => `\`${n}\``).join(', ');
          ctx.report({ at: s.comment.span, messageId: 'inline', data: { comment: s.comment.text.trim(), names } });
        }
      },
    };
  },
});
