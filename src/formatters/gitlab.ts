/**
 * GitLab Code Quality report (a JSON array of Code Climate issues). See docs/formats.md#gitlab.
 */
import type { Category, Severity } from '../core/diagnostic.js';
import { messageWithPlace, pathFingerprint, prepare } from './machine.js';
import type { Formatter } from './types.js';

export type GitlabSeverity = 'info' | 'minor' | 'major' | 'critical' | 'blocker';

export const gitlabSeverity: Record<Severity, GitlabSeverity> = { info: 'info', warn: 'major', error: 'critical' };

/** Code Climate categories (the fixed list GitLab and Code Climate know). */
export const gitlabCategory: Record<Category, string> = {
  correctness: 'Bug Risk',
  cache: 'Performance',
  size: 'Performance',
  security: 'Security',
  reproducibility: 'Bug Risk',
  style: 'Style',
};

export interface GitlabIssue {
  readonly type: 'issue';
  readonly engine_name: 'ballast';
  readonly check_name: string;
  readonly description: string;
  readonly content: { readonly body: string };
  readonly categories: readonly string[];
  readonly severity: GitlabSeverity;
  readonly fingerprint: string;
  readonly location: { readonly path: string; readonly lines: { readonly begin: number; readonly end: number } };
}

export const gitlab: Formatter = (results, ctx) => {
  const issues: GitlabIssue[] = [];
  for (const pr of prepare(results, ctx)) {
    for (const p of pr.findings) {
      const f = p.finding;
      const category = ctx.rules.get(f.ruleId)?.category;
      const fix = f.fix ? `\n\nFix (${f.fix.applicability}): ${f.fix.title}` : '';
      issues.push({
        type: 'issue',
        engine_name: 'ballast',
        check_name: f.ruleId,
        description: messageWithPlace(f),
        content: { body: `${f.code} ${f.ruleId}${f.aliases.length ? ` (${f.aliases.join(', ')})` : ''}: ${f.message}${fix}\n\n${ctx.docsUrl(f.ruleId)}` },
        categories: [category ? gitlabCategory[category] : 'Bug Risk'],
        severity: gitlabSeverity[f.severity],
        fingerprint: pathFingerprint(p),
        location: { path: p.path, lines: { begin: p.range?.startLine ?? 1, end: p.range?.endLine ?? 1 } },
      });
    }
  }
  return `${JSON.stringify(issues, null, 2)}\n`;
};
