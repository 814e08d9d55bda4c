/**
 * Linting for the action: find the Dockerfiles (globs or the whole workspace), resolve each one's
 * configuration as the CLI does (`config` input, else `.ballast.yaml`/`.hadolint.yaml` upward), lint.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import picomatch from 'picomatch';
import type { LintResult } from '../core/diagnostic.js';
import { atOrAbove, parseFailOn, type FailOn } from '../core/severity.js';
import { DEFAULT_CONFIG, type LintConfig } from '../engine/config.js';
import { lintText } from '../engine/lint-dockerfile.js';
import { fileContext } from '../cli/context.js';
import { rules } from '../rules/index.js';
import { findConfigFile } from '../cli/config-find.js';
import { loadConfigFile } from '../cli/config-file.js';
import { expandInputs } from '../cli/files.js';
import { InputError } from './runtime.js';

export interface LintRun {
  readonly results: LintResult[];
  /** The failure threshold that applies to each result (same order). */
  readonly failOns: FailOn[];
  /** Patterns that matched nothing, and unreadable files: reported as warnings. */
  readonly warnings: string[];
}

export interface LintInputs {
  readonly workspace: string;
  /** Globs, files or directories relative to the workspace; `!pattern` excludes. Empty: every Dockerfile. */
  readonly patterns: readonly string[];
}


export function parseFailOnInput(value: string | undefined): FailOn | undefined {
  if (!value) return undefined;
  const f = parseFailOn(value);
  if (!f) throw new InputError(`input "fail-on" must be one of info, warn, error, none (got "${value}")`);
  return f;
}

/** The configuration for a Dockerfile (or, for an image, for a directory): explicit file, else discovered. */
export class ConfigResolver {
  private readonly cache = new Map<string, LintConfig>();
  private readonly failOn: FailOn | undefined;

  constructor(
    private readonly workspace: string,
    private readonly explicit: string | undefined,
    failOn: string | undefined,
    private readonly env: Readonly<Record<string, string | undefined>>,
  ) {
    this.failOn = parseFailOnInput(failOn);
  }

  forDirectory(dir: string): LintConfig {
    let found: { file: string; kind?: 'ballast' | 'hadolint' } | undefined;
    if (this.explicit) {
      const file = resolve(this.workspace, this.explicit);
      if (!existsSync(file)) throw new InputError(`input "config": ${this.explicit}: configuration file not found`);
      found = { file };
    } else found = findConfigFile(dir, this.env);
    let config = DEFAULT_CONFIG;
    if (found) {
      config = this.cache.get(found.file) ?? loadConfigFile(found.file, rules, found.kind);
      this.cache.set(found.file, config);
    }
    return this.failOn ? { ...config, failOn: this.failOn } : config;
  }

  forFile(file: string): LintConfig {
    return this.forDirectory(dirname(file));
  }
}

async function findDockerfiles(workspace: string, patterns: readonly string[], warnings: string[]): Promise<string[]> {
  const include = patterns.filter((p) => !p.startsWith('!'));
  const exclude = patterns.filter((p) => p.startsWith('!')).map((p) => p.slice(1));
  let files: string[] = [];
  if (include.length === 0) files = await expandInputs([], workspace);
  else {
    const seen = new Set<string>();
    for (const p of include) {
      let found: string[];
      try {
        found = await expandInputs([p], workspace);
      } catch (e) {
        warnings.push(`dockerfiles: ${(e as Error).message}`);
        continue;
      }
      for (const f of found) {
        if (f === '-' || seen.has(f)) continue;
        seen.add(f);
        files.push(f);
      }
    }
  }
  if (exclude.length) {
    const isExcluded = picomatch(exclude, { dot: true });
    files = files.filter((f) => !isExcluded(relative(workspace, f).split('\\').join('/')));
  }
  return files;
}

export async function lintWorkspace(inputs: LintInputs, configs: ConfigResolver): Promise<LintRun> {
  const warnings: string[] = [];
  const files = await findDockerfiles(inputs.workspace, inputs.patterns, warnings);
  const results: LintResult[] = [];
  const failOns: FailOn[] = [];
  for (const file of files) {
    const config = configs.forFile(file);
    if (config.ignore.length && picomatch.isMatch(file, config.ignore as string[], { dot: true })) continue;
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      warnings.push(`${relative(inputs.workspace, file)}: cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      continue;
    }
    if (text.includes('\u0000')) {
      warnings.push(`${relative(inputs.workspace, file)}: looks like a binary file, not a Dockerfile`);
      continue;
    }
    results.push(await lintText(file, text, { rules, config, context: fileContext(file) }));
    failOns.push(config.failOn);
  }
  return { results, failOns, warnings };
}

export interface Counts {
  readonly findings: number;
  readonly errors: number;
  readonly warnings: number;
  readonly info: number;
  /** Findings at or above each file's failure threshold. */
  readonly failing: number;
  readonly filesWithFindings: number;
}

export function countFindings(run: Pick<LintRun, 'results' | 'failOns'>): Counts {
  let errors = 0;
  let warnings = 0;
  let info = 0;
  let failing = 0;
  run.results.forEach((r, k) => {
    for (const f of r.findings) {
      if (f.severity === 'error') errors++;
      else if (f.severity === 'warn') warnings++;
      else info++;
      if (atOrAbove(f.severity, run.failOns[k])) failing++;
    }
  });
  return { findings: errors + warnings + info, errors, warnings, info, failing, filesWithFindings: run.results.filter((r) => r.findings.length).length };
}

export { fileContext as fsContext };
