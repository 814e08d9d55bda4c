import { appendCommand } from '../../dockerfile/edits.js';
import type { Instruction, Stage } from '../../dockerfile/nodes.js';
import {
  cacheDirs,
  cacheEnvOf,
  detectInvocation,
  isCacheCleanup,
  isWindowsStage,
  mountCovers,
  MANAGERS,
  removalCovers,
  resolvePathWord,
  shippedStages,
  type CacheDir,
  type CacheEnv,
  type Invocation,
  type PackageManager,
} from '../../dockerfile/optimize-queries.js';
import { findFlag, isProgram, positionals } from '../../dockerfile/shell-queries.js';
import type { Command } from '../../dockerfile/shell.js';
import type { DockerfileSource } from '../../dockerfile/source.js';
import { defineRule } from '../rule.js';

/**
 * Managers this rule covers. pip (pip-no-cache-dir), apk (apk-no-cache), apt lists
 * (apt-lists-cleanup), yum (yum-clean-all), dnf/microdnf (dnf-clean-all), zypper (zypper-clean) and
 * Yarn (yarn-cache-clean) have their own rules; apt is covered here only for downloaded archives.
 */
const COVERED = new Set<PackageManager>(['apt', 'uv', 'poetry', 'pipenv', 'npm', 'pnpm', 'go', 'cargo', 'maven', 'gradle', 'bundler', 'gem', 'composer', 'dotnet']);
/** Build commands that fill the cache like an install does. */
const BUILD_FILLS = new Set<PackageManager>(['go', 'cargo', 'maven', 'gradle', 'dotnet']);
/** `--no-cache` style flags that keep the cache out of the layer. */
const NO_CACHE: Partial<Record<PackageManager, string[]>> = { composer: ['no-cache'], bundler: ['no-cache'], uv: ['no-cache'], poetry: ['no-cache'] };
const NO_CACHE_ENV: Partial<Record<PackageManager, string>> = { uv: 'UV_NO_CACHE', composer: 'COMPOSER_NO_CACHE' };

const DOCKER_CLEAN = '/etc/apt/apt.conf.d/docker-clean';

/** Whether a command turns off docker-clean (official images delete downloaded .deb files after every install). */
function disablesDockerClean(c: Command): boolean {
  return (isProgram(c, 'rm') && positionals(c).some((a) => a.value === DOCKER_CLEAN)) || c.args.some((a) => /Keep-Downloaded-Packages/.test(a.value) && /true/.test(a.value));
}

/** Per file: the index of each stage's first RUN that turns off docker-clean (-1: none). */
const firstDisablers = new WeakMap<DockerfileSource, Map<number, number>>();

function firstDisabler(source: DockerfileSource, stage: Stage): number {
  let byStage = firstDisablers.get(source);
  if (!byStage) firstDisablers.set(source, (byStage = new Map()));
  let at = byStage.get(stage.index);
  if (at === undefined) {
    at = stage.instructions.find((i) => i.keyword === 'RUN' && source.commands(i).some(disablesDockerClean))?.index ?? -1;
    byStage.set(stage.index, at);
  }
  return at;
}

/** apt keeps downloaded .deb files only once docker-clean is disabled, earlier in the stage or its bases. */
function aptKeepsArchives(source: DockerfileSource, ins: Instruction, cmd: Command): boolean {
  if (cmd.args.some((a) => /Keep-Downloaded-Packages=(true|1|yes)/i.test(a.value))) return true;
  const stage = source.stageOf(ins);
  if (!stage) return false;
  const top = ins.parent ?? ins;
  // base stages: anywhere in them
  if (source.stageChain(stage).some((s) => s !== stage && firstDisabler(source, s) >= 0)) return true;
  // this stage: in an earlier RUN, or earlier in this one
  const first = firstDisabler(source, stage);
  if (first < 0 || first > top.index) return false;
  if (first < top.index) return true;
  for (const c of source.commands(top)) {
    if (c.span.start > cmd.span.start) break;
    if (disablesDockerClean(c)) return true;
  }
  return false;
}

function cleaned(source: DockerfileSource, ins: Instruction, manager: PackageManager, dir: CacheDir, env: CacheEnv): boolean {
  if (mountCovers(source, ins, dir.path)) return true;
  for (const c of source.commands(ins)) {
    const i = detectInvocation(c);
    if (i?.manager === manager && isCacheCleanup(i)) return true;
    if (isProgram(c, 'rm')) {
      for (const a of positionals(c)) {
        const p = resolvePathWord(a.raw, env);
        if (p !== undefined && removalCovers(p, dir.path)) return true;
      }
    }
  }
  return false;
}

function keepsNoCache(inv: Invocation, env: CacheEnv): boolean {
  const flags = NO_CACHE[inv.manager];
  if (flags && findFlag(inv.command, ...flags)) return true;
  const v = NO_CACHE_ENV[inv.manager];
  return !!v && /^(1|true|yes|on)$/i.test(env.get(v) ?? '');
}

export default defineRule({
  meta: {
    id: 'no-package-cache-in-layer',
    code: 'DF305',
    target: 'dockerfile',
    category: 'size',
    description: 'Package-manager caches left in a layer of the final image waste space; clean them in the same RUN.',
    recommended: true,
    severity: 'warn',
    fixable: 'unsafe',
    messages: {
      cacheLeft:
        '{{manager}} leaves its cache ({{dirs}}) in this layer of the final image; {{size}}. Append `{{cleanup}}` to this RUN, or mount a cache there.',
      aptArchives:
        'apt keeps the downloaded .deb files in /var/cache/apt/archives because docker-clean is disabled; they are as large as the packages. Append `apt-get clean` to this RUN, or mount a cache at /var/cache/apt.',
    },
    onbuild: true,
    programs: ['apt-get', 'apt', 'uv', 'poetry', 'pipenv', 'npm', 'pnpm', 'go', 'cargo', 'mvn', 'mvnw', 'gradle', 'gradlew', 'bundle', 'bundler', 'gem', 'composer', 'composer.phar', 'dotnet'],
  },
  create(ctx) {
    const source = ctx.source;
    const shipped = shippedStages(source);
    return {
      RUN(ins) {
        const stage = source.stageOf(ins);
        if (!stage || !shipped.has(stage.index) || isWindowsStage(source, stage)) return;
        const firsts = new Map<PackageManager, Invocation>();
        for (const c of source.commands(ins)) {
          const i = detectInvocation(c);
          if (!i || !COVERED.has(i.manager) || firsts.has(i.manager)) continue;
          if (i.kind === 'install' || (i.kind === 'build' && BUILD_FILLS.has(i.manager))) firsts.set(i.manager, i);
        }
        for (const [manager, first] of firsts) {
          const env = cacheEnvOf(source, ins, first.command);
          if (keepsNoCache(first, env)) continue;
          const info = MANAGERS[manager];
          if (manager === 'apt') {
            if (!aptKeepsArchives(source, ins, first.command)) continue;
            const dir: CacheDir = { path: '/var/cache/apt/archives' };
            if (cleaned(source, ins, manager, dir, env)) continue;
            const edit = appendCommand(source, ins, 'apt-get clean');
            ctx.report({ at: first.command, messageId: 'aptArchives', fixTitle: 'Append `apt-get clean`', fix: edit ? () => edit : undefined });
            continue;
          }
          const dirs = cacheDirs(manager, env, first).filter((d) => !cleaned(source, ins, manager, d, env));
          if (!dirs.length) continue;
          const cleanup = info.cleanup ?? `rm -rf ${dirs.map((d) => d.path).join(' ')}`;
          const edit = appendCommand(source, ins, cleanup);
          ctx.report({
            at: first.command,
            messageId: 'cacheLeft',
            data: { manager: info.label, dirs: dirs.map((d) => d.path).join(', '), size: info.typicalSize, cleanup },
            fixTitle: `Append \`${cleanup}\``,
            fix: edit ? () => edit : undefined,
          });
        }
      },
    };
  },
});
