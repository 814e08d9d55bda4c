import { defineRule } from '../rule.js';

export default defineRule({
  meta: {
    id: 'no-empty-continuation',
    code: 'DF604',
    target: 'dockerfile',
    category: 'style',
    description: 'Blank lines inside a backslash-continued instruction are deprecated; remove them.',
    recommended: true,
    severity: 'warn',
    fixable: 'safe',
    messages: {
      empty: 'Blank line inside a line continuation: BuildKit skips it today but will treat it as an error. Remove the blank line (a comment line is fine).',
    },
    aliases: ['NoEmptyContinuation'],
  },
  create(ctx) {
    const src = ctx.source;
    return {
      fileExit() {
        for (const span of src.emptyContinuationLines) {
          const line = src.position(span.start).line;
          const start = src.lines.lineStart(line);
          const next = line < src.lines.lineCount ? src.lines.lineStart(line + 1) : src.text.length;
          ctx.report({
            at: { start, end: src.lines.lineEnd(line) },
            messageId: 'empty',
            fixTitle: 'Remove the blank line',
            fix: (f) => f.remove({ start, end: next }),
          });
        }
      },
    };
  },
});
