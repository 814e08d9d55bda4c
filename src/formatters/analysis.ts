import { Chalk, type ChalkInstance } from 'chalk';
import { formatBytes, formatPercent } from '../core/bytes.js';
import type { LintResult } from '../core/diagnostic.js';
import type { ImageAnalysis } from '../layers/model.js';
import { historyLine } from '../layers/history.js';
import { jsonDocument } from './json.js';
import { tty } from './tty.js';
import type { FormatContext } from './types.js';
import type { ThresholdCheck } from '../engine/thresholds.js';

/** Version of the `ballast analyze --format json` document (see docs/json-analyze.md). */
export const ANALYZE_JSON_VERSION = 1;


function bar(c: ChalkInstance, fraction: number, width: number): string {
  const n = Math.max(fraction > 0 ? 1 : 0, Math.round(fraction * width));
  return c.cyan('█'.repeat(n)) + ' '.repeat(Math.max(0, width - n));
}

function table(rows: string[][], align: ('l' | 'r')[]): string[] {
  const strip = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, '');
  const widths = rows[0].map((_, k) => Math.max(...rows.map((r) => strip(r[k] ?? '').length)));
  return rows.map((r) =>
    r
      .map((cell, k) => {
        const pad = ' '.repeat(Math.max(0, widths[k] - strip(cell).length));
        return k === r.length - 1 ? cell : align[k] === 'r' ? pad + cell : cell + pad;
      })
      .join('  ')
      .trimEnd(),
  );
}

/** The human report of `ballast analyze`: summary, layer table with bars, waste, leftovers, savings, findings. */
export function analysisTty(a: ImageAnalysis, result: LintResult, ctx: FormatContext, checks?: readonly ThresholdCheck[]): string {
  const c = new Chalk({ level: ctx.color ? 1 : 0 });
  const width = Math.max(60, Math.min(ctx.width ?? 100, 160));
  const out: string[] = [];
  out.push(`${c.bold('Image')} ${a.ref} ${c.dim(`(${a.platform}, ${a.source}, id ${a.configDigest.slice(0, 19)})`)}`);
  out.push(
    [
      `${c.bold(formatBytes(a.totalBytes))} in ${a.layers.length} layers`,
      a.compressedBytes !== null ? `${formatBytes(a.compressedBytes)} compressed` : '',
      `final filesystem ${formatBytes(a.finalBytes)} (${a.finalFileCount} files)`,
      `wasted ${a.wastedBytes ? c.yellow(formatBytes(a.wastedBytes)) : '0 B'}`,
      `efficiency ${formatPercent(a.efficiency)}`,
      `user wasted ${formatPercent(a.userWastedPercent)}`,
    ]
      .filter(Boolean)
      .join(' · '),
  );
  out.push('');
  out.push(c.bold('Layers'));
  const max = Math.max(1, ...a.layers.map((l) => l.sizeBytes));
  const barWidth = 16;
  const cmdWidth = Math.max(20, width - 2 - 3 - 10 - barWidth - 10 - 10);
  const rows = [[c.dim('#'), c.dim('size'), c.dim('share'), c.dim('wasted'), c.dim('command')]];
  for (const l of a.layers) {
    rows.push([
      String(l.index),
      formatBytes(l.sizeBytes),
      bar(c, l.sizeBytes / max, barWidth),
      l.wastedBytes ? c.yellow(formatBytes(l.wastedBytes)) : '',
      historyLine(l.createdBy, cmdWidth),
    ]);
  }
  out.push(...table(rows, ['r', 'r', 'l', 'r', 'l']).map((l) => `  ${l}`));

  if (a.wastedFiles.length) {
    out.push('');
    out.push(c.bold('Largest wasted files'));
    const wrows = a.wastedFiles.slice(0, 10).map((w) => [formatBytes(w.sizeBytes), w.path, c.dim(`written by layer ${w.layer}, ${w.reason === 'removed' ? 'deleted' : 'overwritten'} by layer ${w.hiddenBy}`)]);
    out.push(...table(wrows, ['r', 'l', 'l']).map((l) => `  ${l}`));
  }
  if (a.leftovers.length) {
    out.push('');
    out.push(c.bold('Leftovers'));
    const lrows = a.leftovers
      .slice()
      .sort((x, y) => y.sizeBytes - x.sizeBytes)
      .slice(0, 12)
      .map((l) => [formatBytes(l.sizeBytes), l.category, l.path, c.dim(`layer ${l.layer}: ${historyLine(a.layers[l.layer]?.createdBy ?? '', 50)}`)]);
    out.push(...table(lrows, ['r', 'l', 'l', 'l']).map((l) => `  ${l}`));
  }
  if (a.duplicateContentBytes > 0) {
    out.push('');
    out.push(`${c.bold('Duplicate content')}: ${formatBytes(a.duplicateContentBytes)} in ${a.duplicates.length} groups of identical files`);
  }
  const s = a.savings;
  out.push('');
  out.push(c.bold('Savings'));
  out.push(`  now ${c.bold(formatBytes(s.nowBytes))}, about ${c.green.bold(formatBytes(s.possibleBytes))} possible`);
  const parts = [
    s.dropWasteBytes ? `drop wasted copies: -${formatBytes(s.dropWasteBytes)}` : '',
    s.dropCachesBytes ? `drop caches: -${formatBytes(s.dropCachesBytes)}` : '',
    s.dropToolchainBytes ? `multi-stage build without the toolchain: -${formatBytes(s.dropToolchainBytes)}` : '',
  ].filter(Boolean);
  for (const p of parts) out.push(`  ${p}`);
  if (!parts.length) out.push(c.green('  nothing obvious to remove'));

  if (checks) {
    out.push('');
    out.push(c.bold('Thresholds'));
    for (const k of checks) {
      const fmt = (v: number | null) => (v === null ? 'n/a' : k.name === 'highestWastedBytes' ? formatBytes(v) : formatPercent(v, 2));
      const label = k.status === 'pass' ? c.green('PASS') : k.status === 'fail' ? c.red('FAIL') : c.dim('SKIP');
      out.push(`  ${label} ${k.name}: ${fmt(k.actual)}${k.threshold !== null ? ` (threshold ${fmt(k.threshold)})` : ''}`);
    }
  }
  out.push('');
  if (result.findings.length) out.push(c.bold('Findings'), '');
  out.push(tty([result], ctx).replace(/^No problems found in 1 file\.\n$/, 'No findings.\n'));
  return out.join('\n');
}

/** The JSON document of `ballast analyze` (documented in docs/json-analyze.md). */
export function analysisJson(a: ImageAnalysis, result: LintResult, ctx: FormatContext, checks?: readonly ThresholdCheck[]): string {
  const lint = jsonDocument([result], ctx) as { results: { findings: unknown[] }[] };
  const doc = {
    version: ANALYZE_JSON_VERSION,
    tool: { name: 'ballast', version: ctx.toolVersion },
    ...a,
    findings: lint.results[0]?.findings ?? [],
    ...(checks ? { thresholds: checks } : {}),
  };
  return JSON.stringify(doc, null, 2) + '\n';
}
