/**
 * Knowledge about package managers and build toolchains, shared by the cache/size rules and the
 * `ballast optimize` rewrites:
 *
 * - {@link detectInvocation}: which package manager / build tool a shell command runs, and whether it
 *   installs dependencies, builds, or cleans.
 * - {@link cacheDirs}: where that tool keeps its download/build cache, resolved against the stage's
 *   `USER`, `HOME` and the tool's own environment variables (`PIP_CACHE_DIR`, `GOMODCACHE`, ...).
 * - {@link MANIFESTS} / {@link manifestsFor}: the dependency manifests to copy before the sources.
 * - {@link detectToolchain}: compilers and SDKs a stage installs or is based on, and build commands.
 *
 * Everything here is pure: it reads the parsed Dockerfile and never touches the network.
 */
import type { Instruction, Stage } from './nodes.js';
import type { Command, ShellWord } from './shell.js';
import { shellProgram } from './package-queries.js';
import { findFlag, hasCacheMount, isProgram, mountsOf, positionals } from './shell-queries.js';
import type { BuildContext, DockerfileSource } from './source.js';

// ---------------------------------------------------------------------------------------------
// Package managers

export type PackageManager =
  | 'apt'
  | 'apk'
  | 'dnf'
  | 'yum'
  | 'microdnf'
  | 'zypper'
  | 'pip'
  | 'uv'
  | 'poetry'
  | 'pipenv'
  | 'npm'
  | 'yarn'
  | 'pnpm'
  | 'go'
  | 'cargo'
  | 'maven'
  | 'gradle'
  | 'bundler'
  | 'gem'
  | 'composer'
  | 'dotnet';

export type Ecosystem = 'deb' | 'alpine' | 'rpm' | 'suse' | 'python' | 'node' | 'go' | 'rust' | 'java' | 'ruby' | 'php' | 'dotnet';

/** What an invocation does: fetch/install dependencies, compile, or clean a cache. */
export type InvocationKind = 'install' | 'update' | 'build' | 'clean';

export interface Invocation {
  readonly manager: PackageManager;
  readonly kind: InvocationKind;
  readonly command: Command;
  /** The word naming the action (`install`, `ci`, `build`, ...), when there is one. */
  readonly verb?: ShellWord;
}

export interface ManagerInfo {
  readonly id: PackageManager;
  /** Name shown in messages. */
  readonly label: string;
  readonly ecosystem: Ecosystem;
  /** The command that empties the cache, for appending to a RUN (absent: remove the cache dirs). */
  readonly cleanup?: string;
  /** Typical size of what the cache leaves in a layer, for messages. */
  readonly typicalSize: string;
}

export const MANAGERS: Readonly<Record<PackageManager, ManagerInfo>> = {
  apt: { id: 'apt', label: 'apt', ecosystem: 'deb', cleanup: 'apt-get clean', typicalSize: 'apt lists are typically 20-50 MB, downloaded .deb files as large as the packages' },
  apk: { id: 'apk', label: 'apk', ecosystem: 'alpine', typicalSize: 'the apk index is typically 2-5 MB' },
  dnf: { id: 'dnf', label: 'dnf', ecosystem: 'rpm', cleanup: 'dnf clean all', typicalSize: 'dnf metadata is typically 50-200 MB' },
  yum: { id: 'yum', label: 'yum', ecosystem: 'rpm', cleanup: 'yum clean all', typicalSize: 'yum metadata is typically 50-200 MB' },
  microdnf: { id: 'microdnf', label: 'microdnf', ecosystem: 'rpm', cleanup: 'microdnf clean all', typicalSize: 'microdnf metadata is typically 20-100 MB' },
  zypper: { id: 'zypper', label: 'zypper', ecosystem: 'suse', cleanup: 'zypper clean --all', typicalSize: 'zypper caches are typically 20-100 MB' },
  pip: { id: 'pip', label: 'pip', ecosystem: 'python', cleanup: 'pip cache purge', typicalSize: 'the pip cache is typically tens to hundreds of MB' },
  uv: { id: 'uv', label: 'uv', ecosystem: 'python', cleanup: 'uv cache clean', typicalSize: 'the uv cache is typically tens to hundreds of MB' },
  poetry: { id: 'poetry', label: 'Poetry', ecosystem: 'python', typicalSize: 'the Poetry cache is typically tens to hundreds of MB' },
  pipenv: { id: 'pipenv', label: 'Pipenv', ecosystem: 'python', typicalSize: 'the Pipenv cache is typically tens to hundreds of MB' },
  npm: { id: 'npm', label: 'npm', ecosystem: 'node', cleanup: 'npm cache clean --force', typicalSize: 'the npm cache is typically as large as node_modules, tens to hundreds of MB' },
  yarn: { id: 'yarn', label: 'Yarn', ecosystem: 'node', cleanup: 'yarn cache clean', typicalSize: 'the Yarn cache is typically as large as node_modules, tens to hundreds of MB' },
  pnpm: { id: 'pnpm', label: 'pnpm', ecosystem: 'node', typicalSize: 'the pnpm store holds every dependency, tens to hundreds of MB' },
  go: { id: 'go', label: 'Go', ecosystem: 'go', cleanup: 'go clean -cache -modcache', typicalSize: 'the Go module and build caches are typically 100 MB-1 GB' },
  cargo: { id: 'cargo', label: 'Cargo', ecosystem: 'rust', typicalSize: 'the Cargo registry is typically 100 MB-1 GB' },
  maven: { id: 'maven', label: 'Maven', ecosystem: 'java', typicalSize: 'the Maven repository is typically 100 MB-1 GB' },
  gradle: { id: 'gradle', label: 'Gradle', ecosystem: 'java', typicalSize: 'the Gradle caches are typically 200 MB-1 GB' },
  bundler: { id: 'bundler', label: 'Bundler', ecosystem: 'ruby', typicalSize: 'cached .gem files are typically 10-100 MB' },
  gem: { id: 'gem', label: 'RubyGems', ecosystem: 'ruby', typicalSize: 'cached .gem files are typically 10-100 MB' },
  composer: { id: 'composer', label: 'Composer', ecosystem: 'php', cleanup: 'composer clear-cache', typicalSize: 'the Composer cache is typically tens of MB' },
  dotnet: { id: 'dotnet', label: 'NuGet', ecosystem: 'dotnet', cleanup: 'dotnet nuget locals all --clear', typicalSize: 'the NuGet package cache is typically 100 MB-1 GB' },
};

const NPM_INSTALL = new Set(['ci', 'install', 'i', 'in', 'ins', 'inst', 'insta', 'instal', 'isnt', 'isnta', 'isntal', 'isntall', 'add', 'update', 'up', 'upgrade']);
const APT_WITH_VALUE = ['t', 'target-release', 'o', 'option', 'c', 'config-file', 'a', 'host-architecture'];
const GO_BUILD = new Set(['build', 'install', 'test', 'run', 'get', 'generate', 'vet']);

function verbOf(cmd: Command, withValue: readonly string[] = []): ShellWord | undefined {
  return positionals(cmd, withValue)[0];
}

/** `tool -v`, `tool --version`, `tool --help`: prints and exits. */
function isInfoOnly(cmd: Command): boolean {
  return cmd.args.some((a) => ['-v', '-V', '--version', '-h', '--help'].includes(a.value));
}

function inv(manager: PackageManager, kind: InvocationKind, command: Command, verb?: ShellWord): Invocation {
  return { manager, kind, command, verb };
}

/** `python -m pip ...` / `python3 -m pip ...`: the words after the module name. */
function pythonModule(cmd: Command): { module: string; rest: ShellWord[] } | undefined {
  if (!/^python(\d(\.\d+)?)?$/.test(cmd.program)) return undefined;
  const m = cmd.args.findIndex((a) => a.value === '-m');
  if (m < 0 || !cmd.args[m + 1]) return undefined;
  return { module: cmd.args[m + 1].value, rest: cmd.args.slice(m + 2) };
}

/**
 * The package-manager or build-tool action a command performs, or undefined. Recognises apt/apt-get,
 * apk, dnf/yum/microdnf, zypper, pip (pip, pip3, pip3.12, python -m pip), uv, poetry, pipenv, npm,
 * yarn, pnpm, go, cargo, mvn/mvnw, gradle/gradlew, bundle, gem, composer and dotnet.
 */
export function detectInvocation(cmd: Command): Invocation | undefined {
  let i = invocationCache.get(cmd);
  if (i === undefined) {
    i = computeInvocation(cmd) ?? null;
    invocationCache.set(cmd, i);
  }
  return i ?? undefined;
}

/** Many rules ask about the same commands: each is classified once. */
const invocationCache = new WeakMap<Command, Invocation | null>();

/** Every program {@link computeInvocation} knows by exact name (pip and python are matched by pattern, and start with `p`). */
const INVOCATION_PROGRAMS = new Set(['apt-get', 'apt', 'apk', 'dnf', 'dnf5', 'yum', 'microdnf', 'tdnf', 'zypper', 'uv', 'poetry', 'pipenv', 'npm', 'yarn', 'pnpm', 'go', 'cargo', 'mvn', 'mvnw', 'gradle', 'gradlew', 'bundle', 'bundler', 'gem', 'composer', 'composer.phar', 'dotnet']);

/** The programs {@link detectInvocation} recognises (for `RuleMeta.programs`): the names above, pip and `python -m`. */
export const INVOCATION_PROGRAM_NAMES: readonly (string | RegExp)[] = [...INVOCATION_PROGRAMS, /^(pip|python)(\d(\.\d+)?)?$/];

function computeInvocation(cmd: Command): Invocation | undefined {
  const p = cmd.program;
  if (!INVOCATION_PROGRAMS.has(p) && !p.startsWith('p')) return undefined;
  if (p === 'apt-get' || p === 'apt') {
    const v = verbOf(cmd, APT_WITH_VALUE);
    if (!v) return undefined;
    if (['install', 'upgrade', 'dist-upgrade', 'full-upgrade', 'build-dep', 'reinstall'].includes(v.value)) return inv('apt', 'install', cmd, v);
    if (v.value === 'update') return inv('apt', 'update', cmd, v);
    if (['clean', 'autoclean'].includes(v.value)) return inv('apt', 'clean', cmd, v);
    return undefined;
  }
  if (p === 'apk') {
    const v = verbOf(cmd, ['X', 'repository', 'p', 'root', 't', 'virtual', 'arch', 'cache-dir', 'keys-dir', 'repositories-file']);
    if (!v) return undefined;
    if (['add', 'upgrade', 'fix'].includes(v.value)) return inv('apk', 'install', cmd, v);
    if (v.value === 'update') return inv('apk', 'update', cmd, v);
    if (v.value === 'cache' && positionals(cmd)[1]?.value === 'clean') return inv('apk', 'clean', cmd, v);
    return undefined;
  }
  if (p === 'dnf' || p === 'dnf5' || p === 'yum' || p === 'microdnf' || p === 'tdnf') {
    const m: PackageManager = p === 'yum' ? 'yum' : p === 'microdnf' ? 'microdnf' : 'dnf';
    const v = verbOf(cmd, ['setopt', 'enablerepo', 'disablerepo', 'installroot', 'releasever', 'c', 'config', 'x', 'exclude', 'repo']);
    if (!v) return undefined;
    if (['install', 'in', 'upgrade', 'update', 'up', 'groupinstall', 'reinstall', 'builddep', 'distro-sync', 'module', 'group'].includes(v.value)) return inv(m, 'install', cmd, v);
    if (v.value === 'makecache') return inv(m, 'update', cmd, v);
    if (v.value === 'clean') return inv(m, 'clean', cmd, v);
    return undefined;
  }
  if (p === 'zypper') {
    const v = verbOf(cmd, ['r', 'repo', 'root', 'R', 'reposd-dir', 'C', 'cache-dir']);
    if (!v) return undefined;
    if (['install', 'in', 'update', 'up', 'dist-upgrade', 'dup', 'patch', 'source-install', 'si'].includes(v.value)) return inv('zypper', 'install', cmd, v);
    if (['refresh', 'ref'].includes(v.value)) return inv('zypper', 'update', cmd, v);
    if (['clean', 'cc'].includes(v.value)) return inv('zypper', 'clean', cmd, v);
    return undefined;
  }
  const py = pythonModule(cmd);
  if (/^pip(\d(\.\d+)?)?$/.test(p) || (py && /^pip\d?$/.test(py.module))) {
    const words = py ? py.rest : cmd.args;
    const v = words.find((w) => !w.value.startsWith('-'));
    if (!v) return undefined;
    if (['install', 'download', 'wheel'].includes(v.value)) return inv('pip', 'install', cmd, v);
    if (v.value === 'cache') return inv('pip', 'clean', cmd, v);
    return undefined;
  }
  if (p === 'uv') {
    const pos = positionals(cmd);
    const v = pos[0];
    if (!v) return undefined;
    if (v.value === 'pip' && ['install', 'sync'].includes(pos[1]?.value ?? '')) return inv('uv', 'install', cmd, pos[1]);
    if (['sync', 'add', 'tool'].includes(v.value)) return inv('uv', 'install', cmd, v);
    if (v.value === 'cache') return inv('uv', 'clean', cmd, v);
    return undefined;
  }
  if (p === 'poetry') {
    const v = verbOf(cmd);
    if (v && ['install', 'add', 'update', 'sync'].includes(v.value)) return inv('poetry', 'install', cmd, v);
    if (v?.value === 'cache') return inv('poetry', 'clean', cmd, v);
    return undefined;
  }
  if (p === 'pipenv') {
    const v = verbOf(cmd);
    if (v && ['install', 'sync'].includes(v.value)) return inv('pipenv', 'install', cmd, v);
    return undefined;
  }
  if (p === 'npm') {
    const v = verbOf(cmd, ['prefix', 'C', 'w', 'workspace', 'registry', 'cache']);
    if (!v) return undefined;
    if (NPM_INSTALL.has(v.value)) return inv('npm', 'install', cmd, v);
    if (v.value === 'cache') return inv('npm', 'clean', cmd, v);
    if (v.value === 'run' || v.value === 'run-script') {
      const script = positionals(cmd)[1]?.value ?? '';
      if (/build|compile|dist|bundle/.test(script)) return inv('npm', 'build', cmd, v);
    }
    return undefined;
  }
  if (p === 'yarn') {
    const pos = positionals(cmd, ['cwd', 'modules-folder', 'cache-folder']);
    const v = pos[0];
    if (!v) return isInfoOnly(cmd) ? undefined : inv('yarn', 'install', cmd);
    if (['install', 'add'].includes(v.value)) return inv('yarn', 'install', cmd, v);
    if (v.value === 'global' && pos[1]?.value === 'add') return inv('yarn', 'install', cmd, v);
    if (v.value === 'cache') return inv('yarn', 'clean', cmd, v);
    if (/build|compile|dist|bundle/.test(v.value === 'run' ? (pos[1]?.value ?? '') : v.value)) return inv('yarn', 'build', cmd, v);
    return undefined;
  }
  if (p === 'pnpm') {
    const v = verbOf(cmd, ['C', 'dir', 'filter', 'F', 'store-dir']);
    if (!v) return undefined;
    if (['install', 'i', 'add', 'fetch', 'update', 'up'].includes(v.value)) return inv('pnpm', 'install', cmd, v);
    if (v.value === 'store') return inv('pnpm', 'clean', cmd, v);
    if (/build|compile|dist|bundle/.test(v.value === 'run' ? (positionals(cmd)[1]?.value ?? '') : v.value)) return inv('pnpm', 'build', cmd, v);
    return undefined;
  }
  if (p === 'go') {
    const pos = positionals(cmd);
    const v = pos[0];
    if (!v) return undefined;
    if (v.value === 'mod' && ['download', 'tidy', 'vendor'].includes(pos[1]?.value ?? '')) return inv('go', 'install', cmd, v);
    if (GO_BUILD.has(v.value)) return inv('go', 'build', cmd, v);
    if (v.value === 'clean') return inv('go', 'clean', cmd, v);
    return undefined;
  }
  if (p === 'cargo') {
    const v = verbOf(cmd);
    if (!v) return undefined;
    if (['build', 'install', 'test', 'run', 'b', 't', 'r'].includes(v.value)) return inv('cargo', 'build', cmd, v);
    if (['fetch', 'vendor', 'chef'].includes(v.value)) return inv('cargo', 'install', cmd, v);
    return undefined;
  }
  if (p === 'mvn' || p === 'mvnw') {
    const v = positionals(cmd, ['f', 'file', 's', 'settings', 'pl', 'projects', 'P', 'activate-profiles', 'T', 'threads', 'gs', 'global-settings']).find((w) => !w.value.startsWith('-'));
    if (!v) return undefined;
    if (/^dependency:/.test(v.value)) return inv('maven', 'install', cmd, v);
    return inv('maven', 'build', cmd, v);
  }
  if (p === 'gradle' || p === 'gradlew') {
    const v = positionals(cmd, ['p', 'project-dir', 'b', 'build-file', 'x', 'exclude-task']).find((w) => !w.value.startsWith('-'));
    if (!v) return undefined;
    return inv('gradle', 'build', cmd, v);
  }
  if (p === 'bundle' || p === 'bundler') {
    const v = verbOf(cmd);
    if (!v) return isInfoOnly(cmd) ? undefined : inv('bundler', 'install', cmd);
    if (['install', 'update'].includes(v.value)) return inv('bundler', 'install', cmd, v);
    return undefined;
  }
  if (p === 'gem') {
    const v = verbOf(cmd);
    if (v && ['install', 'update'].includes(v.value)) return inv('gem', 'install', cmd, v);
    return undefined;
  }
  if (p === 'composer' || p === 'composer.phar') {
    const v = verbOf(cmd, ['d', 'working-dir']);
    if (!v) return undefined;
    if (['install', 'i', 'require', 'update', 'u', 'upgrade'].includes(v.value)) return inv('composer', 'install', cmd, v);
    if (['clear-cache', 'clearcache', 'cc'].includes(v.value)) return inv('composer', 'clean', cmd, v);
    return undefined;
  }
  if (p === 'dotnet') {
    const v = verbOf(cmd);
    if (!v) return undefined;
    if (v.value === 'restore') return inv('dotnet', 'install', cmd, v);
    if (v.value === 'nuget' && positionals(cmd)[1]?.value === 'locals') return inv('dotnet', 'clean', cmd, v);
    if (['build', 'publish', 'test', 'pack'].includes(v.value)) return inv('dotnet', 'build', cmd, v);
    return undefined;
  }
  return undefined;
}

/** A `clean` invocation that empties the download cache (`npm cache clean`, `go clean -modcache`, `dnf clean all`, ...). */
export function isCacheCleanup(i: Invocation): boolean {
  if (i.kind !== 'clean') return false;
  const c = i.command;
  const args = c.args.map((a) => a.value);
  switch (i.manager) {
    case 'npm':
    case 'yarn':
      return args.includes('clean');
    case 'pnpm':
      return args.includes('prune');
    case 'pip':
      return args.includes('purge') || args.includes('remove');
    case 'go':
      return args.includes('-modcache') || args.includes('-cache');
    case 'apk':
    case 'uv':
      return args.includes('clean');
    default:
      return true;
  }
}

// ---------------------------------------------------------------------------------------------
// Cache directories

/** Where a stage runs a command: the user and the variables that steer cache locations. */
export interface CacheEnv {
  /** `root` unless a USER instruction says otherwise. */
  readonly user: string;
  /** Numeric uid/gid when known (for `uid=`/`gid=` on cache mounts). */
  readonly uid?: number;
  readonly gid?: number;
  /** The home directory (from ENV HOME, the user's `useradd -d`, or `/root` / `/home/<user>`). */
  readonly home: string;
  /** The stage's base image, lower-cased, following `FROM <stage>` chains (`golang:1.22`). */
  readonly baseImage: string;
  /** An ENV/ARG value visible to the instruction, or an inline assignment on the command. */
  readonly get: (name: string) => string | undefined;
}

export interface CacheDir {
  readonly path: string;
  /** `locked` for managers that cannot share a cache between concurrent builds (apt, dnf, yum). */
  readonly sharing?: 'locked';
}

const KNOWN_UIDS: Record<string, number> = { root: 0, node: 1000, nobody: 65534, www: 33, 'www-data': 33, nonroot: 65532, gradle: 1000, app: 1654 };

const baseImageCache = new WeakMap<Stage, string>();

/** The root image a stage is built on, following `FROM <earlier stage>`. */
export function baseImageOf(source: DockerfileSource, stage: Stage | undefined): string {
  if (!stage) return '';
  let base = baseImageCache.get(stage);
  if (base === undefined) {
    base = (source.stageChain(stage)[0]?.base ?? '').toLowerCase();
    baseImageCache.set(stage, base);
  }
  return base;
}

/** Image name without registry, tag or digest: `docker.io/library/golang:1.22` → `golang`. */
export function imageName(ref: string): string {
  const noDigest = ref.split('@')[0];
  const parts = noDigest.split('/');
  const last = parts[parts.length - 1];
  return last.split(':')[0].toLowerCase();
}

type UserEvent = { readonly index: number } & ({ readonly user: string } | { readonly name: string; readonly home?: string; readonly uid?: number });

/** USER instructions and useradd/adduser commands of every stage, in file order (computed once per source). */
const userEventCache = new WeakMap<DockerfileSource, UserEvent[][]>();

function userEvents(source: DockerfileSource): UserEvent[][] {
  let all = userEventCache.get(source);
  if (all) return all;
  all = source.stages.map((st) => {
    const out: UserEvent[] = [];
    for (const i of st.instructions) {
      if (i.keyword === 'USER' && i.args[0]) out.push({ index: i.index, user: source.expand(i, i.args[0].value).value });
      if (i.keyword !== 'RUN') continue;
      for (const c of source.commands(i)) {
        if (!isProgram(c, 'useradd', 'adduser')) continue;
        const pos = positionals(c, ['d', 'home', 'home-dir', 'h', 'u', 'uid', 'g', 'G', 'gid', 'ingroup', 's', 'shell', 'c', 'comment', 'gecos', 'k', 'K', 'e', 'f', 'Z', 'p', 'password', 'groups', 'S', 'D', 'H']);
        const name = pos[pos.length - 1]?.value;
        if (!name) continue;
        const uid = valueAfter(c, ['-u', '--uid']);
        out.push({ index: i.index, name, home: valueAfter(c, ['-d', '--home-dir', '--home', '-h']), uid: uid && /^\d+$/.test(uid) ? Number(uid) : undefined });
      }
    }
    return out;
  });
  userEventCache.set(source, all);
  return all;
}

type StageUser = { readonly user: string; readonly home?: string; readonly uid?: number; readonly gid?: number };

const stageUserCache = new WeakMap<Instruction, StageUser>();

function userFromInstructions(source: DockerfileSource, ins: Instruction, stage: Stage | undefined): StageUser {
  const top = ins.parent ?? ins;
  let u = stageUserCache.get(top);
  if (!u) {
    u = computeUser(source, top, stage);
    stageUserCache.set(top, u);
  }
  return u;
}

function computeUser(source: DockerfileSource, ins: Instruction, stage: Stage | undefined): StageUser {
  const chain = source.stageChain(stage);
  let user = 'root';
  const homes = new Map<string, string>();
  const uids = new Map<string, number>();
  const top = ins.parent ?? ins;
  const events = userEvents(source);
  for (const st of chain) {
    for (const e of events[st.index] ?? []) {
      if (e.index >= top.index) break;
      if ('user' in e) user = e.user;
      else {
        if (e.home) homes.set(e.name, e.home);
        if (e.uid !== undefined) uids.set(e.name, e.uid);
      }
    }
  }
  const [name, group] = user.split(':');
  const uid: number | undefined = /^\d+$/.test(name) ? Number(name) : (uids.get(name) ?? KNOWN_UIDS[name]);
  let gid: number | undefined = group !== undefined ? (/^\d+$/.test(group) ? Number(group) : (KNOWN_UIDS[group] ?? undefined)) : uid;
  if (uid === 0) gid ??= 0;
  if (name === 'root' || uid === 0) return { user: name, home: '/root', uid: 0, gid: gid ?? 0 };
  return { user: name, home: homes.get(name), uid, gid };
}

function valueAfter(c: Command, names: string[]): string | undefined {
  for (let k = 0; k < c.args.length; k++) {
    const v = c.args[k].value;
    for (const n of names) {
      if (v === n) return c.args[k + 1]?.value;
      if (n.startsWith('--') && v.startsWith(`${n}=`)) return v.slice(n.length + 1);
    }
  }
  return undefined;
}

const cacheEnvCache = new WeakMap<Instruction, CacheEnv>();

/** The cache environment of a RUN (optionally with a command's inline `VAR=value` assignments). */
export function cacheEnvOf(source: DockerfileSource, ins: Instruction, cmd?: Command): CacheEnv {
  // without inline assignments the environment is the instruction's own, computed once
  if (cmd?.assignments.length) return computeCacheEnv(source, ins, cmd);
  let env = cacheEnvCache.get(ins);
  if (!env) {
    env = computeCacheEnv(source, ins);
    cacheEnvCache.set(ins, env);
  }
  return env;
}

function computeCacheEnv(source: DockerfileSource, ins: Instruction, cmd?: Command): CacheEnv {
  const stage = source.stageOf(ins);
  const lookup = source.lookup(ins);
  const inline = new Map((cmd?.assignments ?? []).map((a) => [a.name, a.value]));
  const get = (n: string) => {
    const v = inline.has(n) ? inline.get(n) : lookup(n);
    return v === '' ? undefined : v;
  };
  const u = userFromInstructions(source, ins, stage);
  const home = get('HOME') ?? u.home ?? (/^\d+$/.test(u.user) ? '/' : `/home/${u.user}`);
  return { user: u.user, uid: u.uid, gid: u.gid, home: home.replace(/\/+$/, '') || '/', baseImage: baseImageOf(source, stage), get };
}

/** `$XDG_CACHE_HOME`, or `~/.cache`. */
function xdgCacheOf(env: CacheEnv): string {
  return env.get('XDG_CACHE_HOME') ?? join(env.home, '.cache');
}

function join(dir: string, rel: string): string {
  return `${dir.replace(/\/+$/, '')}/${rel}`;
}

/**
 * Cache directories of a package manager, resolved against the stage (user, HOME, the tool's env
 * variables, and the defaults of the official images: `golang` sets GOPATH=/go, `rust` sets
 * CARGO_HOME=/usr/local/cargo, `ruby` sets GEM_HOME=/usr/local/bundle, `composer` sets COMPOSER_HOME=/tmp).
 * `cmd` refines it where the invocation matters (`go mod download` needs only the module cache;
 * Yarn Berry is recognised by `--immutable`).
 */
export function cacheDirs(manager: PackageManager, env: CacheEnv, inv?: Invocation): CacheDir[] {
  const h = env.home;
  switch (manager) {
    case 'apt':
      return [
        { path: '/var/cache/apt', sharing: 'locked' },
        { path: '/var/lib/apt', sharing: 'locked' },
      ];
    case 'apk':
      return [{ path: '/var/cache/apk' }];
    case 'dnf':
      return [{ path: '/var/cache/dnf', sharing: 'locked' }];
    case 'yum':
      return [{ path: '/var/cache/yum', sharing: 'locked' }];
    case 'microdnf':
      return [{ path: '/var/cache/yum', sharing: 'locked' }];
    case 'zypper':
      return [{ path: '/var/cache/zypp', sharing: 'locked' }];
    case 'pip':
      return [{ path: env.get('PIP_CACHE_DIR') ?? join(xdgCacheOf(env), 'pip') }];
    case 'uv':
      return [{ path: env.get('UV_CACHE_DIR') ?? join(xdgCacheOf(env), 'uv') }];
    case 'poetry':
      return [{ path: env.get('POETRY_CACHE_DIR') ?? join(xdgCacheOf(env), 'pypoetry') }];
    case 'pipenv':
      return [{ path: env.get('PIPENV_CACHE_DIR') ?? join(xdgCacheOf(env), 'pipenv') }];
    case 'npm':
      return [{ path: env.get('npm_config_cache') ?? env.get('NPM_CONFIG_CACHE') ?? join(h, '.npm') }];
    case 'yarn': {
      const folder = env.get('YARN_CACHE_FOLDER');
      if (folder) return [{ path: folder }];
      const berry = inv && findFlag(inv.command, 'immutable');
      return [{ path: berry ? join(h, '.yarn/berry/cache') : join(xdgCacheOf(env), 'yarn') }];
    }
    case 'pnpm': {
      const store = env.get('npm_config_store_dir') ?? env.get('PNPM_STORE_DIR');
      if (store) return [{ path: store }];
      const pnpmHome = env.get('PNPM_HOME');
      return [{ path: pnpmHome ? join(pnpmHome, 'store') : join(env.get('XDG_DATA_HOME') ?? join(h, '.local/share'), 'pnpm/store') }];
    }
    case 'go': {
      const gopath = env.get('GOPATH')?.split(':')[0] ?? (imageName(env.baseImage) === 'golang' ? '/go' : join(h, 'go'));
      const mod = { path: env.get('GOMODCACHE') ?? join(gopath, 'pkg/mod') };
      const build = { path: env.get('GOCACHE') ?? join(xdgCacheOf(env), 'go-build') };
      return inv?.kind === 'install' ? [mod] : [mod, build];
    }
    case 'cargo': {
      const home = env.get('CARGO_HOME') ?? (imageName(env.baseImage) === 'rust' ? '/usr/local/cargo' : join(h, '.cargo'));
      return [{ path: join(home, 'registry') }, { path: join(home, 'git/db') }];
    }
    case 'maven':
      return [{ path: join(h, '.m2/repository') }];
    case 'gradle':
      return [{ path: join(env.get('GRADLE_USER_HOME') ?? join(h, '.gradle'), 'caches') }];
    case 'bundler':
    case 'gem': {
      const gemHome = env.get('GEM_HOME') ?? env.get('BUNDLE_PATH') ?? (imageName(env.baseImage) === 'ruby' ? '/usr/local/bundle' : undefined);
      return [{ path: gemHome ? join(gemHome, 'cache') : join(h, '.gem') }];
    }
    case 'composer': {
      const dir = env.get('COMPOSER_CACHE_DIR');
      if (dir) return [{ path: dir }];
      const home = env.get('COMPOSER_HOME') ?? (imageName(env.baseImage) === 'composer' ? '/tmp' : undefined);
      return [{ path: home ? join(home, 'cache') : join(xdgCacheOf(env), 'composer') }];
    }
    case 'dotnet':
      return [{ path: env.get('NUGET_PACKAGES') ?? join(h, '.nuget/packages') }];
  }
}

/**
 * Stages whose layers end up in the final image: the final stage and the stages it is built on
 * (`FROM <stage>`), transitively. Stages only read through `COPY --from` ship nothing of their own.
 */
export function shippedStages(source: DockerfileSource): Set<number> {
  const out = new Set<number>();
  let s: Stage | undefined = source.stages.find((x) => x.isFinal);
  while (s && !out.has(s.index)) {
    out.add(s.index);
    s = s.baseStage !== undefined ? source.stages[s.baseStage] : undefined;
  }
  return out;
}

/** `--mount=type=cache,target=DIR[,sharing=locked][,uid=N,gid=N]` for one cache dir. */
export function cacheMountFlag(dir: CacheDir, env?: Pick<CacheEnv, 'uid' | 'gid'>): string {
  let s = `--mount=type=cache,target=${dir.path}`;
  if (dir.sharing) s += `,sharing=${dir.sharing}`;
  if (env?.uid !== undefined && env.uid !== 0) s += `,uid=${env.uid}${env.gid !== undefined ? `,gid=${env.gid}` : ''}`;
  return s;
}

/**
 * A cache or tmpfs mount of the RUN covers `dir` (the target is `dir` or a parent of it). Targets are
 * expanded as BuildKit does, with the ARG/ENV values of the stage only: `~` is not expanded, and
 * `$HOME` only when an ENV sets it.
 */
export function mountCovers(source: DockerfileSource, ins: Instruction, dir: string): boolean {
  if (hasCacheMount(ins, dir)) return true;
  const d = dir.replace(/\/+$/, '') || '/';
  return mountsOf(ins).some((m) => {
    if ((m.type !== 'cache' && m.type !== 'tmpfs') || !m.target || !m.target.includes('$')) return false;
    const t = source.expand(ins, m.target).value.replace(/\/+$/, '') || '/';
    return t.startsWith('/') && (d === t || d.startsWith(t === '/' ? '/' : `${t}/`));
  });
}

/**
 * A path a shell word names, with `~`, `$HOME` and `${HOME}` replaced by the home directory and other
 * `$VAR`/`${VAR}` looked up in `env`. undefined when a variable cannot be resolved.
 */
export function resolvePathWord(raw: string, env: Pick<CacheEnv, 'home' | 'get'>): string | undefined {
  let s = raw.replace(/^["']|["']$/g, '');
  if (s === '~' || s.startsWith('~/')) s = env.home + s.slice(1);
  let ok = true;
  s = s.replace(/\$\{(\w+)\}|\$(\w+)/g, (_m, a: string | undefined, b: string | undefined) => {
    const n = (a ?? b)!;
    const v = n === 'HOME' ? env.home : env.get(n);
    if (v === undefined) ok = false;
    return v ?? '';
  });
  if (!ok || /[$`]/.test(s)) return undefined;
  return s.replace(/\/{2,}/g, '/');
}

/** Strip trailing `/`, `/*`, `/.` from a removal target: `/var/lib/apt/lists/*` → `/var/lib/apt/lists`. */
export function removalRoot(path: string): string {
  let p = path;
  for (;;) {
    const q = p.replace(/\/\*+$/, '').replace(/\/\.$/, '').replace(/\/+$/, '');
    if (q === p) break;
    p = q;
  }
  return p || '/';
}

/** `removed` (a removal target, globs at the end allowed) covers `dir`: it is `dir` or a parent of it. */
export function removalCovers(removed: string, dir: string): boolean {
  const r = removalRoot(removed);
  const d = dir.replace(/\/+$/, '');
  return d === r || d.startsWith(r === '/' ? '/' : `${r}/`);
}

// ---------------------------------------------------------------------------------------------
// Manifests

export interface ManifestSet {
  /** At least one must exist for the set to apply; the first is the standard name. */
  readonly required: readonly string[];
  /** Copied too when present in the build context. */
  readonly optional: readonly string[];
  /** Names used when the build context is unknown. */
  readonly standard: readonly string[];
  /** A command that downloads the dependencies without the sources (when the install itself needs sources). */
  readonly prefetch?: string;
}

/** Dependency manifests per install tool. pip's set is computed from the `-r` files of the command. */
export const MANIFESTS: Readonly<Partial<Record<PackageManager, ManifestSet>>> = {
  npm: { required: ['package.json'], optional: ['package-lock.json', 'npm-shrinkwrap.json', '.npmrc'], standard: ['package.json', 'package-lock.json'] },
  yarn: { required: ['package.json'], optional: ['yarn.lock', '.yarnrc.yml', '.yarnrc', '.npmrc'], standard: ['package.json', 'yarn.lock'] },
  pnpm: { required: ['package.json'], optional: ['pnpm-lock.yaml', 'pnpm-workspace.yaml', '.npmrc'], standard: ['package.json', 'pnpm-lock.yaml'] },
  poetry: { required: ['pyproject.toml'], optional: ['poetry.lock', 'poetry.toml'], standard: ['pyproject.toml', 'poetry.lock'] },
  uv: { required: ['pyproject.toml'], optional: ['uv.lock', '.python-version'], standard: ['pyproject.toml', 'uv.lock'] },
  pipenv: { required: ['Pipfile'], optional: ['Pipfile.lock'], standard: ['Pipfile', 'Pipfile.lock'] },
  go: { required: ['go.mod'], optional: ['go.sum'], standard: ['go.mod', 'go.sum'], prefetch: 'go mod download' },
  cargo: { required: ['Cargo.toml'], optional: ['Cargo.lock'], standard: ['Cargo.toml', 'Cargo.lock'] },
  maven: { required: ['pom.xml'], optional: [], standard: ['pom.xml'], prefetch: 'mvn -B dependency:go-offline' },
  gradle: { required: ['build.gradle', 'build.gradle.kts'], optional: ['settings.gradle', 'settings.gradle.kts', 'gradle.properties'], standard: ['build.gradle', 'settings.gradle'] },
  bundler: { required: ['Gemfile'], optional: ['Gemfile.lock'], standard: ['Gemfile', 'Gemfile.lock'] },
  composer: { required: ['composer.json'], optional: ['composer.lock'], standard: ['composer.json', 'composer.lock'] },
  dotnet: { required: [], optional: ['NuGet.config', 'nuget.config', 'Directory.Build.props', 'Directory.Packages.props'], standard: [], prefetch: 'dotnet restore' },
};

function contextKnown(ctx: BuildContext | undefined): ctx is BuildContext {
  return !!ctx && ctx.dir !== undefined;
}

/**
 * The manifest files to copy before the install, relative to the build context. `dir` is the
 * context-relative directory the whole-source COPY copies from (`.` usually). When the context is
 * known, only existing files are returned, and an empty list means the rewrite must not be offered;
 * when it is unknown, the standard names.
 */
export function manifestsFor(manager: PackageManager, ctx: BuildContext | undefined, extra: readonly string[] = []): string[] {
  const set = MANIFESTS[manager];
  if (manager === 'pip') {
    if (!contextKnown(ctx)) return [...extra];
    return extra.length && extra.every((f) => ctx.exists(f)) ? followRequirementIncludes(extra, ctx) : [];
  }
  if (!set) return [];
  if (!contextKnown(ctx)) return [...set.standard, ...extra];
  const req = set.required.filter((f) => ctx.exists(f));
  if (set.required.length && !req.length) return [];
  return [...req, ...set.optional.filter((f) => ctx.exists(f)), ...extra.filter((f) => ctx.exists(f))];
}

/** pip requirement files plus the `-r`/`-c` files they include (relative to the including file). */
function followRequirementIncludes(files: readonly string[], ctx: BuildContext): string[] {
  const out: string[] = [];
  const queue = [...files];
  while (queue.length && out.length < 50) {
    const f = queue.shift()!;
    if (out.includes(f)) continue;
    out.push(f);
    const text = ctx.readFile(f);
    if (!text) continue;
    const dir = f.includes('/') ? f.slice(0, f.lastIndexOf('/') + 1) : '';
    for (const line of text.split(/\r?\n/)) {
      const m = /^\s*(?:-r|--requirement|-c|--constraint)[\s=]+(\S+)/.exec(line);
      if (m && !/^[a-z]+:\/\//.test(m[1])) queue.push(normalizeRel(dir + m[1]));
    }
  }
  return out;
}

function normalizeRel(p: string): string {
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return out.join('/');
}

/** Requirement/constraint files named by a pip (or `uv pip`) command's `-r`/`-c` options. */
export function pipRequirementFiles(cmd: Command): ShellWord[] {
  const out: ShellWord[] = [];
  const a = cmd.args;
  for (let k = 0; k < a.length; k++) {
    const v = a[k].value;
    if (['-r', '--requirement', '-c', '--constraint'].includes(v) && a[k + 1]) out.push(a[k + 1]);
    else if (/^--(requirement|constraint)=/.test(v)) out.push({ ...a[k], value: v.slice(v.indexOf('=') + 1) });
    else if (/^-[rc]\S/.test(v)) out.push({ ...a[k], value: v.slice(2) });
  }
  return out;
}

/**
 * A dependency install that only needs manifests (so it can run before the sources are copied):
 * `npm ci`, `yarn install`, `pip install -r req.txt`, `poetry install`, `go mod download`,
 * `bundle install`, `composer install`, ... Installs of the project itself (`pip install .`,
 * `pip install -e .`, `npm install` of a local path) are not.
 */
export function isManifestInstall(i: Invocation): boolean {
  if (i.kind !== 'install') return false;
  const c = i.command;
  switch (i.manager) {
    case 'npm':
    case 'pnpm':
      return ['ci', 'install', 'i', 'fetch'].includes(i.verb?.value ?? '') && positionals(c).length === 1;
    case 'yarn':
      return !i.verb || (i.verb.value === 'install' && positionals(c).length === 1);
    case 'pip':
    case 'uv': {
      if (i.manager === 'uv' && i.verb?.value === 'sync') return true;
      const reqs = pipRequirementFiles(c);
      if (!reqs.length) return false;
      const after = c.args.slice(c.args.indexOf(i.verb!) + 1);
      const reqSet = new Set(reqs.map((r) => r.span.start));
      for (let k = 0; k < after.length; k++) {
        const v = after[k].value;
        if (reqSet.has(after[k].span.start) || v.startsWith('-')) continue;
        return false; // a package or path besides the requirement files
      }
      return true;
    }
    case 'poetry':
    case 'pipenv':
      return ['install', 'sync'].includes(i.verb?.value ?? '');
    case 'go':
      return true;
    case 'bundler':
      return !i.verb || i.verb.value === 'install';
    case 'composer':
      return ['install', 'i'].includes(i.verb?.value ?? '');
    case 'dotnet':
      return i.verb?.value === 'restore';
    case 'maven':
      return true;
    default:
      return false;
  }
}

// ---------------------------------------------------------------------------------------------
// Toolchains

export type ToolchainKind = 'compiler-package' | 'toolchain-image' | 'build-command';
export type BuildEcosystem = Ecosystem | 'c';

export interface ToolchainEvidence {
  readonly kind: ToolchainKind;
  /** `gcc`, `golang:1.22`, `go build`. */
  readonly what: string;
  readonly ecosystem: BuildEcosystem;
  readonly instruction: Instruction;
  /** The word or command to point at. */
  readonly span: { readonly start: number; readonly end: number };
  /** For build commands: the invocation (absent for `make`). */
  readonly invocation?: Invocation;
  readonly command?: Command;
}

const COMPILER_PACKAGES =
  /^(build-essential|build-base|gcc(-\d+)?|g\+\+(-\d+)?|gcc-c\+\+|clang(-\d+)?|make|cmake|automake|autoconf|libtool|pkg-config|pkgconf|golang(-go)?|rustc|cargo|maven|gradle|openjdk-\d+-jdk(-headless)?|java-[\d.]+-openjdk-devel|default-jdk(-headless)?|musl-dev|linux-headers|[\w.+-]+-(dev|devel))$/;

/** Toolchain images (name as in {@link imageName}) and their ecosystem. Full `node`/`python` count only together with a build command. */
const TOOLCHAIN_IMAGES: Readonly<Record<string, BuildEcosystem>> = {
  golang: 'go',
  rust: 'rust',
  maven: 'java',
  gradle: 'java',
  openjdk: 'java',
  'eclipse-temurin': 'java',
  amazoncorretto: 'java',
  sdk: 'dotnet',
  gcc: 'c',
};

/** Image tag of a FROM reference (`golang:1.22-alpine` → `1.22-alpine`; '' when absent). */
export function imageTag(ref: string): string {
  const noDigest = ref.split('@')[0];
  const last = noDigest.slice(noDigest.lastIndexOf('/') + 1);
  const i = last.indexOf(':');
  return i >= 0 ? last.slice(i + 1) : '';
}

/** The ecosystem of a toolchain base image (`golang:1.22` → go, `mcr.microsoft.com/dotnet/sdk:8.0` → dotnet), if it is one. */
export function toolchainImage(ref: string): BuildEcosystem | undefined {
  const name = imageName(ref);
  const tag = imageTag(ref).toLowerCase();
  if (name === 'sdk') return /dotnet\/sdk/.test(ref) ? 'dotnet' : undefined;
  if (name === 'eclipse-temurin' || name === 'amazoncorretto') return /jre/.test(tag) ? undefined : 'java';
  if (name === 'openjdk' && /jre/.test(tag)) return undefined;
  return TOOLCHAIN_IMAGES[name];
}

/** Full (non-slim, non-alpine) `node`/`python` images: a build on them ships compilers and headers. */
export function fullRuntimeImage(ref: string): BuildEcosystem | undefined {
  const name = imageName(ref);
  const tag = imageTag(ref).toLowerCase();
  if (name !== 'node' && name !== 'python') return undefined;
  if (/slim|alpine|distroless/.test(tag)) return undefined;
  return name === 'node' ? 'node' : 'python';
}

/** Compiler/SDK packages installed by a command (apt-get/apk/dnf/yum/zypper install). */
export function compilerPackages(cmd: Command): ShellWord[] {
  const i = detectInvocation(cmd);
  if (!i || i.kind !== 'install' || !['apt', 'apk', 'dnf', 'yum', 'microdnf', 'zypper'].includes(i.manager)) return [];
  const pos = positionals(cmd, ['t', 'target-release', 'o', 'option', 'X', 'repository', 'setopt', 't', 'virtual']);
  return pos.slice(1).filter((w) => COMPILER_PACKAGES.test(w.value.split(/[=:]/)[0]));
}

/** The RUN removes packages again (`apk del`, `apt-get purge/remove/autoremove`, `dnf remove`): its toolchain does not ship. */
function removesPackages(cmds: readonly Command[]): boolean {
  return cmds.some((c) => {
    const p = c.program;
    if (p === 'apk') return positionals(c)[0]?.value === 'del';
    if (p === 'apt-get' || p === 'apt') return ['purge', 'remove', 'autoremove'].includes(positionals(c)[0]?.value ?? '');
    if (['dnf', 'yum', 'microdnf', 'zypper'].includes(p)) return ['remove', 'erase', 'rm', 'autoremove'].includes(positionals(c)[0]?.value ?? '');
    return false;
  });
}

const BUILD_SCRIPT = /^(build|compile|dist|bundle|prod|build:[\w:-]+)$/;

function buildEvidence(c: Command): { what: string; ecosystem: BuildEcosystem; invocation?: Invocation } | undefined {
  if (c.program === 'make' || c.program === 'cmake' || c.program === 'ninja') return { what: c.program, ecosystem: 'c' };
  const i = detectInvocation(c);
  if (!i) return undefined;
  const v = i.verb?.value ?? '';
  const positional = () => positionals(c).map((w) => w.value);
  switch (i.manager) {
    case 'go':
      return ['build', 'install'].includes(v) ? { what: `go ${v}`, ecosystem: 'go', invocation: i } : undefined;
    case 'cargo':
      return ['build', 'b', 'install'].includes(v) ? { what: `cargo ${v}`, ecosystem: 'rust', invocation: i } : undefined;
    case 'maven':
      return positional().some((g) => ['package', 'install', 'verify'].includes(g) || /^(spring-boot|quarkus|jib):/.test(g)) ? { what: `mvn ${v}`, ecosystem: 'java', invocation: i } : undefined;
    case 'gradle':
      return positional().some((t) => /^(build|assemble|bootJar|jar|shadowJar|installDist|:?[\w-]+:(build|assemble|bootJar|jar))$/.test(t)) ? { what: `gradle ${v}`, ecosystem: 'java', invocation: i } : undefined;
    case 'dotnet':
      return ['publish', 'build'].includes(v) ? { what: `dotnet ${v}`, ecosystem: 'dotnet', invocation: i } : undefined;
    case 'npm':
    case 'yarn':
    case 'pnpm': {
      const script = v === 'run' || v === 'run-script' ? positional()[1] : v;
      return i.kind === 'build' && BUILD_SCRIPT.test(script ?? '') ? { what: `${c.program} ${v === 'run' || v === 'run-script' ? `run ${script}` : script}`, ecosystem: 'node', invocation: i } : undefined;
    }
    default:
      return undefined;
  }
}

/**
 * What in a chain of stages (a stage and the stages it is built `FROM`) makes it a build image:
 * a toolchain base image, compiler/SDK packages installed (and not removed in the same RUN), and
 * build commands. Evidence is in file order.
 */
export function detectToolchain(source: DockerfileSource, stage: Stage): ToolchainEvidence[] {
  const chain: Stage[] = [];
  let s: Stage | undefined = stage;
  const seen = new Set<number>();
  while (s && !seen.has(s.index)) {
    seen.add(s.index);
    chain.unshift(s);
    s = s.baseStage !== undefined ? source.stages[s.baseStage] : undefined;
  }
  const out: ToolchainEvidence[] = [];
  const root = chain[0];
  const image = root?.from.from?.image;
  if (root && image) {
    const eco = toolchainImage(image.value) ?? fullRuntimeImage(image.value);
    if (eco) out.push({ kind: 'toolchain-image', what: image.value, ecosystem: eco, instruction: root.from, span: image.span });
  }
  for (const st of chain) {
    for (const ins of st.instructions) {
      if (ins.keyword !== 'RUN') continue;
      const cmds = source.commands(ins);
      const removed = removesPackages(cmds);
      for (const c of cmds) {
        if (!removed) {
          for (const w of compilerPackages(c)) {
            const name = w.value.split(/[=:]/)[0];
            const eco: BuildEcosystem = /golang/.test(name) ? 'go' : /rustc|cargo/.test(name) ? 'rust' : /jdk|maven|gradle/.test(name) ? 'java' : 'c';
            out.push({ kind: 'compiler-package', what: name, ecosystem: eco, instruction: ins, span: w.span });
          }
        }
        const b = buildEvidence(c);
        if (b) out.push({ kind: 'build-command', what: b.what, ecosystem: b.ecosystem, instruction: ins, span: c.span, invocation: b.invocation, command: c });
      }
    }
  }
  return out;
}

/**
 * A runtime base image for the shipped stage of a build on `base`: distroless static/base for Go,
 * distroless cc for Rust, a JRE for JVM builds, ASP.NET for .NET, the slim variant for node/python,
 * the same image otherwise. `todo` explains what a human must check.
 */
export function runtimeBaseFor(base: string, ecosystem: BuildEcosystem, opts: { staticGo?: boolean } = {}): { image: string; todo?: string } {
  const name = imageName(base);
  const tag = imageTag(base);
  const alpine = /alpine/.test(tag);
  const registry = base.includes('/') && /[.:]/.test(base.split('/')[0]) ? base.slice(0, base.indexOf('/') + 1) : '';
  switch (ecosystem) {
    case 'go':
      if (alpine) return { image: 'alpine:3', todo: 'pin the Alpine release' };
      return opts.staticGo ? { image: 'gcr.io/distroless/static-debian12' } : { image: 'gcr.io/distroless/base-debian12', todo: 'with CGO_ENABLED=0 the binary is static and gcr.io/distroless/static-debian12 is enough' };
    case 'rust':
      return alpine ? { image: 'alpine:3', todo: 'pin the Alpine release' } : { image: 'gcr.io/distroless/cc-debian12' };
    case 'java': {
      const v = /(?:^|[^\d])(\d{2})(?:[^\d]|$)/.exec(tag)?.[1];
      return v ? { image: `eclipse-temurin:${v}-jre` } : { image: 'eclipse-temurin:21-jre', todo: 'use the Java version of the build stage' };
    }
    case 'dotnet':
      return { image: `${registry || 'mcr.microsoft.com/'}dotnet/aspnet${tag ? `:${tag}` : ''}`, todo: 'use dotnet/runtime instead for a console app' };
    case 'node':
    case 'python':
    case 'ruby':
    case 'php':
      if (name === 'node' || name === 'python' || name === 'ruby') {
        if (/slim|alpine/.test(tag)) return { image: base };
        const t = tag ? `${tag}-slim` : 'slim';
        return { image: `${base.split('@')[0].replace(/:[^/:]*$/, '')}:${t}`, todo: ecosystem === 'python' ? 'install the runtime libraries of the -dev packages the build needed (e.g. libpq5 for libpq-dev)' : undefined };
      }
      return { image: base, todo: 'pick a smaller runtime image' };
    default:
      return { image: base, todo: 'pick a runtime image without the compilers (a -slim variant or distroless)' };
  }
}

/** A file or directory to copy from the build stage into the runtime stage. */
export interface Artifact {
  readonly from: string;
  readonly to: string;
  /** What a human must check (the path is a guess). */
  readonly todo?: string;
}

/**
 * Build outputs of the build commands in a stage, with absolute paths (resolved against the WORKDIR
 * each command runs in). Copied to the same path in the runtime stage so CMD/ENTRYPOINT keep working.
 */
export function buildArtifacts(source: DockerfileSource, evidence: readonly ToolchainEvidence[], ecosystem: BuildEcosystem, finalWorkdir: string, base = ''): Artifact[] {
  const out: Artifact[] = [];
  const add = (a: Artifact) => {
    if (!out.some((x) => x.from === a.from)) out.push(a);
  };
  for (const e of evidence) {
    if (e.kind !== 'build-command' || !e.command) continue;
    const c = e.command;
    const wd = workdirAt(source, e.instruction);
    const v = e.invocation?.verb?.value;
    const outFlag = (...n: string[]) => {
      const k = c.args.findIndex((a) => n.includes(a.value));
      if (k >= 0) return c.args[k + 1]?.value;
      const eq = c.args.find((a) => n.some((x) => x.startsWith('--') && a.value.startsWith(`${x}=`)));
      return eq?.value.slice(eq.value.indexOf('=') + 1);
    };
    if (e.ecosystem === 'go' && v === 'build') {
      const o = outFlag('-o');
      if (o && !o.includes('$')) add({ from: resolvePath(wd, o) + (o.endsWith('/') ? '/' : ''), to: resolvePath(wd, o) + (o.endsWith('/') ? '/' : '') });
      else add({ from: `${wd === '/' ? '' : wd}/app`, to: '/usr/local/bin/app', todo: '`go build` without `-o` names the binary after the package directory: use its real name' });
    } else if (e.ecosystem === 'go' && v === 'install') {
      add({ from: imageName(base) === 'golang' ? '/go/bin/' : '/root/go/bin/', to: '/usr/local/bin/' });
    } else if (e.ecosystem === 'rust' && v === 'install') {
      add({ from: imageName(base) === 'rust' ? '/usr/local/cargo/bin/' : '/root/.cargo/bin/', to: '/usr/local/bin/' });
    } else if (e.ecosystem === 'rust') {
      const profile = c.args.some((a) => a.value === '--release' || a.value === '-r') ? 'release' : (outFlag('--profile') ?? 'debug');
      const bin = outFlag('--bin');
      const dir = `${resolvePath(wd, 'target')}/${profile}`;
      if (bin) add({ from: `${dir}/${bin}`, to: `/usr/local/bin/${bin}` });
      else add({ from: `${dir}/app`, to: '/usr/local/bin/app', todo: 'use the name of the binary Cargo builds' });
    } else if (e.ecosystem === 'java') {
      const dir = e.invocation?.manager === 'gradle' ? resolvePath(wd, 'build/libs') : resolvePath(wd, 'target');
      add({ from: `${dir}/*.jar`, to: `${dir}/` });
    } else if (e.ecosystem === 'dotnet') {
      const o = outFlag('-o', '--output');
      if (o && !o.includes('$')) add({ from: resolvePath(wd, o), to: resolvePath(wd, o) });
      else add({ from: resolvePath(wd, 'bin/Release'), to: resolvePath(wd, 'bin/Release'), todo: 'publish with `-o /app/publish` and copy that directory' });
    } else if (e.ecosystem === 'c' && c.args.some((a) => a.value === 'install')) {
      add({ from: '/usr/local', to: '/usr/local', todo: 'copy only what `make install` installed' });
    }
  }
  if (ecosystem === 'node' || ecosystem === 'python' || ecosystem === 'ruby' || ecosystem === 'php' || (ecosystem === 'c' && !out.length)) {
    if (ecosystem === 'python') {
      const venv = findVenv(source, evidence);
      if (venv) add({ from: venv, to: venv });
      else add({ from: '/usr/local', to: '/usr/local', todo: 'install dependencies into a virtualenv (/opt/venv) in the build stage and copy only that' });
    }
    if (finalWorkdir !== '/') {
      add({
        from: finalWorkdir,
        to: finalWorkdir,
        todo: ecosystem === 'node' ? 'copy only the build output (e.g. dist/) and production dependencies (`npm ci --omit=dev`)' : ecosystem === 'c' ? 'copy only the build outputs' : undefined,
      });
    } else if (!out.length) {
      add({ from: '/', to: '/', todo: 'copy only the build outputs the application needs' });
    }
  }
  return out;
}

function findVenv(source: DockerfileSource, evidence: readonly ToolchainEvidence[]): string | undefined {
  const stage = evidence[0] ? source.stageOf(evidence[0].instruction) : undefined;
  for (const ins of stage?.instructions ?? []) {
    if (ins.keyword !== 'RUN') continue;
    for (const c of source.commands(ins)) {
      const a = c.args.map((x) => x.value);
      const k = a.indexOf('venv');
      if (/^python/.test(c.program) && a[k - 1] === '-m' && k >= 0) {
        const dir = a.slice(k + 1).find((x) => !x.startsWith('-'));
        if (dir) return resolvePath(workdirAt(source, ins), dir);
      }
      if (c.program === 'virtualenv') {
        const dir = a.find((x) => !x.startsWith('-'));
        if (dir) return resolvePath(workdirAt(source, ins), dir);
      }
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Paths

/** Join and normalise POSIX paths (`..` and `.` resolved, no trailing slash except for `/`). */
export function resolvePath(base: string, p: string): string {
  const parts = (p.startsWith('/') ? p : `${base}/${p}`).split('/');
  const out: string[] = [];
  for (const part of parts) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return `/${out.join('/')}`;
}

/** The working directory an instruction runs in (WORKDIRs of the stage and the stages it is built on). */
const workdirCache = new WeakMap<DockerfileSource, Map<Instruction, string>>();

/** The working directory in effect before `ins` (following `FROM <stage>`), computed for the whole file once. */
export function workdirAt(source: DockerfileSource, ins: Instruction): string {
  const top = ins.parent ?? ins;
  let all = workdirCache.get(source);
  if (!all) {
    all = new Map();
    const endOfStage = new Map<number, string>();
    let wd = '/';
    for (const i of source.instructions) {
      if (i.keyword === 'FROM' && i.stage >= 0) {
        const st = source.stages[i.stage];
        wd = st.baseStage !== undefined ? (endOfStage.get(st.baseStage) ?? '/') : '/';
      }
      if (i.stage < 0) wd = '/';
      all.set(i, wd);
      if (i.stage >= 0 && i.keyword === 'WORKDIR' && i.rest.text.trim()) wd = resolvePath(wd, source.expand(i, i.rest.text.trim()).value);
      if (i.stage >= 0) endOfStage.set(i.stage, wd);
    }
    workdirCache.set(source, all);
  }
  return all.get(top) ?? '/';
}

/**
 * A stage on a Windows base image (`servercore`, `nanoserver`, `mcr.microsoft.com/windows/...`), or one
 * whose SHELL is Windows PowerShell or cmd (here or in a stage it is built on): no `RUN --mount`, other paths.
 */
export function isWindowsStage(source: DockerfileSource, stage: Stage | undefined): boolean {
  if (!stage) return windowsBase('');
  let w = windowsCache.get(stage);
  if (w === undefined) {
    w = windowsBase(baseImageOf(source, stage)) || source.stageChain(stage).some((st) => st.instructions.some(setsWindowsShell));
    windowsCache.set(stage, w);
  }
  return w;
}

/** `SHELL ["powershell", ...]` or `SHELL ["cmd", ...]`: programs that exist only on Windows (unlike `pwsh`). */
function setsWindowsShell(ins: Instruction): boolean {
  if (ins.keyword !== 'SHELL' || !ins.json?.values.length) return false;
  const prog = shellProgram(ins.json.values[0]);
  return prog === 'powershell' || prog === 'cmd';
}

const windowsCache = new WeakMap<Stage, boolean>();

function windowsBase(base: string): boolean {
  return /(^|[/:-])(windows|servercore|windowsservercore|nanoserver)([/:-]|$)|windowsservercore|nanoserver|ltsc20\d\d/.test(base);
}
