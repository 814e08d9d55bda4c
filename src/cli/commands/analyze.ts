import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { ruleDocsUrl } from '../../core/links.js';
import type { RuleMeta } from '../../core/rule-meta.js';
import { atOrAbove, parseFailOn, type FailOn } from '../../core/severity.js';
import { DockerfileSource } from '../../dockerfile/source.js';
import { analyzeImageFindings } from '../../engine/analyze-image.js';
import { DEFAULT_CONFIG, type ImageThresholds, type LintConfig } from '../../engine/config.js';
import { analysisJson, analysisTty } from '../../formatters/analysis.js';
import { DIVE_DEFAULTS, evaluateThresholds, withThresholds } from '../../engine/thresholds.js';
import { loadFormatter, type FormatName } from '../../formatters/index.js';
import { rules } from '../../rules/index.js';
import { findConfigFile } from '../config-find.js';
import { resolveImageRef } from '../context.js';
import { UsageError, useColor, type Io } from '../io.js';
import { progressRenderer } from '../progress.js';
import { TOOL_VERSION } from '../version.js';
import { writeAtomic } from './lint.js';

export interface AnalyzeOptions {
  format: string;
  outputFile?: string;
  dockerfile?: string;
  platform?: string;
  ci?: boolean;
  ciConfig?: string;
  config?: string;
  failOn?: string;
  insecureRegistry: string[];
  color?: boolean;
  progress?: boolean;
}

const FORMATS = ['tty', 'json', 'sarif', 'github', 'checkstyle', 'gitlab', 'junit'];

async function loadConfig(opts: AnalyzeOptions, io: Io): Promise<LintConfig> {
  const { loadConfigFile } = await import('../config-file.js');
  if (opts.config) {
    const f = resolve(io.cwd, opts.config);
    if (!existsSync(f)) throw new UsageError(`${opts.config}: configuration file not found`);
    return loadConfigFile(f, rules);
  }
  const found = findConfigFile(opts.dockerfile ? dirname(resolve(io.cwd, opts.dockerfile)) : io.cwd, io.env);
  return found ? loadConfigFile(found.file, rules, found.kind) : DEFAULT_CONFIG;
}

/** Thresholds: .ballast.yaml `image:` (or --config), then a `.dive-ci` file, as dive reads it. */
async function thresholds(config: LintConfig, opts: AnalyzeOptions, io: Io): Promise<ImageThresholds> {
  const diveFile = opts.ciConfig ? resolve(io.cwd, opts.ciConfig) : resolve(io.cwd, '.dive-ci');
  if (opts.ciConfig && !existsSync(diveFile)) throw new UsageError(`${opts.ciConfig}: file not found`);
  const own = config.image;
  const hasOwn = Object.values(own).some((v) => v !== undefined);
  if (!hasOwn && existsSync(diveFile)) {
    const { loadDiveCi } = await import('../dive-ci.js');
    return { ...DIVE_DEFAULTS, ...loadDiveCi(diveFile) };
  }
  return { ...DIVE_DEFAULTS, ...own };
}


export async function analyzeCommand(refArg: string, opts: AnalyzeOptions, io: Io): Promise<number> {
  const ref = resolveImageRef(refArg, io.cwd);
  if (!FORMATS.includes(opts.format)) throw new UsageError(`unknown format "${opts.format}" (expected ${FORMATS.join(', ')})`);
  let failOn: FailOn = 'none';
  if (opts.failOn) {
    const f = parseFailOn(opts.failOn);
    if (!f) throw new UsageError(`--fail-on must be one of info, warn, error, none (got "${opts.failOn}")`);
    failOn = f;
  }
  const config = await loadConfig(opts, io);
  const limits = await thresholds(config, opts, io);
  let dockerfile: DockerfileSource | undefined;
  if (opts.dockerfile) {
    const path = resolve(io.cwd, opts.dockerfile);
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (e) {
      throw new UsageError(`${opts.dockerfile}: cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    dockerfile = DockerfileSource.parse(path, text);
  }

  const layers = await import('../../layers/index.js');
  const progress = progressRenderer(io.writeErr, opts.progress !== false && io.stderrIsTTY && !io.env.CI);
  let analysis;
  try {
    analysis = await layers.analyzeImage(ref, {
      platform: opts.platform,
      insecureRegistries: opts.insecureRegistry,
      onProgress: progress.onProgress,
    });
  } catch (e) {
    progress.done();
    if (layers.isImageSourceError(e)) throw new UsageError(e.message);
    throw e;
  }
  progress.done();

  // the thresholds are the options of no-wasted-space
  const ruleConfig = withThresholds(config, limits);
  const result = analyzeImageFindings(analysis, { rules, config: ruleConfig, dockerfile });
  const checks = opts.ci ? evaluateThresholds(analysis, limits) : undefined;

  const machine = opts.format !== 'tty';
  const ctx = {
    cwd: io.cwd,
    color: !machine && !opts.outputFile && useColor(opts.color, io.env, io.stdoutIsTTY),
    rules: new Map<string, RuleMeta<any, string>>(rules.map((r) => [r.meta.id, r.meta])),
    docsUrl: ruleDocsUrl,
    toolVersion: TOOL_VERSION,
    width: io.stdoutColumns,
    docsText: machine ? (await import('../docs.js')).readRuleDoc : undefined,
  };
  let report: string;
  if (opts.format === 'tty') report = analysisTty(analysis, result, ctx, checks);
  else if (opts.format === 'json') report = analysisJson(analysis, result, ctx, checks);
  else report = (await loadFormatter(opts.format as FormatName))([result], ctx);
  if (opts.outputFile) writeAtomic(resolve(io.cwd, opts.outputFile), report);
  else io.writeOut(report);

  if (checks?.some((k) => k.status === 'fail')) return 1;
  if (result.findings.some((f) => atOrAbove(f.severity, failOn))) return 1;
  return 0;
}
