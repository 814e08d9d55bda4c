/**
 * The GitHub Action (action.yml): lint the repository's Dockerfiles, optionally analyse an image built
 * earlier in the job, and report through annotations, the full log report, a SARIF file, the job
 * summary, one pull-request comment and the step outputs. `runAction` returns the exit code; only
 * `main.ts` touches `process`.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import type { LintResult } from '../core/diagnostic.js';
import type { RuleMeta } from '../core/rule-meta.js';
import { DockerfileSource } from '../dockerfile/source.js';
import { analyzeImageFindings } from '../engine/analyze-image.js';
import { withThresholds } from '../engine/thresholds.js';
import { ruleDocsUrl } from '../core/links.js';
import type { FailOn } from '../core/severity.js';
import { readRuleDoc } from '../cli/docs.js';
import { TOOL_VERSION } from '../cli/version.js';
import { github } from '../formatters/github.js';
import { sarif } from '../formatters/sarif.js';
import { tty } from '../formatters/tty.js';
import type { FormatContext } from '../formatters/types.js';
import { rules } from '../rules/index.js';
import { pullRequestFromEvent, upsertComment } from './comment.js';
import { analyzeForAction, defaultAnalyze, formatBytes, imageLog, type ImageReport } from './image.js';
import { ConfigResolver, countFindings, lintWorkspace, parseFailOnInput } from './lint.js';
import { chars, COMMENT_BUDGET_CHARS, COMMENT_MARKER, renderMarkdown, SUMMARY_BUDGET_BYTES, utf8Bytes, type ReportData } from './markdown.js';
import { annotation, appendSummary, endGroup, getBooleanInput, getInput, getListInput, group, InputError, setOutputs, type ActionRuntime } from './runtime.js';

export interface ActionInputs {
  readonly dockerfiles: string[];
  readonly config: string;
  readonly failOn: string;
  readonly sarifFile: string;
  readonly annotate: boolean;
  readonly summary: boolean;
  readonly image: string;
  readonly dockerfileForImage: string;
  readonly comment: boolean;
  readonly githubToken: string;
}

export function readInputs(env: ActionRuntime['env']): ActionInputs {
  return {
    dockerfiles: getListInput(env, 'dockerfiles'),
    config: getInput(env, 'config'),
    failOn: getInput(env, 'fail-on'),
    sarifFile: getInput(env, 'sarif-file'),
    annotate: getBooleanInput(env, 'annotate', true),
    summary: getBooleanInput(env, 'summary', true),
    image: getInput(env, 'image'),
    dockerfileForImage: getInput(env, 'dockerfile-for-image'),
    comment: getBooleanInput(env, 'comment', false),
    githubToken: getInput(env, 'github-token') || env.GITHUB_TOKEN || '',
  };
}

function failOnLabel(failOns: readonly FailOn[], explicit: FailOn | undefined): string {
  if (explicit) return explicit;
  const set = [...new Set(failOns)];
  return set.length === 1 ? set[0] : set.length ? set.join('/') : 'warn';
}

export async function runAction(rt: ActionRuntime): Promise<number> {
  try {
    return await runInner(rt);
  } catch (e) {
    const message = e instanceof InputError ? e.message : (e as Error)?.message ?? String(e);
    rt.write(annotation('error', `ballast: ${message}`));
    return 1;
  }
}

async function runInner(rt: ActionRuntime): Promise<number> {
  const env = rt.env;
  const inputs = readInputs(env);
  const workspace = resolve(env.GITHUB_WORKSPACE || rt.cwd);
  const explicitFailOn = parseFailOnInput(inputs.failOn);
  const configs = new ConfigResolver(workspace, inputs.config || undefined, inputs.failOn || undefined, env);

  // 1. lint
  const lint = await lintWorkspace({ workspace, patterns: inputs.dockerfiles }, configs);
  for (const w of lint.warnings) rt.write(annotation('warning', `ballast: ${w}`));
  const counts = countFindings(lint);

  const metas = new Map<string, RuleMeta<any, string>>(rules.map((r) => [r.meta.id, r.meta]));
  const color = env.NO_COLOR === undefined || env.NO_COLOR === '';
  const ctx: FormatContext = { cwd: workspace, color, rules: metas, docsUrl: ruleDocsUrl, toolVersion: TOOL_VERSION, docsText: readRuleDoc };

  // the full report in the log: GitHub shows only 10 annotations of each level per step
  if (lint.results.length) rt.write(tty(lint.results, ctx));
  else if (!inputs.image) rt.write(annotation('warning', 'ballast: no Dockerfiles found to lint'));
  if (inputs.annotate && lint.results.length) {
    rt.write(group('ballast: annotations'));
    rt.write(github(lint.results, { ...ctx, color: false }));
    rt.write(endGroup);
  }

  // 2. image
  let image: ImageReport | undefined;
  let imageResult: LintResult | undefined;
  if (inputs.image) {
    const dockerfile = inputs.dockerfileForImage ? resolve(workspace, inputs.dockerfileForImage) : undefined;
    const thresholds = configs.forDirectory(dockerfile ? dirname(dockerfile) : workspace).image;
    rt.write(group(`ballast: analyze ${inputs.image}`));
    try {
      image = await analyzeForAction(inputs.image, workspace, thresholds, rt.analyzeImage ?? defaultAnalyze, dockerfile ? relative(workspace, dockerfile) : undefined);
    } finally {
      rt.write(endGroup);
    }
    rt.write(imageLog(image));
    for (const c of image.checks) if (!c.pass) rt.write(annotation('error', `ballast: image ${image.ref}: ${c.message}`));
    // the image rules; with the Dockerfile, findings land on the instruction that made each layer
    const config = configs.forDirectory(dockerfile ? dirname(dockerfile) : workspace);
    const source = dockerfile && existsSync(dockerfile) ? DockerfileSource.parse(dockerfile, readFileSync(dockerfile, 'utf8')) : undefined;
    imageResult = analyzeImageFindings(image.analysis, { rules, config: withThresholds(config, thresholds), dockerfile: source });
    if (imageResult.findings.length) {
      rt.write(tty([imageResult], ctx));
      if (inputs.annotate) {
        rt.write(group('ballast: image annotations'));
        rt.write(github([imageResult], { ...ctx, color: false }));
        rt.write(endGroup);
      }
    }
  }

  // 3. SARIF (Dockerfile and image findings)
  let sarifPath = '';
  if (inputs.sarifFile) {
    sarifPath = resolve(workspace, inputs.sarifFile);
    mkdirSync(dirname(sarifPath), { recursive: true });
    writeFileSync(sarifPath, sarif(imageResult ? [...lint.results, imageResult] : lint.results, { ...ctx, color: false }), 'utf8');
    rt.write(`ballast: SARIF written to ${relative(workspace, sarifPath) || sarifPath}\n`);
  }


  const thresholdFailures = image ? image.checks.filter((c) => !c.pass).length : 0;
  const failed = counts.failing > 0 || thresholdFailures > 0;
  const serverUrl = (env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/, '');
  const pr = pullRequestFromEvent(env);
  const sha = pr?.headSha ?? env.GITHUB_SHA;
  const data: ReportData = {
    results: lint.results,
    counts,
    failOnLabel: failOnLabel(lint.failOns, explicitFailOn),
    image,
    workspace,
    docsUrl: ruleDocsUrl,
    blobUrl: env.GITHUB_REPOSITORY && sha ? `${serverUrl}/${env.GITHUB_REPOSITORY}/blob/${sha}` : undefined,
    failed,
    notes: lint.warnings,
  };

  // 4. job summary
  if (inputs.summary) {
    const md = renderMarkdown(data, { budget: SUMMARY_BUDGET_BYTES, measure: utf8Bytes, collapseFindings: false });
    if (!appendSummary(rt, md)) rt.write('ballast: GITHUB_STEP_SUMMARY is not set; no job summary written\n');
  }

  // 5. pull-request comment
  if (inputs.comment) await comment(rt, inputs, data, pr, sha);

  // 6. outputs
  const a = image?.analysis;
  setOutputs(rt, {
    findings: String(counts.findings),
    errors: String(counts.errors),
    warnings: String(counts.warnings),
    'sarif-file': sarifPath,
    'image-size': a ? String(a.totalBytes) : '',
    'wasted-bytes': a ? String(a.wastedBytes) : '',
    efficiency: a ? a.efficiency.toFixed(4) : '',
  });

  if (counts.failing) rt.write(annotation('error', `ballast: ${counts.failing} finding${counts.failing === 1 ? '' : 's'} at or above the failure threshold (${data.failOnLabel})`));
  if (thresholdFailures) rt.write(annotation('error', `ballast: image ${image!.ref} crossed ${thresholdFailures} threshold${thresholdFailures === 1 ? '' : 's'} (${formatBytes(image!.analysis.totalBytes)})`));
  return failed ? 1 : 0;
}

async function comment(rt: ActionRuntime, inputs: ActionInputs, data: ReportData, pr: ReturnType<typeof pullRequestFromEvent>, sha: string | undefined): Promise<void> {
  if (!pr) {
    rt.write('ballast: not a pull-request event; no comment posted\n');
    return;
  }
  if (!inputs.githubToken) {
    rt.write(annotation('warning', 'ballast: comment is true but there is no github-token; no comment posted'));
    return;
  }
  const runUrl = rt.env.GITHUB_RUN_ID && rt.env.GITHUB_REPOSITORY ? `${(rt.env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/, '')}/${rt.env.GITHUB_REPOSITORY}/actions/runs/${rt.env.GITHUB_RUN_ID}` : undefined;
  const footer = `<sub>ballast ${TOOL_VERSION}${sha ? ` · ${sha.slice(0, 7)}` : ''}${runUrl ? ` · [run](${runUrl})` : ''} · this comment is updated in place on every push</sub>`;
  const body = renderMarkdown(data, { budget: COMMENT_BUDGET_CHARS, measure: chars, collapseFindings: true, prefix: `${COMMENT_MARKER}\n`, footer });
  try {
    const r = await upsertComment(pr, body, {
      apiUrl: rt.env.GITHUB_API_URL || 'https://api.github.com',
      token: inputs.githubToken,
      fetch: rt.fetch ?? globalThis.fetch,
    });
    rt.write(`ballast: pull-request comment ${r.action}${r.url ? `: ${r.url}` : ''}\n`);
  } catch (e) {
    // a read-only token (pull requests from forks) must not fail the lint
    rt.write(annotation('warning', `ballast: could not post the pull-request comment: ${(e as Error).message}`));
  }
}
