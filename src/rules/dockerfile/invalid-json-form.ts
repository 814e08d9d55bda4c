import type { Span } from '../../core/diagnostic.js';
import { locate } from '../../dockerfile/check-queries.js';
import { defineRule } from '../rule.js';

export interface JsonishAnalysis {
  /** What makes it invalid JSON, in words. */
  readonly problems: string[];
  /** The array rewritten with double quotes, when single quotes are the only problem. */
  readonly fixed?: string;
}

/**
 * Look at text that starts with `[`: is it meant as a JSON array (a list of quoted strings separated by
 * commas) that is not valid JSON? Returns undefined when it is valid JSON or does not look like an array
 * at all (for example the shell test `[ -f x ] && …` or `[ "$a" = b ]`).
 */
export function analyzeJsonish(text: string): JsonishAnalysis | undefined {
  const t = text.trim();
  if (!t.startsWith('[')) return undefined;
  try {
    const v = JSON.parse(t);
    if (Array.isArray(v)) return undefined;
  } catch {
    // analysed below
  }
  const problems = new Set<string>();
  let fixed = '[';
  let onlyQuotes = true;
  let i = 1;
  const ws = () => {
    const s = i;
    while (i < t.length && /\s/.test(t[i])) i++;
    return t.slice(s, i);
  };
  let items = 0;
  let closed = false;
  fixed += ws();
  if (t[i] === ']') {
    return undefined; // `[]` is valid JSON; `[ ] …` is not an array attempt
  }
  for (;;) {
    const c = t[i];
    if (c === '"') {
      const s = i++;
      while (i < t.length && t[i] !== '"') i += t[i] === '\\' ? 2 : 1;
      if (i >= t.length) {
        problems.add('an unterminated string');
        onlyQuotes = false;
        break;
      }
      i++;
      const lit = t.slice(s, i);
      try {
        JSON.parse(lit);
      } catch {
        problems.add(`an invalid escape sequence in ${lit} (write \\\\ for a backslash)`);
        onlyQuotes = false;
      }
      fixed += lit;
    } else if (c === "'") {
      const s = ++i;
      while (i < t.length && t[i] !== "'") i++;
      if (i >= t.length) {
        problems.add('an unterminated string');
        onlyQuotes = false;
        break;
      }
      problems.add('single quotes (JSON strings need double quotes)');
      fixed += JSON.stringify(t.slice(s, i));
      i++;
    } else {
      if (items === 0) return undefined; // first element not quoted: not an array attempt
      const s = i;
      while (i < t.length && !/[\s,\]]/.test(t[i])) i++;
      if (i === s) {
        problems.add('a missing element');
      } else problems.add(`an unquoted element \`${t.slice(s, i)}\``);
      onlyQuotes = false;
    }
    items++;
    fixed += ws();
    if (t[i] === ',') {
      fixed += ',';
      i++;
      fixed += ws();
      if (t[i] === ']') {
        problems.add('a trailing comma');
        onlyQuotes = false;
        closed = true;
        i++;
        break;
      }
      if (i >= t.length) break;
      continue;
    }
    if (t[i] === ']') {
      fixed += ']';
      closed = true;
      i++;
      break;
    }
    // anything else after an element: not a JSON array attempt (e.g. `[ "$x" = y ]`)
    if (items === 1) return undefined;
    problems.add('a missing comma');
    onlyQuotes = false;
    if (i >= t.length) break;
  }
  if (!closed) {
    problems.add('a missing `]`');
    onlyQuotes = false;
  }
  if (i < t.length) return undefined; // text after `]`: a shell test such as `[ "$a" ] && …`
  if (!problems.size) return undefined;
  return { problems: [...problems], fixed: onlyQuotes ? fixed : undefined };
}

export default defineRule({
  meta: {
    id: 'invalid-json-form',
    code: 'DF112',
    target: 'dockerfile',
    category: 'correctness',
    description: 'Arguments written as a JSON array that is not valid JSON silently run in shell form.',
    recommended: true,
    severity: 'warn',
    fixable: 'safe',
    messages: {
      invalid:
        'These {{keyword}} arguments look like a JSON array but are not valid JSON ({{problems}}), so BuildKit takes them as a shell command line, brackets and all. Write a valid JSON array of double-quoted strings.',
    },
    onbuild: true,
  },
  create(ctx) {
    const src = ctx.source;
    const report = (keyword: string, text: string, span: Span) => {
      const a = analyzeJsonish(text);
      if (!a) return;
      const fixed = a.fixed;
      ctx.report({
        at: span,
        messageId: 'invalid',
        data: { keyword, problems: a.problems.join(', ') },
        fixTitle: 'Use double quotes',
        fix: fixed && !src.textOf(span).includes('\n') ? (f) => f.replace(span, fixed) : undefined,
      });
    };
    return {
      instruction(ins) {
        if (ins.invalidJson) {
          report(ins.keyword, ins.rest.text, ins.restSpan);
          return;
        }
        if (ins.keyword === 'HEALTHCHECK') {
          const m = /^CMD\s+/i.exec(ins.rest.text);
          if (!m || !ins.rest.text.slice(m[0].length).startsWith('[')) return;
          const start = ins.rest.map[m[0].length];
          const loc = locate(ins.rest, { start, end: ins.restSpan.end });
          if (loc) report('HEALTHCHECK CMD', loc.raw, { start, end: ins.restSpan.end });
        }
      },
    };
  },
});
