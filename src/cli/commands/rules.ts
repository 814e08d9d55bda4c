import { ruleDocsUrl } from '../../core/links.js';
import { inPreset } from '../../engine/config.js';
import { findRule, rules } from '../../rules/index.js';
import { readRuleDoc } from '../docs.js';
import { UsageError, type Io } from '../io.js';

export function rulesCommand(id: string | undefined, opts: { format?: string }, io: Io): number {
  if (id) {
    const rule = findRule(id);
    if (!rule) throw new UsageError(`unknown rule "${id}" (run \`ballast rules\` for the list)`);
    if (opts.format === 'json') {
      io.writeOut(JSON.stringify({ ...rule.meta, docsUrl: ruleDocsUrl(rule.meta.id), docs: readRuleDoc(rule.meta.id) }, null, 2) + '\n');
      return 0;
    }
    const doc = readRuleDoc(rule.meta.id);
    io.writeOut(doc ?? `${rule.meta.id} (${rule.meta.code})\n\n${rule.meta.description}\n`);
    if (!doc?.endsWith('\n')) io.writeOut('\n');
    return 0;
  }
  if (opts.format === 'json') {
    io.writeOut(
      JSON.stringify(
        rules.map((r) => ({
          id: r.meta.id,
          code: r.meta.code,
          target: r.meta.target,
          category: r.meta.category,
          severity: r.meta.severity,
          recommended: r.meta.recommended,
          fixable: r.meta.fixable ?? null,
          aliases: r.meta.aliases ?? [],
          description: r.meta.description,
          docsUrl: ruleDocsUrl(r.meta.id),
        })),
        null,
        2,
      ) + '\n',
    );
    return 0;
  }
  const rows = rules.map((r) => [
    r.meta.code,
    r.meta.id,
    r.meta.category,
    r.meta.severity,
    inPreset(r, 'recommended') ? 'yes' : r.meta.experimental ? 'exp.' : '',
    r.meta.fixable ?? '',
    (r.meta.aliases ?? []).join(', '),
  ]);
  const head = ['CODE', 'RULE', 'CATEGORY', 'SEVERITY', 'RECOMMENDED', 'FIX', 'ALIASES'];
  const widths = head.map((h, k) => Math.max(h.length, ...rows.map((r) => r[k].length)));
  const line = (cells: string[]) => cells.map((c, k) => (k === cells.length - 1 ? c : c.padEnd(widths[k]))).join('  ').trimEnd();
  io.writeOut([line(head), ...rows.map(line), '', `${rules.length} rules. \`ballast rules <id>\` prints a rule's documentation.`].join('\n') + '\n');
  return 0;
}
