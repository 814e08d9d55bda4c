/**
 * The action's image part: analyse an image with the layers library and check dive's CI thresholds
 * from the configuration (`image.lowestEfficiency`, `image.highestWastedBytes`,
 * `image.highestUserWastedPercent`; -1 means disabled), with dive's semantics so existing `.dive-ci`
 * values carry over.
 */
import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { formatBytes, formatPercent } from '../core/bytes.js';
import { historyLine } from '../layers/history.js';
import type { ImageThresholds } from '../engine/config.js';
import { evaluateThresholds, type ThresholdCheck as SharedCheck } from '../engine/thresholds.js';
import type { AnalyzeOptions, ImageAnalysis } from '../layers/model.js';

export interface ThresholdCheck {
  readonly name: SharedCheck['name'];
  /** What was measured, in the unit of the limit (ratio or bytes). */
  readonly actual: number;
  readonly limit: number;
  readonly pass: boolean;
  /** A sentence for logs and summaries. */
  readonly message: string;
}

export interface ImageReport {
  readonly ref: string;
  readonly analysis: ImageAnalysis;
  readonly checks: readonly ThresholdCheck[];
  /** The Dockerfile the image was built from (workspace-relative), when given. */
  readonly dockerfile?: string;
}

export { formatBytes, formatPercent };

/** The enabled thresholds, checked as `ballast analyze --ci` checks them. */
export function checkThresholds(a: ImageAnalysis, t: ImageThresholds): ThresholdCheck[] {
  return evaluateThresholds(a, t)
    .filter((c) => c.status !== 'skip')
    .map((c) => ({ name: c.name, actual: c.actual ?? 0, limit: c.threshold ?? 0, pass: c.status === 'pass', message: c.message }));
}

export type Analyze = (ref: string, options: AnalyzeOptions) => Promise<ImageAnalysis>;

/** The layers library, loaded only when an image is analysed. */
export const defaultAnalyze: Analyze = async (ref, options) => (await import('../layers/index.js')).analyzeImage(ref, options);

/**
 * File-based references (`docker-archive:`, `oci-archive:`, `oci:`, or a bare path to an archive or
 * layout) are taken relative to the workspace, like every other path the action reads.
 */
export function resolveImageRef(ref: string, workspace: string): string {
  const m = /^(docker-archive|oci-archive|oci):(.+)$/.exec(ref);
  if (m) return isAbsolute(m[2]) ? ref : `${m[1]}:${resolve(workspace, m[2])}`;
  if (/^(docker|registry):/.test(ref) || ref.startsWith('docker://') || isAbsolute(ref)) return ref;
  if (/^\.\.?\//.test(ref) || ref.endsWith('.tar') || existsSync(resolve(workspace, ref))) return resolve(workspace, ref);
  return ref;
}

export async function analyzeForAction(ref: string, workspace: string, thresholds: ImageThresholds, analyze: Analyze, dockerfile?: string): Promise<ImageReport> {
  const analysis = await analyze(resolveImageRef(ref, workspace), { topN: 20 });
  return { ref, analysis, checks: checkThresholds(analysis, thresholds), dockerfile };
}

/** Plain-text report for the log. */
export function imageLog(r: ImageReport): string {
  const a = r.analysis;
  const lines = [
    `Image ${r.ref} (${a.platform}, ${a.layers.length} layers): ${formatBytes(a.totalBytes)}, final filesystem ${formatBytes(a.finalBytes)}, wasted ${formatBytes(a.wastedBytes)}, efficiency ${formatPercent(a.efficiency)}`,
  ];
  for (const l of a.layers) {
    lines.push(`  layer ${String(l.index).padStart(2)}  ${formatBytes(l.sizeBytes).padStart(9)}  wasted ${formatBytes(l.wastedBytes).padStart(9)}  ${oneLine(l.createdBy, 100)}`);
  }
  const s = a.savings;
  lines.push(`Now ${formatBytes(s.nowBytes)}, about ${formatBytes(s.possibleBytes)} possible (drop waste ${formatBytes(s.dropWasteBytes)}, caches ${formatBytes(s.dropCachesBytes)}, toolchain ${formatBytes(s.dropToolchainBytes)}).`);
  for (const c of r.checks) lines.push(`${c.pass ? 'pass' : 'FAIL'}: ${c.message}`);
  return `${lines.join('\n')}\n`;
}

/** A history line on one line, shortened (see layers/history). */
export const oneLine = historyLine;
