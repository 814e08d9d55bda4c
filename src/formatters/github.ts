/**
 * GitHub Actions workflow commands (annotations). See docs/formats.md#github.
 */
import type { Finding, LintResult } from '../core/diagnostic.js';
import { githubLevel } from '../core/severity.js';
import { type PreparedFinding, bySeverity, messageWithPlace, prepare, ruleLabel, visibleControls } from './machine.js';
import type { FormatContext, Formatter } from './types.js';

/** GitHub shows at most this many annotations of each level per step, and this many per job. */
export const GITHUB_LEVEL_LIMIT = 10;
export const GITHUB_JOB_LIMIT = 50;

type Level = 'error' | 'warning' | 'notice';

/** Escaping of a command's message (what @actions/core does). */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escaping of a command's property values: as for the message, plus `:` and `,`. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function fixHint(f: Finding): string | undefined {
  if (!f.fix) return undefined;
  switch (f.fix.applicability) {
    case 'safe':
      return `Fix (ballast lint --fix): ${f.fix.title}`;
    case 'unsafe':
      return `Fix (ballast lint --unsafe-fixes): ${f.fix.title}`;
    default:
      return `Suggested change: ${f.fix.title}`;
  }
}

function command(p: PreparedFinding, level: Level, ctx: FormatContext): string {
  const f = p.finding;
  const props: [string, string | number][] = [];
  // image findings (no file in the repository) and stdin become annotations without a file
  if (p.file !== undefined && p.file !== '-') props.push(['file', p.file]);
  const r = p.range;
  if (r && props.length) {
    props.push(['line', r.startLine], ['endLine', r.endLine]);
    // GitHub accepts columns only when the annotation starts and ends on the same line
    if (r.startLine === r.endLine) props.push(['col', r.startColumn], ['endColumn', r.endColumn]);
  }
  props.push(['title', ruleLabel(f)]);
  const message = [messageWithPlace(f), fixHint(f), `Docs: ${ctx.docsUrl(f.ruleId)}`].filter((x) => x !== undefined).join('\n');
  return `::${level} ${props.map(([k, v]) => `${k}=${escapeProperty(visibleControls(String(v)))}`).join(',')}::${escapeData(visibleControls(message))}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function subjects(results: readonly LintResult[]): string {
  const files = results.filter((r) => r.subject.kind === 'file').length;
  const images = results.length - files;
  const parts = [...(files || !images ? [plural(files, 'file')] : []), ...(images ? [plural(images, 'image')] : [])];
  return parts.join(' and ');
}

export const github: Formatter = (results, ctx) => {
  const all = prepare(results, ctx)
    .flatMap((pr) => pr.findings)
    .sort(bySeverity);
  const totals: Record<Level, number> = { error: 0, warning: 0, notice: 0 };
  for (const p of all) totals[githubLevel[p.finding.severity]]++;

  const lines: string[] = [];
  const seen: Record<Level, number> = { error: 0, warning: 0, notice: 0 };
  for (const p of all) {
    const level = githubLevel[p.finding.severity];
    lines.push(command(p, level, ctx));
    seen[level]++;
    if (seen[level] === GITHUB_LEVEL_LIMIT && totals[level] > GITHUB_LEVEL_LIMIT) {
      const more = totals[level] - GITHUB_LEVEL_LIMIT;
      lines.push(
        `ballast: GitHub shows at most ${GITHUB_LEVEL_LIMIT} ${level} annotations per step; the ${plural(more, `other ${level}`)} below appear only in this log (use --format sarif for code scanning).`,
      );
    }
  }
  if (all.length > GITHUB_JOB_LIMIT) {
    lines.push(`ballast: GitHub shows at most ${GITHUB_JOB_LIMIT} annotations per job; ${all.length} were written to this log.`);
  }

  const safe = all.filter((p) => p.finding.fix?.applicability === 'safe').length;
  const unsafe = all.filter((p) => p.finding.fix?.applicability === 'unsafe').length;
  const counts = (['error', 'warning', 'notice'] as const).filter((l) => totals[l] > 0).map((l) => plural(totals[l], l));
  const fixable = [...(safe ? [`${safe} fixable with --fix`] : []), ...(unsafe ? [`${unsafe} more with --unsafe-fixes`] : [])];
  const summary = all.length
    ? `ballast: ${plural(all.length, 'problem')} (${counts.join(', ')}) in ${subjects(results)}${fixable.length ? `; ${fixable.join(', ')}` : ''}`
    : `ballast: no problems in ${subjects(results)}`;
  lines.push(summary);
  return `${lines.join('\n')}\n`;
};
