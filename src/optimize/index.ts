/**
 * `ballast optimize`: compose explained rewrites of a Dockerfile. Pure: it reads the parsed Dockerfile
 * and its build context (through `BuildContext`), never the network, the engine or `process`.
 *
 * The rewrites run in a fixed order on the text left by the previous one (each re-parses). Fine-grained
 * edits come from the fixes of the lint rules (apt-get-yes, apt-no-install-recommends, apt-lists-cleanup,
 * no-source-copy-before-install, prefer-cache-mount, pip-no-cache-dir), so the optimizer and `ballast lint`
 * agree on every edit; the multi-stage split, the apt update merge, the RUN merge and the `.dockerignore`
 * are composed here.
 */
import type { Edit, Finding } from '../core/diagnostic.js';
import { applyEdits, normalizeEdits } from '../core/fixer.js';
import { eol } from '../core/text.js';
import { isWholeContext, starterDockerignore } from '../rules/dockerfile/require-dockerignore.js';
import aptGetYes from '../rules/dockerfile/apt-get-yes.js';
import aptListsCleanup from '../rules/dockerfile/apt-lists-cleanup.js';
import aptNoInstallRecommends from '../rules/dockerfile/apt-no-install-recommends.js';
import noSourceCopyBeforeInstall from '../rules/dockerfile/no-source-copy-before-install.js';
import pipNoCacheDir from '../rules/dockerfile/pip-no-cache-dir.js';
import preferCacheMount from '../rules/dockerfile/prefer-cache-mount.js';
import type { DockerfileRule } from '../rules/rule.js';
import { DEFAULT_CONFIG } from '../engine/config.js';
import { lintSource } from '../engine/lint-dockerfile.js';
import { loadShellParser } from '../dockerfile/shell.js';
import { isAptUpdate } from '../dockerfile/package-queries.js';
import { detectInvocation, isWindowsStage } from '../dockerfile/optimize-queries.js';
import { DockerfileSource, type BuildContext } from '../dockerfile/source.js';
import type { Instruction } from '../dockerfile/nodes.js';
import { planSplit } from './multi-stage.js';
import { REWRITE_IDS, type OptimizeOptions, type OptimizeResult, type Rewrite, type RewriteApplicability, type RewriteId } from './types.js';

export * from './types.js';
export { planSplit } from './multi-stage.js';

interface StepResult {
  readonly after: string;
  readonly applicability: RewriteApplicability;
  readonly explanation: string;
  readonly notes?: readonly string[];
}

interface Step {
  readonly id: RewriteId;
  readonly title: string;
  run(source: DockerfileSource, enabled: ReadonlySet<RewriteId>, options: OptimizeOptions): StepResult | undefined;
}

/** Findings of one rule, with every option at its default. */
function findingsOf(source: DockerfileSource, rule: DockerfileRule): Finding[] {
  const config = { ...DEFAULT_CONFIG, preset: 'none' as const, rules: { [rule.meta.id]: { severity: rule.meta.severity } } };
  return lintSource(source, { rules: [rule], config }).findings.filter((f) => f.ruleId === rule.meta.id && f.fix);
}

/**
 * Apply a rule's fixes (whatever their applicability) until it has nothing more to fix, at most 5 passes;
 * `keep` filters the findings. Returns the new text.
 */
function applyRuleFixes(source: DockerfileSource, rules: readonly DockerfileRule[], keep: (f: Finding, s: DockerfileSource) => boolean = () => true): string {
  let src = source;
  for (let pass = 0; pass < 5; pass++) {
    const edits: Edit[] = [];
    for (const rule of rules) {
      for (const f of findingsOf(src, rule)) {
        if (!keep(f, src)) continue;
        const fe = f.fix!.edits;
        const trial = normalizeEdits([...edits, ...fe]);
        if (trial) edits.push(...fe);
      }
    }
    if (!edits.length) break;
    const next = applyEdits(src.text, edits);
    if (next === src.text) break;
    src = DockerfileSource.parse(src.path, next, src.context);
  }
  return src.text;
}

/** RUN instructions of the stages that are Linux (a Windows stage has no `RUN --mount`). */
function linux(source: DockerfileSource, ins: Instruction): boolean {
  return !isWindowsStage(source, source.stageOf(ins));
}

/** A RUN that is only `apt-get update` followed directly by a RUN that installs with apt: merge them. */
function mergeAptUpdates(source: DockerfileSource): string {
  const edits: Edit[] = [];
  const list = source.instructions;
  for (let k = 0; k + 1 < list.length; k++) {
    const a = list[k];
    const b = list[k + 1];
    if (a.keyword !== 'RUN' || b.keyword !== 'RUN' || a.stage !== b.stage || a.form !== 'shell' || b.form !== 'shell' || a.heredocs.length || b.heredocs.length) continue;
    const ca = source.commands(a);
    if (ca.length !== 1 || !isAptUpdate(ca[0]) || a.flags.length !== b.flags.length) continue;
    const first = source.commands(b)[0];
    const inv = first && detectInvocation(first);
    if (!inv || inv.manager !== 'apt' || inv.kind !== 'install') continue;
    if (/#/.test(source.text.slice(a.restSpan.end, b.span.start))) continue;
    const indent = ' '.repeat(Math.max(4, a.restSpan.start - a.span.start));
    const bFlags = b.flags.map((f) => f.raw).join(' ');
    const aFlags = a.flags.map((f) => f.raw).join(' ');
    if (aFlags !== bFlags) continue;
    edits.push({ span: { start: a.restSpan.end, end: b.restSpan.start }, text: ` && ${source.escape}${eol(source.text)}${indent}` });
    k++;
  }
  return edits.length ? applyEdits(source.text, edits) : source.text;
}

/** Consecutive RUNs (same flags, shell form, no heredocs, no comments) of which neither installs dependencies. */
function mergeRuns(source: DockerfileSource): { text: string; merged: number } {
  const edits: Edit[] = [];
  const list = source.instructions;
  const heavy = (ins: Instruction) => source.commands(ins).some((c) => {
    const i = detectInvocation(c);
    return !!i && (i.kind === 'install' || i.kind === 'update');
  });
  const simple = (ins: Instruction) =>
    ins.keyword === 'RUN' && ins.form === 'shell' && !ins.heredocs.length && !!ins.rest.text.trim() && !/#|&\s*$/.test(ins.rest.text) && !ins.comments.length && !heavy(ins);
  let merged = 0;
  for (let k = 0; k + 1 < list.length; k++) {
    const a = list[k];
    let j = k + 1;
    while (j < list.length && simple(a) && simple(list[j]) && list[j].stage === a.stage && list[j].flags.map((f) => f.raw).join(' ') === a.flags.map((f) => f.raw).join(' ')) {
      const prev = list[j - 1];
      const indent = ' '.repeat(Math.max(4, a.restSpan.start - a.span.start));
      edits.push({ span: { start: prev.restSpan.end, end: list[j].restSpan.start }, text: ` && ${source.escape}${eol(source.text)}${indent}` });
      merged++;
      j++;
    }
    k = j - 1;
  }
  return { text: edits.length ? applyEdits(source.text, edits) : source.text, merged };
}

/** npm lifecycle scripts that run during `npm install`/`npm ci` and may need the sources. */
function npmInstallScripts(ctx: BuildContext): string[] {
  const pkg = ctx.readFile('package.json');
  if (!pkg) return [];
  try {
    const scripts = (JSON.parse(pkg) as { scripts?: Record<string, string> }).scripts ?? {};
    return ['preinstall', 'install', 'postinstall', 'prepare'].filter((s) => s in scripts);
  } catch {
    return [];
  }
}

const STEPS: readonly Step[] = [
  {
    id: 'multi-stage',
    title: 'Split into a build stage and a runtime stage',
    run(source, _enabled, options) {
      const plan = planSplit(source, options);
      if (!plan) return undefined;
      return {
        after: plan.text,
        applicability: plan.applicability,
        explanation: `${plan.reasons.join(' ')} Effect: the image keeps only the runtime base, the runtime packages and the artifacts; rebuilds after a source change reuse the toolchain layers of the build stage. Safety: artifacts and packages are chosen by the rules above; the CMD, ENTRYPOINT, ENV, WORKDIR, USER and EXPOSE of the image stay the same (\`--verify\` checks it by building both).`,
        notes: plan.notes,
      };
    },
  },
  {
    id: 'apt-one-layer',
    title: 'apt: update and install in one RUN, -y, lists removed in the same layer',
    run(source, enabled) {
      let text = mergeAptUpdates(source);
      let src = text === source.text ? source : DockerfileSource.parse(source.path, text, source.context);
      const rules: DockerfileRule[] = [aptGetYes];
      if (!enabled.has('cache-mounts')) rules.push(aptListsCleanup);
      text = applyRuleFixes(src, rules);
      if (text === source.text) return undefined;
      src = DockerfileSource.parse(source.path, text, source.context);
      return {
        after: text,
        applicability: 'safe',
        explanation:
          'A RUN with `apt-get update` alone is cached forever: a later change to the install line installs from stale indexes. Running update and install in one RUN (with -y, as a build has no terminal) fixes that' +
          (enabled.has('cache-mounts') ? '; the package lists leave the layer through the apt cache mounts (see cache-mounts)' : ', and removing /var/lib/apt/lists/* in the same RUN keeps 20-50 MB of indexes out of the layer') +
          '. Safety: only an update RUN directly followed by an apt install RUN with the same flags is merged, joined with &&.',
      };
    },
  },
  {
    id: 'apt-no-recommends',
    title: 'apt: --no-install-recommends',
    run(source) {
      const text = applyRuleFixes(source, [aptNoInstallRecommends]);
      if (text === source.text) return undefined;
      return {
        after: text,
        applicability: 'unsafe',
        explanation:
          'apt-get install also installs every recommended package (for python3-pip that is a whole C toolchain, for npm dozens of node-* packages): often hundreds of MB nobody asked for. Safety: the application may rely on a recommended package (ca-certificates is the classic one); name such packages explicitly. `--verify` runs the application in both images.',
        notes: ['review: a recommended package the application needs must now be named explicitly'],
      };
    },
  },
  {
    id: 'manifests-first',
    title: 'Copy the dependency manifests and install before copying the sources',
    run(source) {
      const scripts = npmInstallScripts(source.context);
      const text = applyRuleFixes(source, [noSourceCopyBeforeInstall]);
      if (text === source.text) return undefined;
      return {
        after: text,
        applicability: scripts.length ? 'unsafe' : 'safe',
        explanation:
          '`COPY . .` before the dependency install makes every source edit rerun the install (the slowest step, a full download without a cache mount). Copying only the manifests that exist in the build context (package.json and lock, requirements*.txt, go.mod/go.sum, ...) and installing first keeps the install cached until they change. Safety: the install must not need the sources; npm lifecycle scripts are checked.',
        notes: scripts.length ? [`review: package.json has ${scripts.join(', ')} scripts, which run during the install without the sources`] : [],
      };
    },
  },
  {
    id: 'merge-runs',
    title: 'Merge consecutive RUNs',
    run(source) {
      const r = mergeRuns(source);
      if (!r.merged) return undefined;
      return {
        after: r.text,
        applicability: 'safe',
        explanation: `Each RUN adds a layer; ${r.merged} consecutive RUN${r.merged > 1 ? 's were' : ' was'} joined to the one before with &&, so a file created and deleted in them no longer persists in a lower layer. Caching is unchanged: RUNs that install dependencies are never merged with other steps (their layer should stay cached on its own), and the merged commands ran one after the other anyway. Safety: only shell-form RUNs with the same flags, without heredocs, comments or background jobs.`,
      };
    },
  },
  {
    id: 'cache-mounts',
    title: 'RUN --mount=type=cache for package managers, without the cleanups it makes pointless',
    run(source) {
      const mounted = applyRuleFixes(source, [preferCacheMount], (f, s) => {
        const loc = f.location;
        if (loc.kind !== 'source') return true;
        const ins = s.instructions.find((i) => i.span.start <= loc.span.start && loc.span.end <= i.span.end);
        return !ins || linux(s, ins);
      });
      // RUNs that could not take a mount still drop their apt lists in the same layer
      const src = DockerfileSource.parse(source.path, mounted, source.context);
      const text = applyRuleFixes(src, [aptListsCleanup]);
      if (text === source.text) return undefined;
      return {
        after: text,
        applicability: 'unsafe',
        explanation:
          'A cache mount keeps the package manager\'s downloads in the builder between builds and never in the image, so a rebuilt install layer fetches only what changed (apt, pip, npm, Go, Cargo, ...), and cleanups of those directories (`rm -rf /var/lib/apt/lists/*`, `--no-cache-dir`, `apt-get clean`) become pointless and are removed. No `# syntax=` line is added: the engine\'s built-in frontend runs `RUN --mount`, and a syntax line makes BuildKit pull its frontend from Docker Hub. Safety: needs BuildKit (the default builder since Docker 23; DOCKER_BUILDKIT=1 before); the cache lives in the builder only, so ephemeral CI runners gain little.',
        notes: ['official Debian/Ubuntu images delete downloaded .deb files (/etc/apt/apt.conf.d/docker-clean): the apt mounts then cache the package lists only'],
      };
    },
  },
  {
    id: 'pip-no-cache',
    title: 'pip: --no-cache-dir where no cache mount is used',
    run(source) {
      const text = applyRuleFixes(source, [pipNoCacheDir]);
      if (text === source.text) return undefined;
      return {
        after: text,
        applicability: 'safe',
        explanation: 'Without a cache mount, pip keeps every downloaded and built wheel under ~/.cache/pip in the layer. `--no-cache-dir` keeps them out. Safety: pip behaves the same otherwise.',
      };
    },
  },
];

function dockerignoreStep(source: DockerfileSource): { text: string; explanation: string } | undefined {
  const ctx = source.context;
  if (ctx.dir === undefined) return undefined;
  const name = ctx.dockerfileName;
  if (ctx.exists('.dockerignore') || (name && ctx.exists(`${name}.dockerignore`))) return undefined;
  const whole = source.instructions.some((i) => (i.keyword === 'COPY' || i.keyword === 'ADD') && !i.copy?.from && i.copy?.sources.some((s) => isWholeContext(s.value)));
  if (!whole) return undefined;
  const lines = starterDockerignore(source, ctx);
  return {
    text: `# Written by ballast optimize: files the image does not need.\n${lines.join('\n')}\n`,
    explanation:
      'The Dockerfile copies the whole build context and there is no .dockerignore: .git, local dependencies, build output and secrets such as .env would be sent to the builder, land in the image and break the cache of `COPY . .` whenever they change. Safety: no path a COPY/ADD names is excluded; review the list if the application reads any of these files at runtime.',
  };
}

/** Enabled rewrite ids from --only / --skip. */
export function enabledRewrites(options: OptimizeOptions): Set<RewriteId> {
  const on = new Set<RewriteId>(options.only?.length ? options.only : REWRITE_IDS);
  for (const s of options.skip ?? []) on.delete(s);
  return on;
}

/** Optimize a parsed Dockerfile. The shell parser must be loaded (see {@link optimizeText}). */
export function optimize(source: DockerfileSource, options: OptimizeOptions = {}): OptimizeResult {
  const enabled = enabledRewrites(options);
  const rewrites: Rewrite[] = [];
  let src = source;
  for (const step of STEPS) {
    if (!enabled.has(step.id)) continue;
    const r = step.run(src, enabled, options);
    if (!r || r.after === src.text) continue;
    rewrites.push({ id: step.id, title: step.title, explanation: r.explanation, applicability: r.applicability, file: 'Dockerfile', before: src.text, after: r.after, notes: r.notes ?? [] });
    if (r.applicability !== 'display-only') src = DockerfileSource.parse(source.path, r.after, source.context);
  }
  let dockerignore: string | undefined;
  if (enabled.has('dockerignore')) {
    const d = dockerignoreStep(src);
    if (d) {
      dockerignore = d.text;
      rewrites.push({ id: 'dockerignore', title: 'Write a .dockerignore', explanation: d.explanation, applicability: 'unsafe', file: '.dockerignore', before: '', after: d.text, notes: [] });
    }
  }
  return { rewrites, output: src.text, dockerignore };
}

/** Parse and optimize a Dockerfile's text. */
export async function optimizeText(path: string, text: string, options: OptimizeOptions = {}, context?: BuildContext): Promise<OptimizeResult> {
  await loadShellParser();
  return optimize(DockerfileSource.parse(path, text, context), options);
}
