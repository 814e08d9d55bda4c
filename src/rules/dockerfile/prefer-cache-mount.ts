import type { Edit } from '../../core/diagnostic.js';
import { addRunFlags, removeCommand, removeWord } from '../../dockerfile/edits.js';
import type { Instruction } from '../../dockerfile/nodes.js';
import {
  cacheDirs,
  cacheEnvOf,
  isWindowsStage,
  cacheMountFlag,
  detectInvocation,
  INVOCATION_PROGRAM_NAMES,
  isCacheCleanup,
  mountCovers,
  MANAGERS,
  removalRoot,
  resolvePathWord,
  type CacheDir,
  type CacheEnv,
  type Invocation,
  type PackageManager,
} from '../../dockerfile/optimize-queries.js';
import { findFlag, isProgram, positionals } from '../../dockerfile/shell-queries.js';
import type { Command, ShellWord } from '../../dockerfile/shell.js';
import type { DockerfileSource } from '../../dockerfile/source.js';
import { defineRule } from '../rule.js';

/** Managers whose build commands download dependencies (so `go build` counts like an install). */
const BUILD_FETCHES = new Set<PackageManager>(['go', 'cargo', 'maven', 'gradle', 'dotnet']);

/** Flags that turn a manager's cache off: pointless (and defeating) under a cache mount. */
const NO_CACHE_FLAGS: Partial<Record<PackageManager, string[]>> = {
  pip: ['no-cache-dir'],
  apk: ['no-cache'],
  composer: ['no-cache'],
  uv: ['no-cache'],
  poetry: ['no-cache'],
};

const APT_NOTE =
  ' Official Debian and Ubuntu images ship /etc/apt/apt.conf.d/docker-clean, which deletes downloaded .deb files after every install: delete it (and set `Binary::apt::APT::Keep-Downloaded-Packages "true";`) in an earlier RUN to cache packages as well as lists; mount the same caches in every apt RUN of the stage.';

function isInside(path: string, dir: string): boolean {
  const p = removalRoot(path);
  const d = dir.replace(/\/+$/, '');
  return p === d || p.startsWith(`${d}/`);
}

interface Cleanup {
  readonly at: ShellWord | Command;
  readonly edit: Edit | null;
  readonly what: string;
}

/** Cleanups in the RUN that a cache mount at `dirs` makes pointless: no-cache flags, cache-clean commands, `rm` inside the cache dirs. */
function pointlessCleanups(source: DockerfileSource, ins: Instruction, manager: PackageManager, dirs: readonly CacheDir[], env: CacheEnv): Cleanup[] {
  const out: Cleanup[] = [];
  const cmds = source.commands(ins);
  for (const c of cmds) {
    const i = detectInvocation(c);
    if (i?.manager === manager) {
      const flags = NO_CACHE_FLAGS[manager];
      if (flags && i.kind === 'install') {
        const f = findFlag(c, ...flags);
        if (f && /^--/.test(f.value) && !f.value.includes('=')) out.push({ at: f, edit: removeWord(source, f), what: f.value });
      }
      if (i.kind === 'clean' && isCacheCleanup(i)) out.push({ at: c, edit: removeCommand(source, ins, c), what: source.textOf(c.span) });
    }
    if (isProgram(c, 'rm')) {
      const pos = positionals(c);
      const inside = pos.filter((a) => {
        const p = resolvePathWord(a.raw, env);
        return p !== undefined && dirs.some((d) => isInside(p, d.path));
      });
      if (!inside.length) continue;
      if (inside.length === pos.length) out.push({ at: c, edit: removeCommand(source, ins, c), what: source.textOf(c.span) });
      else for (const a of inside) out.push({ at: a, edit: removeWord(source, a), what: `rm ${a.raw}` });
    }
  }
  return out;
}

/** The mount would hide state an earlier RUN left in the cache dir (apt lists, apk index). */
function mountHidesEarlierState(source: DockerfileSource, ins: Instruction, manager: PackageManager, first: Invocation): boolean {
  const cmds = source.commands(ins);
  const before = cmds.filter((c) => c.span.start <= first.command.span.start);
  if (manager === 'apt') return !before.some((c) => detectInvocation(c)?.kind === 'update' && detectInvocation(c)?.manager === 'apt');
  if (manager === 'apk') {
    if (findFlag(first.command, 'no-cache', 'update', 'U')) return false;
    return !before.some((c) => detectInvocation(c)?.manager === 'apk' && detectInvocation(c)?.kind === 'update');
  }
  return false;
}

export default defineRule({
  meta: {
    id: 'prefer-cache-mount',
    code: 'DF201',
    target: 'dockerfile',
    category: 'cache',
    description: 'Package installs should use a BuildKit cache mount so rebuilds reuse downloads.',
    recommended: true,
    severity: 'info',
    fixable: 'unsafe',
    messages: {
      noCacheMount:
        '{{manager}} re-downloads everything whenever this layer rebuilds ({{size}}). Mount a cache: `RUN {{mounts}} ...`; the cache stays in the builder, never in the image.{{note}}',
      defeated: '`{{what}}` empties the {{manager}} cache that this RUN mounts at {{dir}}, so the mount never helps. Remove it.',
    },
    onbuild: true,
    programs: INVOCATION_PROGRAM_NAMES,
  },
  create(ctx) {
    const source = ctx.source;
    return {
      RUN(ins) {
        if (isWindowsStage(source, source.stageOf(ins))) return;
        const cmds = source.commands(ins);
        const firsts = new Map<PackageManager, Invocation>();
        for (const c of cmds) {
          const i = detectInvocation(c);
          if (!i || firsts.has(i.manager)) continue;
          if (i.kind === 'install' || (i.kind === 'build' && BUILD_FETCHES.has(i.manager))) firsts.set(i.manager, i);
        }
        for (const [manager, first] of firsts) {
          const env = cacheEnvOf(source, ins, first.command);
          const dirs = cacheDirs(manager, env, first);
          const missing = dirs.filter((d) => !mountCovers(source, ins, d.path));
          const info = MANAGERS[manager];
          if (!missing.length) {
            for (const c of pointlessCleanups(source, ins, manager, dirs, env)) {
              ctx.report({
                at: c.at,
                messageId: 'defeated',
                data: { what: c.what, manager: info.label, dir: dirs.map((d) => d.path).join(', ') },
                fix: c.edit ? () => c.edit : undefined,
                fixTitle: `Remove \`${c.what}\``,
              });
            }
            continue;
          }
          const flags = missing.map((d) => cacheMountFlag(d, env));
          const nonRootUnknown = env.uid === undefined;
          let note = manager === 'apt' ? APT_NOTE : manager === 'apk' ? ' Link /etc/apk/cache to /var/cache/apk to cache packages as well as the index.' : '';
          if (nonRootUnknown) note += ` USER ${env.user} is not root: add \`uid=\`/\`gid=\` of that user to the mount so it can write.`;
          const hides = mountHidesEarlierState(source, ins, manager, first);
          if (hides) note += manager === 'apt' ? ' Run `apt-get update` in the same RUN: the mount hides lists from earlier layers.' : ' Update the index in the same RUN (`apk add --update`): the mount hides the index from earlier layers.';
          const fixable = !nonRootUnknown && !hides;
          ctx.report({
            at: first.command,
            messageId: 'noCacheMount',
            data: { manager: info.label, size: info.typicalSize, mounts: flags.join(' '), note },
            fixTitle: `Add a cache mount for ${info.label}`,
            fix: fixable
              ? () => {
                  const edits: Edit[] = [];
                  const flagEdit = addRunFlags(ins, flags, source);
                  if (flagEdit) edits.push(flagEdit);
                  for (const c of pointlessCleanups(source, ins, manager, dirs, env)) if (c.edit) edits.push(c.edit);
                  return dedupeNested(edits);
                }
              : undefined,
          });
        }
      },
    };
  },
});

/** Drop edits contained in another edit (a word inside a removed command). */
function dedupeNested(edits: Edit[]): Edit[] {
  return edits.filter((e, k) => !edits.some((o, j) => j !== k && o.span.start <= e.span.start && e.span.end <= o.span.end && o.span.end - o.span.start > e.span.end - e.span.start));
}
