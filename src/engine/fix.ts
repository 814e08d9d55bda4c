import type { Applicability, Finding, LintResult } from '../core/diagnostic.js';
import { applyFixes } from '../core/apply-fixes.js';
import { loadShellParser } from '../dockerfile/shell.js';
import { DockerfileSource } from '../dockerfile/source.js';
import { lintSource, RuleError, type LintOptions } from './lint-dockerfile.js';

export const MAX_FIX_PASSES = 10;

export interface FixOutcome extends LintResult {
  readonly output: string;
  readonly fixesApplied: number;
  readonly appliedFindings: readonly Finding[];
}

function problemCount(text: string, path: string): number {
  return DockerfileSource.parse(path, text).problems.length;
}

/**
 * Apply allowed fixes until nothing changes (at most 10 passes). A pass whose output has more parse
 * problems than its input is dropped and reported as a rule error.
 */
export async function fixText(path: string, text: string, options: LintOptions, allow: ReadonlySet<Applicability>): Promise<FixOutcome> {
  await loadShellParser();
  let current = text;
  let applied: Finding[] = [];
  for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
    const result = lintSource(DockerfileSource.parse(path, current, options.context), options);
    const r = applyFixes(current, result.findings, allow);
    if (r.applied.length === 0 || r.output === current) break;
    if (problemCount(r.output, path) > problemCount(current, path)) {
      throw new RuleError(r.applied.map((f) => f.ruleId).join(','), 'a fix produced a Dockerfile that no longer parses');
    }
    applied = applied.concat(r.applied);
    current = r.output;
  }
  const final = lintSource(DockerfileSource.parse(path, current, options.context), options);
  // the findings are positions in the fixed text, so that is the source a report shows
  return { ...final, source: current, output: current, fixesApplied: applied.length, appliedFindings: applied };
}
