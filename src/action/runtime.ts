/**
 * The runner interface of the GitHub Action: everything the action touches outside itself. `main.ts`
 * gives the real one (process.env, stdout, global fetch); tests give a fake. Inputs, outputs and the
 * job summary follow the runner's file protocols (the same ones @actions/core implements).
 */
import { randomUUID } from 'node:crypto';
import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { escapeData } from '../formatters/github.js';
import type { AnalyzeOptions, ImageAnalysis } from '../layers/model.js';

export interface ActionRuntime {
  /** The step's environment: `INPUT_*`, `GITHUB_*`, `RUNNER_*`. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The process's working directory (used when GITHUB_WORKSPACE is not set). */
  readonly cwd: string;
  /** Write to the step's log (stdout): workflow commands and the report. */
  write(text: string): void;
  /** HTTP client for the GitHub API (the global fetch by default). */
  readonly fetch?: typeof globalThis.fetch;
  /** Image analysis (the layers library by default; tests may give a fake). */
  readonly analyzeImage?: (ref: string, options: AnalyzeOptions) => Promise<ImageAnalysis>;
}

/** A bad input value: the action fails with this message. */
export class InputError extends Error {}

/** The env name of an input: `INPUT_` + the name upper-cased, spaces as `_`; hyphens stay. */
export function inputEnvName(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

export function getInput(env: ActionRuntime['env'], name: string, fallback = ''): string {
  const v = env[inputEnvName(name)];
  return v === undefined ? fallback : v.trim();
}

/** YAML 1.2 core-schema booleans, as `core.getBooleanInput` accepts them; an empty value is the default. */
export function getBooleanInput(env: ActionRuntime['env'], name: string, fallback: boolean): boolean {
  const v = getInput(env, name);
  if (v === '') return fallback;
  if (['true', 'True', 'TRUE'].includes(v)) return true;
  if (['false', 'False', 'FALSE'].includes(v)) return false;
  throw new InputError(`input "${name}" must be true or false (got "${v}")`);
}

/** A list input: one item per line or comma-separated; blank items and `#` comment lines are dropped. */
export function getListInput(env: ActionRuntime['env'], name: string): string[] {
  return getInput(env, name)
    .split(/\r?\n/)
    .filter((line) => !/^\s*#/.test(line))
    .flatMap((line) => line.split(','))
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/**
 * Append `name<<DELIMITER\nvalue\nDELIMITER` to the file named by `$GITHUB_OUTPUT` (the form that
 * takes any value, multi-line included). The delimiter is random and checked against the value.
 */
export function formatOutput(name: string, value: string, delimiter = `ghadelimiter_${randomUUID()}`): string {
  if (name.includes(delimiter) || value.includes(delimiter)) throw new Error(`output "${name}": the value contains the delimiter`);
  return `${name}<<${delimiter}\n${value}\n${delimiter}\n`;
}

export function setOutputs(rt: ActionRuntime, outputs: Readonly<Record<string, string>>): void {
  const file = rt.env.GITHUB_OUTPUT;
  const text = Object.entries(outputs)
    .map(([k, v]) => formatOutput(k, v))
    .join('');
  if (file) appendFileSync(file, text, 'utf8');
  else rt.write(`ballast: GITHUB_OUTPUT is not set; outputs: ${JSON.stringify(outputs)}\n`);
}

/** Append Markdown to the job summary (`$GITHUB_STEP_SUMMARY`); false when the runner gives no summary file. */
export function appendSummary(rt: ActionRuntime, markdown: string): boolean {
  const file = rt.env.GITHUB_STEP_SUMMARY;
  if (!file) return false;
  mkdirSync(dirname(file), { recursive: true });
  appendFileSync(file, markdown, 'utf8');
  return true;
}

/** `::error::`/`::warning::`/`::notice::` without a file: a message of the run. */
export function annotation(level: 'error' | 'warning' | 'notice', message: string): string {
  return `::${level}::${escapeData(message)}\n`;
}

export function group(title: string): string {
  return `::group::${title.replace(/\r?\n/g, ' ')}\n`;
}

export const endGroup = '::endgroup::\n';
