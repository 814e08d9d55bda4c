import type { Instruction } from '../../dockerfile/nodes.js';
import { resolveWord } from '../../dockerfile/stage-queries.js';
import { defineRule } from '../rule.js';

export default defineRule({
  meta: {
    id: 'copy-multi-source-dest-slash',
    code: 'DF109',
    target: 'dockerfile',
    category: 'correctness',
    description: 'COPY or ADD with several sources needs a destination that ends with `/`.',
    recommended: true,
    severity: 'error',
    fixable: 'safe',
    messages: {
      noSlash:
        '{{keyword}} has {{count}} sources, so the destination must be a directory: write `{{suggested}}`. Without the slash the classic builder fails and BuildKit may write every source to the same file.',
    },
    aliases: ['DL3021'],
  },
  create(ctx) {
    const check = (ins: Instruction) => {
      const c = ins.copy;
      if (!c?.dest || c.sources.length < 2) return;
      const dest = c.dest;
      // JSON form: the word is the JSON string; its value is already unquoted
      const raw = ins.form === 'exec' ? JSON.stringify(dest.value) : dest.raw;
      const r = resolveWord(ctx.source, ins, raw);
      if (r.unknown) return;
      // on Windows (backtick escape, or a drive path) a trailing backslash marks a directory too
      if (r.value.endsWith('/') || (r.value.endsWith('\\') && (ctx.source.escape === '`' || /^[A-Za-z]:/.test(r.value)))) return;
      // `.` and `..` are directories whatever the image holds, so only there is appending `/` a no-op under BuildKit
      const isDir = /(^|\/)\.\.?$/.test(r.value);
      const quoted = /["']$/.test(dest.raw) && dest.raw.length > 1;
      const shown = ins.form === 'exec' ? `${dest.value}/` : quoted ? `${dest.raw.slice(0, -1)}/${dest.raw.slice(-1)}` : `${dest.raw}/`;
      ctx.report({
        at: dest,
        messageId: 'noSlash',
        data: { keyword: ins.keyword, count: c.sources.length, suggested: shown },
        fixTitle: 'Append `/` to the destination',
        applicability: isDir ? 'safe' : 'unsafe',
        fix: (f) =>
          ins.form === 'exec' || quoted
            ? f.insertBefore({ start: dest.span.end - 1, end: dest.span.end }, '/')
            : f.insertAfter(dest, '/'),
      });
    };
    return { COPY: check, ADD: check };
  },
});
