/**
 * Markdown for the job summary and the pull-request comment: findings by rule, the findings
 * themselves (cut to fit), and for an image the size figures, thresholds, layer table and savings.
 * Pure functions; sizes are bounded (`budget`).
 */
import type { Finding, LintResult, Severity } from '../core/diagnostic.js';
import { reportPath } from '../formatters/machine.js';
import type { Counts } from './lint.js';
import { formatBytes, formatPercent, oneLine, type ImageReport } from './image.js';

/** GitHub rejects a step summary over 1 MiB; stay well under it. */
export const SUMMARY_BUDGET_BYTES = 1000 * 1000;
/** GitHub's limit on a comment body is 65536 characters. */
export const COMMENT_BUDGET_CHARS = 65000;
/** The hidden marker that identifies the action's pull-request comment. */
export const COMMENT_MARKER = '<!-- ballast-action:pull-request-comment -->';

export interface ReportData {
  readonly results: readonly LintResult[];
  readonly counts: Counts;
  readonly failOnLabel: string;
  readonly image?: ImageReport;
  /** Paths are shown relative to this directory (the workspace). */
  readonly workspace: string;
  readonly docsUrl: (ruleId: string) => string;
  /** `https://github.com/OWNER/REPO/blob/SHA`, for links to files; absent outside a repository. */
  readonly blobUrl?: string;
  /** Whether the run failed (findings at the threshold or thresholds crossed). */
  readonly failed: boolean;
  /** Messages to show above everything (patterns that matched nothing...). */
  readonly notes?: readonly string[];
}

export interface RenderOptions {
  /** Maximum size of the result. */
  readonly budget: number;
  /** How size is measured: UTF-8 bytes (summary) or characters (comment). */
  readonly measure: (s: string) => number;
  /** Put the full findings list in a collapsed <details> block. */
  readonly collapseFindings: boolean;
  /** Text above the heading (the comment marker). */
  readonly prefix?: string;
  /** Text below everything (the comment's footer). */
  readonly footer?: string;
}

const SEVERITY_LABEL: Record<Severity, string> = { error: '🔴 error', warn: '🟡 warning', info: '🔵 info' };

/** Escape text for a GitHub Markdown table cell (also inside code spans, where `|` still splits cells). */
export function cell(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
}

/** Text as an inline code span inside a table cell. */
export function codeCell(s: string): string {
  const t = s.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');
  const ticks = (t.match(/`+/g) ?? []).reduce((m, x) => Math.max(m, x.length), 0);
  const fence = '`'.repeat(ticks + 1);
  return `${fence}${ticks ? ' ' : ''}${t}${ticks ? ' ' : ''}${fence}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function firstSentence(message: string): string {
  const line = message.split('\n')[0];
  const m = /^(.+?[.!?])(\s|$)/.exec(line);
  return m ? m[1] : line;
}

function headline(d: ReportData): string {
  const c = d.counts;
  const files = d.results.length;
  if (files === 0 && !d.image) return 'No Dockerfiles were linted.';
  const parts: string[] = [];
  if (files > 0) {
    if (c.findings === 0) parts.push(`✅ No problems in ${plural(files, 'Dockerfile')}.`);
    else {
      const kinds = [c.errors ? plural(c.errors, 'error') : '', c.warnings ? plural(c.warnings, 'warning') : '', c.info ? `${c.info} info` : ''].filter(Boolean).join(', ');
      const icon = c.failing ? '❌' : '⚠️';
      parts.push(
        `${icon} **${plural(c.findings, 'problem')}** (${kinds}) in ${c.filesWithFindings} of ${plural(files, 'Dockerfile')}; ${c.failing} at or above the failure threshold (${d.failOnLabel}).`,
      );
    }
  }
  if (d.image) {
    const failed = d.image.checks.filter((x) => !x.pass).length;
    const a = d.image.analysis;
    parts.push(
      `${failed ? '❌' : '📦'} Image ${codeCell(d.image.ref)}: ${formatBytes(a.totalBytes)}, ${formatBytes(a.wastedBytes)} wasted, efficiency ${formatPercent(a.efficiency)}${d.image.checks.length ? (failed ? `; ${plural(failed, 'threshold')} crossed` : '; thresholds met') : ''}.`,
    );
  }
  return parts.join('\n\n');
}

function rulesTable(d: ReportData): string {
  const byRule = new Map<string, { code: string; severity: Severity; count: number; files: Set<string> }>();
  const rank: Record<Severity, number> = { error: 3, warn: 2, info: 1 };
  for (const r of d.results) {
    for (const f of r.findings) {
      const e = byRule.get(f.ruleId) ?? { code: f.code, severity: f.severity, count: 0, files: new Set<string>() };
      e.count++;
      if (rank[f.severity] > rank[e.severity]) e.severity = f.severity;
      e.files.add(r.subject.kind === 'file' ? r.subject.path : r.subject.ref);
      byRule.set(f.ruleId, e);
    }
  }
  if (!byRule.size) return '';
  const rows = [...byRule.entries()].sort((a, b) => rank[b[1].severity] - rank[a[1].severity] || b[1].count - a[1].count || a[0].localeCompare(b[0]));
  const lines = ['### Findings by rule', '', '| rule | code | severity | findings | files |', '|---|---|---|--:|--:|'];
  for (const [id, e] of rows) lines.push(`| [${cell(id)}](${d.docsUrl(id)}) | ${e.code} | ${SEVERITY_LABEL[e.severity]} | ${e.count} | ${e.files.size} |`);
  return `${lines.join('\n')}\n`;
}

function findingRow(d: ReportData, path: string, f: Finding): string {
  const loc = f.location.kind === 'source' ? `${f.location.start.line}:${f.location.start.column}` : `layer ${f.location.layer}`;
  const line = f.location.kind === 'source' ? f.location.start.line : undefined;
  const encoded = path.split('/').map(encodeURIComponent).join('/');
  const where = d.blobUrl && line !== undefined && !path.startsWith('/') ? `[${cell(path)}:${loc}](${d.blobUrl}/${encoded}#L${line})` : `${cell(path)}:${loc}`;
  return `| ${where} | ${SEVERITY_LABEL[f.severity]} | [${cell(f.ruleId)}](${d.docsUrl(f.ruleId)}) | ${cell(firstSentence(f.message))} |`;
}

function imageSection(r: ImageReport, collapse: boolean): string {
  const a = r.analysis;
  const lines = [`### Image ${codeCell(r.ref)}`, ''];
  if (r.dockerfile) lines.push(`Built from ${codeCell(r.dockerfile)}.`, '');
  lines.push('| | |', '|---|--:|');
  lines.push(`| total size (${plural(a.layers.length, 'layer')}) | ${formatBytes(a.totalBytes)} |`);
  if (a.compressedBytes !== null) lines.push(`| compressed | ${formatBytes(a.compressedBytes)} |`);
  lines.push(`| final filesystem | ${formatBytes(a.finalBytes)} (${a.finalFileCount} files) |`);
  lines.push(`| wasted (overwritten or deleted in a later layer) | ${formatBytes(a.wastedBytes)} |`);
  lines.push(`| efficiency | ${formatPercent(a.efficiency)} |`);
  if (a.duplicateContentBytes) lines.push(`| duplicate files | ${formatBytes(a.duplicateContentBytes)} |`);
  lines.push(`| platform | ${cell(a.platform)} |`);
  lines.push('');
  if (r.checks.length) {
    lines.push('| threshold | limit | actual | |', '|---|--:|--:|---|');
    for (const c of r.checks) {
      const fmt = c.name === 'highestWastedBytes' ? formatBytes : formatPercent;
      lines.push(`| ${c.name} | ${fmt(c.limit)} | ${fmt(c.actual)} | ${c.pass ? '✅ pass' : '❌ fail'} |`);
    }
    lines.push('');
  }
  const s = a.savings;
  lines.push(
    `**Savings:** now ${formatBytes(s.nowBytes)}, about ${formatBytes(s.possibleBytes)} possible: drop waste ${formatBytes(s.dropWasteBytes)}, drop caches ${formatBytes(s.dropCachesBytes)}, drop the toolchain (multi-stage build) ${formatBytes(s.dropToolchainBytes)}.`,
    '',
  );
  const layerRows = ['| # | size | wasted | files | created by |', '|--:|--:|--:|--:|---|'];
  for (const l of a.layers) {
    layerRows.push(`| ${l.index} | ${formatBytes(l.sizeBytes)} | ${l.wastedBytes ? formatBytes(l.wastedBytes) : ''} | ${l.fileCount} | ${codeCell(oneLine(l.createdBy, 120))} |`);
  }
  if (collapse) lines.push(`<details><summary>Layers (${a.layers.length})</summary>`, '', ...layerRows, '', '</details>', '');
  else lines.push('#### Layers', '', ...layerRows, '');
  if (a.leftovers.length) {
    const rows = ['| leftover | path | size | layer |', '|---|---|--:|--:|'];
    for (const l of a.leftovers.slice(0, 10)) rows.push(`| ${l.category} | ${codeCell(l.path)} | ${formatBytes(l.sizeBytes)} | ${l.layer} |`);
    if (collapse) lines.push(`<details><summary>Caches and toolchains left in the image (${a.leftovers.length})</summary>`, '', ...rows, '', '</details>', '');
    else lines.push('#### Caches and toolchains left in the image', '', ...rows, '');
  }
  if (a.wastedFiles.length) {
    const rows = ['| wasted file | size | shipped in layer | hidden by layer |', '|---|--:|--:|--:|'];
    for (const w of a.wastedFiles.slice(0, 10)) rows.push(`| ${codeCell(w.path)} | ${formatBytes(w.sizeBytes)} | ${w.layer} | ${w.hiddenBy} (${w.reason}) |`);
    lines.push(`<details><summary>Largest wasted files</summary>`, '', ...rows, '', '</details>', '');
  }
  return `${lines.join('\n')}\n`;
}

/** The report as Markdown, at most `opts.budget` in size (the findings list is cut to fit). */
export function renderMarkdown(d: ReportData, opts: RenderOptions): string {
  const head = [...(opts.prefix ? [opts.prefix.replace(/\n+$/, '')] : []), '## ballast', '', headline(d), ''];
  for (const n of d.notes ?? []) head.push(`> [!WARNING]\n> ${cell(n)}`, '');
  const fixed = [head.join('\n'), rulesTable(d), d.image ? imageSection(d.image, opts.collapseFindings) : ''].filter(Boolean).join('\n');
  const footer = opts.footer ? `\n${opts.footer}\n` : '';
  const total = d.counts.findings;
  if (total === 0) return fit(`${fixed}${footer}`, opts);

  const open = opts.collapseFindings ? [`<details><summary>All findings (${total})</summary>`, ''] : ['### Findings', ''];
  const close = opts.collapseFindings ? ['', '</details>', ''] : [''];
  const rows = ['| where | severity | rule | message |', '|---|---|---|---|'];
  let used = opts.measure(fixed) + opts.measure(footer) + opts.measure(open.join('\n')) + opts.measure(close.join('\n')) + opts.measure(rows.join('\n')) + 200;
  let shown = 0;
  outer: for (const r of d.results) {
    const path = r.subject.kind === 'file' ? reportPath(r.subject.path, d.workspace) : r.subject.ref;
    for (const f of r.findings) {
      const row = findingRow(d, path, f);
      const size = opts.measure(row) + 1;
      if (used + size > opts.budget) break outer;
      rows.push(row);
      used += size;
      shown++;
    }
  }
  if (shown < total) rows.push('', `… and ${total - shown} more: see the step log${opts.collapseFindings ? '' : ' or the SARIF file'}.`);
  return fit(`${fixed}\n${[...open, ...rows, ...close].join('\n')}${footer}`, opts);
}

/** Last resort (a pathological layer table): cut the text to the budget. */
function fit(text: string, opts: RenderOptions): string {
  if (opts.measure(text) <= opts.budget) return text;
  const note = '\n\n… (cut to fit GitHub\'s size limit)\n';
  let s = text;
  while (s.length && opts.measure(s) + opts.measure(note) > opts.budget) s = s.slice(0, Math.floor(s.length * 0.9));
  return s + note;
}

export const utf8Bytes = (s: string): number => Buffer.byteLength(s, 'utf8');
export const chars = (s: string): number => s.length;
