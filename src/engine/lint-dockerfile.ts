import type { Applicability, Edit, Finding, Fix, LintResult, Location, Span } from '../core/diagnostic.js';
import { fixer, normalizeEdits } from '../core/fixer.js';
import { compareText } from '../core/text.js';
import { interpolate } from '../core/messages.js';
import { withinApplicability } from '../core/rule-meta.js';
import type { Instruction, Stage } from '../dockerfile/nodes.js';
import { packageCommands } from '../dockerfile/package-queries.js';
import { readPragmas, suppresses } from '../dockerfile/pragmas.js';
import { loadShellParser } from '../dockerfile/shell.js';
import { DockerfileSource, type BuildContext } from '../dockerfile/source.js';
import type { DockerfileRule, DockerfileVisitor, FixFn, Report, Rule } from '../rules/rule.js';
import { DEFAULT_CONFIG, enabledRules, findingSeverity, type LintConfig } from './config.js';

export interface LintOptions {
  readonly config?: LintConfig;
  readonly rules: readonly Rule[];
  readonly context?: BuildContext;
}

/** Thrown when a rule misbehaves (a bug in ballast, reported as exit code 2). */
export class RuleError extends Error {
  constructor(
    readonly ruleId: string,
    message: string,
  ) {
    super(`rule ${ruleId}: ${message}`);
  }
}

export const SYNTAX_RULE_ID = 'syntax-error';

function toLocation(source: DockerfileSource, span: Span): Location {
  return { kind: 'source', file: source.path, span, start: source.position(span.start), end: source.position(span.end) };
}

function spanOf(at: Report<string>['at']): Span {
  return 'span' in at ? at.span : at;
}

function buildFix(ruleId: string, fn: FixFn, applicability: Applicability, title: string): Fix | undefined {
  const r = fn(fixer);
  if (!r) return undefined;
  const edits: Edit[] = Array.isArray(r) ? [...(r as Edit[])] : [r as Edit];
  if (!normalizeEdits(edits)) throw new RuleError(ruleId, 'fix has overlapping edits');
  return { title, applicability, edits };
}

const dockerfileRuleLists = new WeakMap<readonly Rule[], readonly DockerfileRule[]>();

function dockerfileRules(all: readonly Rule[]): readonly DockerfileRule[] {
  let list = dockerfileRuleLists.get(all);
  if (!list) {
    list = all.filter((r): r is DockerfileRule => r.meta.target === 'dockerfile');
    dockerfileRuleLists.set(all, list);
  }
  return list;
}

/** Whether a RUN running `present` programs can concern a rule (see `RuleMeta.programs`). */
type ProgramTest = (present: ReadonlySet<string>) => boolean;

const programTests = new WeakMap<readonly (string | RegExp)[], ProgramTest>();

function programTest(programs: readonly (string | RegExp)[]): ProgramTest {
  let t = programTests.get(programs);
  if (!t) {
    const names = programs.filter((p): p is string => typeof p === 'string');
    const patterns = programs.filter((p): p is RegExp => typeof p !== 'string');
    t = (present) => {
      for (const n of names) if (present.has(n)) return true;
      for (const re of patterns) for (const p of present) if (re.test(p)) return true;
      return false;
    };
    programTests.set(programs, t);
  }
  return t;
}

/** The programs a RUN runs: each command's program as written and as run through wrappers (`sudo`, `env`...). */
function programsIn(source: DockerfileSource, ins: Instruction): ReadonlySet<string> {
  const out = new Set<string>();
  for (const c of source.commands(ins)) out.add(c.program);
  for (const c of packageCommands(source, ins)) out.add(c.program);
  return out;
}

/** Lint a parsed Dockerfile. The shell parser must be loaded (see {@link lintText}). */
export function lintSource(source: DockerfileSource, options: LintOptions): LintResult {
  const config = options.config ?? DEFAULT_CONFIG;
  const enabled = enabledRules(dockerfileRules(options.rules), config);
  const findings: Finding[] = [];

  const report = (rule: DockerfileRule, severity: Finding['severity'], r: Report<string>) => {
    const meta = rule.meta;
    const template = meta.messages[r.messageId];
    if (template === undefined) throw new RuleError(meta.id, `unknown messageId ${r.messageId}`);
    const message = interpolate(template, r.data);
    const aliases = r.aliases ?? meta.aliases ?? [];
    const sev = findingSeverity(config, rule, aliases, r.severity ?? severity);
    if (sev === 'off') return;
    let fix: Fix | undefined;
    if (r.fix) {
      const applicability = r.applicability ?? meta.fixable;
      if (!applicability || !withinApplicability(applicability, meta.fixable)) {
        throw new RuleError(meta.id, `fix (${applicability ?? 'none'}) is stronger than meta.fixable (${meta.fixable ?? 'none'})`);
      }
      fix = buildFix(meta.id, r.fix, applicability, r.fixTitle ?? message);
    }
    let suggestions: Fix[] | undefined;
    if (r.suggest?.length) {
      if (!meta.hasSuggestions) throw new RuleError(meta.id, 'suggestions without meta.hasSuggestions');
      suggestions = r.suggest.map((s) => buildFix(meta.id, s.fix, s.applicability ?? 'display-only', s.title)).filter((f): f is Fix => !!f);
    }
    findings.push({
      ruleId: meta.id,
      code: meta.code,
      aliases,
      severity: sev,
      message,
      messageId: r.messageId,
      location: toLocation(source, spanOf(r.at)),
      related: r.related?.map((x) => ({ location: toLocation(source, spanOf(x.at)), message: x.message })),
      fix,
      suggestions,
      facts: r.facts,
    });
  };

  // returned rather than bound to a name, so transpilers that keep function names add no work per rule and file
  const reporter = (rule: DockerfileRule, severity: Finding['severity']) => (r: Report<string>) => report(rule, severity, r);
  const visitors: { rule: DockerfileRule; v: DockerfileVisitor }[] = [];
  for (const e of enabled) {
    const rule = e.rule as DockerfileRule;
    if (rule.meta.id === SYNTAX_RULE_ID) continue;
    const v = rule.create({
      options: e.options,
      source,
      settings: config.settings,
      report: reporter(rule, e.severity),
    });
    visitors.push({ rule, v });
  }

  const syntax = enabled.find((e) => e.rule.meta.id === SYNTAX_RULE_ID);
  if (syntax) {
    for (const p of source.problems) {
      report(syntax.rule as DockerfileRule, syntax.severity, { at: p.span, messageId: 'syntax', data: { message: p.message } });
    }
  }

  // handlers grouped by keyword once, so the walk does no lookups and allocates nothing per call
  type Handler = { rule: DockerfileRule; fn: (x: never) => void; programs?: ProgramTest };
  const byKeyword = new Map<string, Handler[]>();
  const onbuildByKeyword = new Map<string, Handler[]>();
  const every: Handler[] = [];
  const everyOnbuild: Handler[] = [];
  const stageHooks: Handler[] = [];
  const stageExitHooks: Handler[] = [];
  const fileExitHooks: Handler[] = [];
  for (const { rule, v } of visitors) {
    // `for...in` over the visitor's own keys: no entry arrays per rule and file
    for (const key in v) {
      const fn = (v as Record<string, unknown>)[key];
      if (typeof fn !== 'function' || !Object.hasOwn(v, key)) continue;
      const programs = key === 'RUN' && rule.meta.programs ? programTest(rule.meta.programs) : undefined;
      const h: Handler = { rule, fn: fn as (x: never) => void, programs };
      if (key === 'stage') stageHooks.push(h);
      else if (key === 'stageExit') stageExitHooks.push(h);
      else if (key === 'fileExit') fileExitHooks.push(h);
      else if (key === 'instruction') {
        every.push(h);
        if (rule.meta.onbuild) everyOnbuild.push(h);
      } else {
        const list = byKeyword.get(key) ?? [];
        list.push(h);
        byKeyword.set(key, list);
        if (rule.meta.onbuild) {
          const ol = onbuildByKeyword.get(key) ?? [];
          ol.push(h);
          onbuildByKeyword.set(key, ol);
        }
      }
    }
  }

  let running: DockerfileRule | undefined;
  const run = (hs: readonly Handler[] | undefined, arg: unknown) => {
    if (!hs) return;
    for (const h of hs) {
      running = h.rule;
      (h.fn as (a: unknown) => void)(arg);
    }
  };
  // RUN handlers of rules that name their programs: only for RUNs that run one (the set built on first need)
  const runRun = (hs: readonly Handler[] | undefined, ins: Instruction) => {
    if (!hs) return;
    let present: ReadonlySet<string> | undefined;
    for (const h of hs) {
      running = h.rule;
      if (h.programs && !h.programs((present ??= programsIn(source, ins)))) continue;
      (h.fn as (a: unknown) => void)(ins);
    }
  };
  try {
    let current: Stage | undefined;
    for (const ins of source.instructions) {
      if (ins.keyword === 'FROM') {
        if (current) run(stageExitHooks, current);
        current = source.stages[ins.stage];
        run(stageHooks, current);
      }
      run(every, ins);
      if (ins.keyword === 'RUN') runRun(byKeyword.get('RUN'), ins);
      else run(byKeyword.get(ins.keyword), ins);
      if (ins.trigger) {
        run(everyOnbuild, ins.trigger);
        if (ins.trigger.keyword === 'RUN') runRun(onbuildByKeyword.get('RUN'), ins.trigger);
        else run(onbuildByKeyword.get(ins.trigger.keyword), ins.trigger);
      }
    }
    if (current) run(stageExitHooks, current);
    run(fileExitHooks, undefined);
  } catch (e) {
    if (e instanceof RuleError) throw e;
    throw new RuleError(running?.meta.id ?? 'unknown', e instanceof Error ? (e.stack ?? e.message) : String(e));
  }

  // suppressions
  let suppressed = 0;
  let kept = findings;
  if (!config.disableIgnorePragma) {
    const pragmas = readPragmas(source.comments, source.directives, source.instructions, source.text);
    if (pragmas.suppressions.length) kept = findings.filter((f) => {
      if (f.ruleId === SYNTAX_RULE_ID) return true;
      const keys = [f.ruleId, f.code, ...f.aliases].map((k) => k.toLowerCase());
      const at = f.location.kind === 'source' ? f.location.span.start : 0;
      if (pragmas.suppressions.some((s) => suppresses(s, keys, at))) {
        suppressed++;
        return false;
      }
      return true;
    });
    if (pragmas.buildkitError) {
      kept = kept.map((f) => (f.aliases.some((a) => /^[A-Z][a-z]/.test(a)) ? { ...f, severity: 'error' } : f));
    }
  }
  kept.sort(compareFindings);
  return { subject: { kind: 'file', path: source.path }, findings: kept, suppressed, source: source.text };
}

export function compareFindings(a: Finding, b: Finding): number {
  const la = a.location;
  const lb = b.location;
  if (la.kind === 'source' && lb.kind === 'source') {
    return la.start.line - lb.start.line || la.start.column - lb.start.column || compareText(a.ruleId, b.ruleId);
  }
  return compareText(a.ruleId, b.ruleId);
}

/** Parse and lint Dockerfile text. */
export async function lintText(path: string, text: string, options: LintOptions): Promise<LintResult> {
  const source = DockerfileSource.parse(path, text, options.context);
  // only RUN has a shell to parse: a file without one never loads the grammar
  if (source.instructions.some((i) => i.keyword === 'RUN' || i.trigger?.keyword === 'RUN')) await loadShellParser();
  return lintSource(source, options);
}
