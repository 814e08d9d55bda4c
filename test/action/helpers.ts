/** A simulated GitHub Actions runner for the action's entry function. */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { ActionRuntime } from '../../src/action/runtime.js';
import { runAction } from '../../src/action/run.js';

export interface Simulated {
  code: number;
  stdout: string;
  outputs: Record<string, string>;
  /** The raw $GITHUB_OUTPUT file. */
  outputFile: string;
  summary: string;
  workspace: string;
  runner: string;
}

export interface SimulateOptions {
  /** Files of the checked-out repository. */
  files?: Record<string, string>;
  /** Inputs by their action.yml name (`fail-on`), as the runner passes them (INPUT_FAIL-ON). */
  inputs?: Record<string, string>;
  /** The webhook payload written to GITHUB_EVENT_PATH. */
  event?: unknown;
  env?: Record<string, string>;
  fetch?: typeof globalThis.fetch;
  analyzeImage?: ActionRuntime['analyzeImage'];
  /** Reuse a workspace (second run of the same job). */
  workspace?: string;
}

export function workspaceWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'ballast-action-ws-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

/** Parse the `name<<DELIMITER` blocks of a $GITHUB_OUTPUT file (the runner's own parser). */
export function parseOutputFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line === '') continue;
    const m = /^([^=<]+)<<(.+)$/.exec(line);
    if (m) {
      const [, name, delim] = m;
      const value: string[] = [];
      i++;
      while (i < lines.length && lines[i] !== delim) value.push(lines[i++]);
      if (i >= lines.length) throw new Error(`unterminated output ${name}`);
      out[name] = value.join('\n');
      continue;
    }
    const eq = line.indexOf('=');
    if (eq < 0) throw new Error(`bad output line: ${line}`);
    out[line.slice(0, eq)] = line.slice(eq + 1);
  }
  return out;
}

export async function simulate(opts: SimulateOptions = {}): Promise<Simulated> {
  const workspace = opts.workspace ?? workspaceWith(opts.files ?? {});
  const runner = mkdtempSync(join(tmpdir(), 'ballast-action-runner-'));
  const outputFile = join(runner, 'output');
  const summaryFile = join(runner, 'summary.md');
  writeFileSync(outputFile, '');
  writeFileSync(summaryFile, '');
  const env: Record<string, string> = {
    HOME: '/nonexistent',
    NO_COLOR: '1',
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: workspace,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_REPOSITORY: 'octo/app',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
    GITHUB_RUN_ID: '42',
    RUNNER_TEMP: runner,
  };
  if (opts.event !== undefined) {
    const eventPath = join(runner, 'event.json');
    writeFileSync(eventPath, JSON.stringify(opts.event));
    env.GITHUB_EVENT_PATH = eventPath;
    env.GITHUB_EVENT_NAME = 'pull_request';
  }
  // the runner passes every input of action.yml, with its default when the workflow gives none
  const defaults: Record<string, string> = { dockerfiles: '', config: '', 'fail-on': '', 'sarif-file': '', annotate: 'true', summary: 'true', image: '', 'dockerfile-for-image': '', comment: 'false', 'github-token': 'ghs_test' };
  for (const [k, v] of Object.entries({ ...defaults, ...(opts.inputs ?? {}) })) env[`INPUT_${k.replace(/ /g, '_').toUpperCase()}`] = v;
  Object.assign(env, opts.env ?? {});
  let stdout = '';
  const code = await runAction({
    env,
    cwd: '/nonexistent-cwd',
    write: (t) => void (stdout += t),
    fetch: opts.fetch,
    analyzeImage: opts.analyzeImage,
  });
  const raw = readFileSync(outputFile, 'utf8');
  return { code, stdout, outputs: parseOutputFile(raw), outputFile: raw, summary: readFileSync(summaryFile, 'utf8'), workspace, runner };
}

export function pullRequestEvent(number = 7, headSha = 'feedfacefeedfacefeedfacefeedfacefeedface'): unknown {
  return {
    action: 'synchronize',
    number,
    pull_request: { number, head: { sha: headSha, ref: 'feature' }, base: { sha: '1111111111111111111111111111111111111111', ref: 'main' } },
    repository: { full_name: 'octo/app', name: 'app', owner: { login: 'octo' } },
  };
}

/** The workflow-command lines of a log. */
export function commands(stdout: string, level?: 'error' | 'warning' | 'notice'): string[] {
  return stdout.split('\n').filter((l) => (level ? l.startsWith(`::${level} `) || l.startsWith(`::${level}::`) : /^::(error|warning|notice)[ :]/.test(l)));
}
