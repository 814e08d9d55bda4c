import { processWord, splitWords } from '../../dockerfile/expand.js';
import type { KeyValue } from '../../dockerfile/nodes.js';
import { defineRule } from '../rule.js';

/**
 * Rewrite a legacy value (the rest of the line, processed as one word) as a single `key=value` word with
 * the same meaning: a bare word when it already is one, else one double-quoted string. null when the
 * value cannot be rewritten mechanically.
 */
export function asSingleWord(raw: string, escape: string): string | null {
  const words = splitWords(raw, escape);
  if (words.length === 1 && words[0].raw === raw) return raw;
  if (/\$\{[^}]*["']/.test(raw)) return null; // quotes inside ${v:-...}: leave it to a human
  let out = '';
  let i = 0;
  const special = (c: string) => c === '"' || c === '$' || c === escape;
  while (i < raw.length) {
    const c = raw[i];
    if (c === escape) {
      const n = raw[i + 1];
      if (n === undefined) return null;
      out += special(n) ? escape + n : n;
      i += 2;
    } else if (c === '"') {
      const start = i++;
      while (i < raw.length && raw[i] !== '"') i += raw[i] === escape ? 2 : 1;
      if (i >= raw.length) return null;
      out += raw.slice(start + 1, i);
      i++;
    } else if (c === "'") {
      i++;
      while (i < raw.length && raw[i] !== "'") {
        out += special(raw[i]) ? escape + raw[i] : raw[i];
        i++;
      }
      if (i >= raw.length) return null;
      i++;
    } else {
      out += c;
      i++;
    }
  }
  const word = `"${out}"`;
  // the rewrite must mean exactly the same: same text, same variable references
  const marker = (n: string) => `\u0000${n}\u0000`;
  if (processWord(word, marker, escape).value !== processWord(raw, marker, escape).value) return null;
  return word;
}

export default defineRule({
  meta: {
    id: 'legacy-key-value-format',
    code: 'DF605',
    target: 'dockerfile',
    category: 'style',
    description: 'Use `ENV key=value` / `LABEL key=value` instead of the legacy space-separated form.',
    recommended: true,
    severity: 'warn',
    fixable: 'safe',
    messages: {
      legacy: '`{{keyword}} {{key}} <value>` uses the legacy format; write `{{keyword}} {{key}}=<value>`.',
    },
    aliases: ['LegacyKeyValueFormat'],
    onbuild: true,
  },
  create(ctx) {
    const src = ctx.source;
    const check = (keyword: string, pairs: readonly KeyValue[] | undefined) => {
      for (const p of pairs ?? []) {
        if (p.hasEquals || p.rawValue === undefined || !p.valueSpan) continue;
        const { valueSpan } = p;
        const rawValue = p.rawValue;
        ctx.report({
          at: p.keySpan,
          messageId: 'legacy',
          data: { keyword, key: p.key },
          fixTitle: `Write ${p.key}=…`,
          fix: (f) => {
            const value = asSingleWord(rawValue, src.escape);
            if (value === null) return null;
            const gap = { start: p.keySpan.end, end: valueSpan.start };
            const gapHasComment = /\n[ \t]*#/.test(src.textOf(gap));
            // keep the value's own lines (continuations, indentation) when it only needs `=` and quotes around it
            if (value === rawValue && !gapHasComment) return f.replace(gap, '=');
            if (value === `"${rawValue}"` && !gapHasComment) return [f.replace(gap, '="'), f.insertAfter(valueSpan, '"')];
            const whole = { start: p.keySpan.start, end: valueSpan.end };
            // comment lines inside a continuation would be lost by a one-line rewrite
            if (/\n[ \t]*#/.test(src.textOf(whole))) return null;
            return f.replace(whole, `${src.textOf(p.keySpan)}=${value}`);
          },
        });
      }
    };
    return {
      ENV: (ins) => check('ENV', ins.pairs),
      LABEL: (ins) => check('LABEL', ins.pairs),
    };
  },
});
