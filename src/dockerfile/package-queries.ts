/**
 * Questions about package-manager commands inside RUN: apt-get/apt, apk, pip, npm, yum/dnf/microdnf,
 * zypper, gem and go; wrappers such as `sudo` and `env` in front of them ({@link effectiveCommand});
 * package words with ARG/ENV variables; cleanup order within a RUN; and the stage's SHELL. Built on the
 * shell model (`Command`) and the generic flag helpers of `shell-queries`.
 */
import type { Instruction, Stage } from './nodes.js';
import type { Command, ShellWord } from './shell.js';
import { findFlag, positionals, removesPath } from './shell-queries.js';
import type { DockerfileSource } from './source.js';

/** The same command with only the arguments after index `k` (for `python -m pip install ...`). */
export function argsFrom(cmd: Command, k: number): Command {
  return { ...cmd, args: cmd.args.slice(k) };
}

/** Options of apt-get / apt that take a separate value. */
export const APT_WITH_VALUE = ['t', 'target-release', 'default-release', 'o', 'option', 'c', 'config-file', 'a', 'host-architecture'];

export interface AptInstall {
  /** `apt-get` or `apt`. */
  readonly tool: string;
  /** The `install` word. */
  readonly install: ShellWord;
  readonly packages: readonly ShellWord[];
}

/** `apt-get install ...` (and `apt install ...` when `withApt`). */
export function aptGetInstall(cmd: Command, withApt = true): AptInstall | undefined {
  if (cmd.program !== 'apt-get' && !(withApt && cmd.program === 'apt')) return undefined;
  const pos = positionals(cmd, APT_WITH_VALUE);
  if (pos[0]?.value !== 'install') return undefined;
  return { tool: cmd.program, install: pos[0], packages: pos.slice(1) };
}

/** `apt-get update`, `apt update`, `aptitude update`. */
export function isAptUpdate(cmd: Command): boolean {
  if (cmd.program !== 'apt-get' && cmd.program !== 'apt' && cmd.program !== 'aptitude') return false;
  return positionals(cmd, APT_WITH_VALUE)[0]?.value === 'update';
}

/** Values given to `-o`/`--option` (`-o APT::Get::Assume-Yes=true`), lower-cased. */
export function aptOptions(cmd: Command): Map<string, string> {
  const out = new Map<string, string>();
  const a = cmd.args;
  for (let i = 0; i < a.length; i++) {
    const v = a[i].value;
    let opt: string | undefined;
    if (v === '-o' || v === '--option') opt = a[i + 1]?.value;
    else if (v.startsWith('--option=')) opt = v.slice('--option='.length);
    else if (/^-o./.test(v)) opt = v.slice(2);
    if (!opt) continue;
    const eq = opt.indexOf('=');
    if (eq > 0) out.set(opt.slice(0, eq).toLowerCase(), opt.slice(eq + 1).toLowerCase());
  }
  return out;
}

const TRUE = /^(1|yes|true|on)$/i;
const FALSE = /^(0|no|false|off)$/i;

/** apt's quiet level: `-q` 1, `-qq`/`-q -q`/`-q=2`/`--quiet=2` 2. */
export function aptQuietLevel(cmd: Command): number {
  let level = 0;
  for (const a of cmd.args) {
    const v = a.value;
    if (v === '--') break;
    let m: RegExpExecArray | null;
    if ((m = /^(?:-q|--quiet)=(\d+)$/.exec(v))) level += Number(m[1]);
    else if (v === '--quiet') level++;
    else if (/^-[a-zA-Z]+$/.test(v) && !v.startsWith('--')) {
      // -o takes a value: letters after it are the value
      const letters = v.slice(1).split('o', 1)[0];
      level += [...letters].filter((c) => c === 'q').length;
    }
  }
  return level;
}

/** apt-get answers prompts on its own: -y/--yes/--assume-yes, quiet level 2, or `-o APT::Get::Assume-Yes=true`. */
export function aptAssumesYes(cmd: Command): boolean {
  for (const a of cmd.args) {
    const v = a.value;
    if (v === '--') break;
    if (/^--(yes|assume-yes)(=.*)?$/.test(v)) return !/=(0|no|false|off)$/i.test(v);
    if (/^-[a-zA-Z]+$/.test(v) && v.slice(1).split('o', 1)[0].includes('y')) return true;
  }
  if (aptQuietLevel(cmd) >= 2) return true;
  const y = aptOptions(cmd).get('apt::get::assume-yes');
  return y !== undefined && TRUE.test(y);
}

/** `--no-install-recommends` or `-o APT::Install-Recommends=false`. */
export function aptSkipsRecommends(cmd: Command): boolean {
  for (const a of cmd.args) {
    if (a.value === '--') break;
    if (a.value === '--no-install-recommends') return true;
  }
  const r = aptOptions(cmd).get('apt::install-recommends');
  return r !== undefined && FALSE.test(r);
}

/** apk options that take a separate value. */
const APK_WITH_VALUE = [
  't',
  'virtual',
  'X',
  'repository',
  'p',
  'root',
  'keys-dir',
  'repositories-file',
  'arch',
  'cache-dir',
  'cache-max-age',
  'wait',
  'timeout',
  'force-binary-stdout',
];

export interface ApkAdd {
  readonly add: ShellWord;
  readonly packages: readonly ShellWord[];
}

/** `apk add ...` and its package arguments (the `--virtual` name excluded). */
export function apkAdd(cmd: Command): ApkAdd | undefined {
  if (cmd.program !== 'apk') return undefined;
  const pos = operands(cmd, APK_WITH_VALUE);
  if (pos[0]?.value !== 'add') return undefined;
  return { add: pos[0], packages: pos.slice(1) };
}

/** Like `positionals`, but short options are case-sensitive and may be combined (`-qr file`: the last letter takes the value). */
export function operands(cmd: Command, withValue: readonly string[]): ShellWord[] {
  const out: ShellWord[] = [];
  const a = cmd.args;
  for (let i = 0; i < a.length; i++) {
    const v = a[i].value;
    if (v === '--') {
      for (let k = i + 1; k < a.length; k++) out.push(a[k]);
      break;
    }
    if (v.startsWith('--')) {
      if (!v.includes('=') && withValue.includes(v.slice(2))) i++;
      continue;
    }
    if (v.startsWith('-') && v.length > 1) {
      const last = v[v.length - 1];
      if (withValue.includes(last) && v.length >= 2 && /^-[a-zA-Z]+$/.test(v)) i++;
      continue;
    }
    out.push(a[i]);
  }
  return out;
}

const PIP_WITH_VALUE = [
  'r',
  'requirement',
  'c',
  'constraint',
  'e',
  'editable',
  'i',
  'index-url',
  'extra-index-url',
  'f',
  'find-links',
  'trusted-host',
  't',
  'target',
  'prefix',
  'root',
  'b',
  'build',
  'src',
  'upgrade-strategy',
  'platform',
  'python-version',
  'implementation',
  'abi',
  'root-user-action',
  'log',
  'log-file',
  'proxy',
  'retries',
  'timeout',
  'exists-action',
  'cert',
  'client-cert',
  'cache-dir',
  'progress-bar',
  'global-option',
  'install-option',
  'C',
  'config-settings',
  'no-binary',
  'only-binary',
  'report',
  'group',
  'python',
  'pip-args',
  'suffix',
  'preinstall',
  'index-url',
];

export interface PipInstall {
  /** `pip`, `pip3`, `pipx`... */
  readonly tool: string;
  readonly install: ShellWord;
  /** The arguments after `install`. */
  readonly rest: Command;
}

/** `pip install`, `pip3.12 install`, `python -m pip install`, `pipx install`. */
export function pipInstall(cmd: Command, withPipx = false): PipInstall | undefined {
  let from = 0;
  let tool = cmd.program;
  if (/^python(\d(\.\d+)?)?$/.test(cmd.program)) {
    const m = cmd.args.findIndex((a) => a.value === '-m');
    if (m < 0 || !/^pip(\d(\.\d+)?)?$/.test(cmd.args[m + 1]?.value ?? '')) return undefined;
    from = m + 2;
    tool = cmd.args[m + 1].value;
  } else if (!/^pip(\d(\.\d+)?)?$/.test(cmd.program) && !(withPipx && cmd.program === 'pipx')) {
    return undefined;
  }
  const sub = argsFrom(cmd, from);
  const first = positionals(sub, ['log', 'proxy', 'retries', 'timeout', 'cert', 'client-cert', 'cache-dir', 'exists-action', 'python'])[0];
  if (first?.value !== 'install') return undefined;
  const k = sub.args.indexOf(first);
  return { tool, install: first, rest: argsFrom(sub, k + 1) };
}

/** Names of pip's install options that take a value (for `positionals`). */
export const PIP_INSTALL_WITH_VALUE: readonly string[] = PIP_WITH_VALUE;

const NPM_INSTALL = new Set(['install', 'i', 'in', 'ins', 'inst', 'insta', 'instal', 'isnt', 'isnta', 'isntal', 'isntall', 'add']);
const NPM_WITH_VALUE = [
  'registry',
  'loglevel',
  'prefix',
  'cache',
  'tag',
  'userconfig',
  'globalconfig',
  'w',
  'workspace',
  'omit',
  'include',
  'install-strategy',
  'before',
  'location',
  'scope',
  'otp',
  'auth-type',
  'script-shell',
  'C',
];

export interface NpmInstall {
  readonly install: ShellWord;
  readonly packages: readonly ShellWord[];
}

/** `npm install <pkg...>` (and its aliases `i`, `add`...). */
export function npmInstall(cmd: Command): NpmInstall | undefined {
  if (cmd.program !== 'npm') return undefined;
  const pos = operands(cmd, NPM_WITH_VALUE);
  if (!pos[0] || !NPM_INSTALL.has(pos[0].value)) return undefined;
  return { install: pos[0], packages: pos.slice(1) };
}

/** The program a SHELL runs, from its first value: lower-cased, without directory or `.exe` (`powershell`, `cmd`, `bash`). */
export function shellProgram(argv0: string): string {
  return (argv0.split(/[\\/]/).pop() ?? '').toLowerCase().replace(/\.exe$/, '');
}

/** PowerShell or cmd: a shell whose scripts are not POSIX shell (pipefail and ShellCheck do not apply). */
export function isNonPosixShell(program: string): boolean {
  const p = shellProgram(program);
  return p === 'pwsh' || p === 'powershell' || p === 'cmd';
}

/** The stage's SHELL (exec form values) in effect at `ins`, following `FROM <stage>` inheritance; undefined: the default `/bin/sh -c`. */
const shellCache = new WeakMap<DockerfileSource, Map<Instruction, readonly string[] | undefined>>();

/** The SHELL in effect before `ins` (inherited through `FROM <stage>`), computed for the whole file once. */
export function shellAt(source: DockerfileSource, ins: Instruction): readonly string[] | undefined {
  const top = ins.parent ?? ins;
  let all = shellCache.get(source);
  if (!all) {
    all = new Map();
    const endOfStage = new Map<number, readonly string[] | undefined>();
    let shell: readonly string[] | undefined;
    for (const i of source.instructions) {
      if (i.keyword === 'FROM' && i.stage >= 0) {
        const st = source.stages[i.stage];
        shell = st.baseStage !== undefined ? endOfStage.get(st.baseStage) : undefined;
      }
      all.set(i, shell);
      if (i.keyword === 'SHELL' && i.json) shell = i.json.values;
      if (i.stage >= 0) endOfStage.set(i.stage, shell);
    }
    shellCache.set(source, all);
  }
  return all.get(top);
}

/** The base image of a stage, following `FROM <stage>` to the external image. */
export function externalBase(source: DockerfileSource, stage: Stage | undefined): string | undefined {
  return source.stageChain(stage)[0]?.base;
}

// ---------------------------------------------------------------------------------------------
// Wrappers: `sudo apt-get install`, `env X=1 pip install`, `nice -n 5 make`...

interface WrapperSpec {
  /** Short (one letter) and long option names that take a separate value. */
  readonly withValue: readonly string[];
  /** `NAME=value` words before the command are environment assignments (env, sudo). */
  readonly assignments?: boolean;
  /** Options after which the wrapper does not run a command (`command -v`, `sudo -l`). */
  readonly noCommand?: readonly string[];
}

const WRAPPERS: Readonly<Record<string, WrapperSpec>> = {
  sudo: {
    withValue: ['u', 'g', 'h', 'p', 'C', 'D', 'r', 't', 'U', 'T', 'c', 'user', 'group', 'host', 'prompt', 'close-from', 'chdir', 'role', 'type', 'other-user', 'command-timeout', 'login-class'],
    assignments: true,
    noCommand: ['l', 'list', 'v', 'validate', 'k', 'K', 'reset-timestamp', 'remove-timestamp', 'e', 'edit', 'V', 'version', 'h', 'help'],
  },
  doas: { withValue: ['u', 'C'], noCommand: ['L'] },
  env: { withValue: ['u', 'unset', 'C', 'chdir'], assignments: true, noCommand: ['S', 'split-string'] },
  nice: { withValue: ['n', 'adjustment'] },
  nohup: { withValue: [] },
  time: { withValue: ['f', 'format', 'o', 'output'] },
  command: { withValue: [], noCommand: ['v', 'V'] },
  exec: { withValue: ['a'] },
};

/**
 * The command a wrapper runs: `sudo -u app pip install x` → `pip install x`, `env -u X A=1 yum ...` →
 * `yum ...` (with `A=1` as an assignment), also `doas`, `nice`, `nohup`, `time`, `command` and `exec`,
 * nested in any order. The result keeps the span, depth and pipeline of the original command (findings
 * still cover the whole line, and edits on the argument words stay valid). Commands that are not
 * wrappers, or wrappers that run nothing (`command -v x`, `sudo -l`), are returned unchanged.
 */
export function effectiveCommand(cmd: Command): Command {
  if (!WRAPPERS[cmd.program]) return cmd;
  let c = effectiveCache.get(cmd);
  if (!c) {
    c = unwrap(cmd);
    effectiveCache.set(cmd, c);
  }
  return c;
}

/** Several rules look through the wrappers of the same commands: each is unwrapped once. */
const effectiveCache = new WeakMap<Command, Command>();

function unwrap(cmd: Command): Command {
  let c = cmd;
  for (let guard = 0; guard < 8; guard++) {
    const spec = WRAPPERS[c.program];
    if (!spec) return c;
    const a = c.args;
    const assignments = [...c.assignments];
    let k = 0;
    let stop = false;
    for (; k < a.length; k++) {
      const v = a[k].value;
      if (a[k].dynamic && v.startsWith('$')) return c;
      if (v === '--') {
        k++;
        break;
      }
      if (v.startsWith('--')) {
        const name = v.slice(2).split('=', 1)[0];
        if (spec.noCommand?.includes(name)) stop = true;
        if (!v.includes('=') && spec.withValue.includes(name)) k++;
        continue;
      }
      if (v === '-' && c.program === 'env') continue;
      if (v.startsWith('-') && v.length > 1) {
        if (c.program === 'nice' && /^-\d+$/.test(v)) continue;
        const letters = v.slice(1);
        for (let j = 0; j < letters.length; j++) {
          if (spec.noCommand?.includes(letters[j])) stop = true;
          if (spec.withValue.includes(letters[j])) {
            // the rest of the word is the value, or the next word is
            if (j === letters.length - 1) k++;
            break;
          }
        }
        continue;
      }
      if (spec.assignments && /^[A-Za-z_][A-Za-z0-9_]*=/.test(v)) {
        const eq = v.indexOf('=');
        assignments.push({ name: v.slice(0, eq), value: v.slice(eq + 1), span: a[k].span });
        continue;
      }
      break;
    }
    if (stop || k >= a.length) return c;
    const nameWord = a[k];
    const name = nameWord.dynamic ? '' : nameWord.value;
    c = { ...c, name, program: baseName(name), nameWord, args: a.slice(k + 1), assignments };
  }
  return c;
}

function baseName(p: string): string {
  const i = p.lastIndexOf('/');
  return i >= 0 ? p.slice(i + 1) : p;
}

/** The commands of a RUN with wrappers removed ({@link effectiveCommand}). */
const packageCommandCache = new WeakMap<readonly Command[], Command[]>();

/** The commands of a RUN with wrappers (`sudo`, `env X=1`...) seen through; computed once per RUN. */
export function packageCommands(source: DockerfileSource, ins: Instruction): Command[] {
  const cmds = source.commands(ins);
  let out = packageCommandCache.get(cmds);
  if (!out) {
    out = cmds.map(effectiveCommand);
    packageCommandCache.set(cmds, out);
  }
  return out;
}

/** `yes | cmd`: the command reads its answers from `yes`. */
export function fedByYes(all: readonly Command[], cmd: Command): boolean {
  return cmd.piped && all.some((c) => c.pipeline === cmd.pipeline && c.span.end <= cmd.span.start && effectiveCommand(c).program === 'yes');
}

// ---------------------------------------------------------------------------------------------
// yum / dnf / microdnf

export type RpmFamily = 'yum' | 'dnf' | 'microdnf';

/** Options of yum/dnf/microdnf that take a separate value. */
const RPM_WITH_VALUE = [
  'c',
  'config',
  'x',
  'exclude',
  'd',
  'debuglevel',
  'e',
  'errorlevel',
  'R',
  'randomwait',
  'setopt',
  'enablerepo',
  'disablerepo',
  'repo',
  'repoid',
  'repofrompath',
  'installroot',
  'releasever',
  'forcearch',
  'downloaddir',
  'destdir',
  'color',
  'comment',
  'rpmverbosity',
  'advisory',
  'advisories',
  'bz',
  'bzs',
  'cve',
  'cves',
  'sec-severity',
  'secseverity',
  'disableexcludes',
  'disableplugin',
  'enableplugin',
  'noplugins-except',
  'use-host-config',
  'from-repo',
];

const RPM_ACTIONS: Readonly<Record<string, string>> = {
  install: 'install',
  in: 'install',
  localinstall: 'install',
  reinstall: 'reinstall',
  rei: 'reinstall',
  upgrade: 'upgrade',
  up: 'upgrade',
  update: 'upgrade',
  'upgrade-minimal': 'upgrade-minimal',
  'up-min': 'upgrade-minimal',
  'update-minimal': 'upgrade-minimal',
  remove: 'remove',
  rm: 'remove',
  erase: 'remove',
  autoremove: 'autoremove',
  downgrade: 'downgrade',
  dg: 'downgrade',
  'distro-sync': 'distro-sync',
  dsync: 'distro-sync',
  distrosync: 'distro-sync',
  'distribution-synchronization': 'distro-sync',
  swap: 'swap',
  builddep: 'builddep',
  'build-dep': 'builddep',
  groupinstall: 'group install',
  groupupdate: 'group upgrade',
  groupremove: 'group remove',
  groupinfo: 'group info',
  grouplist: 'group list',
  clean: 'clean',
  makecache: 'makecache',
};

export interface RpmCommand {
  /** `yum`, `dnf` (also `dnf5`, `tdnf`), or `microdnf`. */
  readonly family: RpmFamily;
  /** The program as written (`dnf5`). */
  readonly tool: string;
  /** The subcommand word (`install`, `in`, `module`...). */
  readonly verb: ShellWord;
  /** Normalised action: `install`, `upgrade`, `remove`, `clean`, `group install`, `module install`... */
  readonly action: string;
  /** The word after which `-y` can go: the verb, or the second word of `module install`/`group install`. */
  readonly actionWord: ShellWord;
  /** Operands after the action (package specs, or the argument of `clean`). */
  readonly operands: readonly ShellWord[];
}

/** The programs {@link rpmCommand} knows. */
export const RPM_PROGRAMS: readonly string[] = ['yum', 'dnf', 'dnf5', 'dnf-3', 'tdnf', 'microdnf'];

/** yum, dnf, dnf5, tdnf and microdnf commands. */
export function rpmCommand(cmd: Command): RpmCommand | undefined {
  const p = cmd.program;
  const family: RpmFamily | undefined = p === 'yum' ? 'yum' : p === 'dnf' || p === 'dnf5' || p === 'dnf-3' || p === 'tdnf' ? 'dnf' : p === 'microdnf' ? 'microdnf' : undefined;
  if (!family) return undefined;
  const pos = operands(cmd, RPM_WITH_VALUE);
  const verb = pos[0];
  if (!verb) return undefined;
  if (verb.value === 'module' || verb.value === 'group' || verb.value === 'groups') {
    const sub = pos[1];
    if (!sub) return undefined;
    const s = RPM_ACTIONS[sub.value] ?? sub.value;
    return { family, tool: p, verb, action: `${verb.value === 'module' ? 'module' : 'group'} ${s}`, actionWord: sub, operands: pos.slice(2) };
  }
  const action = RPM_ACTIONS[verb.value];
  if (!action) return undefined;
  return { family, tool: p, verb, action, actionWord: verb, operands: pos.slice(1) };
}

/** Actions that ask for a confirmation without `-y`. */
const RPM_PROMPTS = /^(install|reinstall|upgrade|upgrade-minimal|remove|autoremove|downgrade|distro-sync|swap|builddep|group (install|upgrade|remove|mark)|module (install|enable|disable|reset|remove|switch-to|update|upgrade))$/;
/** Actions that download packages and metadata into the cache. */
const RPM_FILLS = /^(install|reinstall|upgrade|upgrade-minimal|downgrade|distro-sync|swap|builddep|group (install|upgrade)|module (install|update|upgrade|switch-to))$/;

export function rpmPrompts(r: RpmCommand): boolean {
  return RPM_PROMPTS.test(r.action);
}

export function rpmFillsCache(r: RpmCommand): boolean {
  return RPM_FILLS.test(r.action);
}

/** `-y`, `--assumeyes`, `--assume-yes`, `--setopt=assumeyes=1`. */
export function rpmAssumesYes(cmd: Command): boolean {
  for (const a of cmd.args) {
    const v = a.value;
    if (v === '--') break;
    if (/^--(assumeyes|assume-yes|yes)$/.test(v)) return true;
    if (/^-[a-zA-Z]+$/.test(v) && v.slice(1).includes('y')) {
      // letters after a value-taking short option belong to its value
      const letters = v.slice(1);
      const cut = [...letters].findIndex((ch) => RPM_WITH_VALUE.includes(ch));
      if ((cut < 0 ? letters : letters.slice(0, cut + 1)).includes('y')) return true;
    }
  }
  const a = cmd.args.map((w) => w.value);
  for (let k = 0; k < a.length; k++) {
    const opt = a[k] === '--setopt' ? a[k + 1] : a[k].startsWith('--setopt=') ? a[k].slice('--setopt='.length) : undefined;
    if (opt && /^assumeyes=(1|true|yes|on)$/i.test(opt)) return true;
  }
  return false;
}

/** `dnf clean all` with the same tool family. */
export function isRpmCleanAll(cmd: Command, family: RpmFamily): boolean {
  const r = rpmCommand(cmd);
  return !!r && r.family === family && r.action === 'clean' && r.operands.some((o) => o.value === 'all');
}

// ---------------------------------------------------------------------------------------------
// zypper

const ZYPPER_GLOBAL_WITH_VALUE = ['c', 'config', 'userdata', 's', 'table-style', 'D', 'reposd-dir', 'C', 'cache-dir', 'raw-cache-dir', 'solv-cache-dir', 'pkg-cache-dir', 'p', 'plus-repo', 'plus-content', 'R', 'root', 'installroot', 'releasever', 'disable-repositories'];
const ZYPPER_CMD_WITH_VALUE = ['r', 'repo', 'from', 't', 'type', 'download', 'C', 'capability'];

const ZYPPER_ACTIONS: Readonly<Record<string, string>> = {
  install: 'install',
  in: 'install',
  remove: 'remove',
  rm: 'remove',
  update: 'update',
  up: 'update',
  patch: 'patch',
  'dist-upgrade': 'dist-upgrade',
  dup: 'dist-upgrade',
  'source-install': 'source-install',
  si: 'source-install',
  'install-new-recommends': 'install-new-recommends',
  inr: 'install-new-recommends',
  clean: 'clean',
  cc: 'clean',
  refresh: 'refresh',
  ref: 'refresh',
};

export interface ZypperCommand {
  readonly verb: ShellWord;
  readonly action: string;
  /** Words before the verb (global options). */
  readonly globals: readonly ShellWord[];
  /** Words after the verb. */
  readonly rest: Command;
  /** Operands after the verb (package specs). */
  readonly operands: readonly ShellWord[];
}

export function zypperCommand(cmd: Command): ZypperCommand | undefined {
  if (cmd.program !== 'zypper') return undefined;
  const verb = operands(cmd, ZYPPER_GLOBAL_WITH_VALUE)[0];
  if (!verb) return undefined;
  const action = ZYPPER_ACTIONS[verb.value];
  if (!action) return undefined;
  const k = cmd.args.indexOf(verb);
  const rest = argsFrom(cmd, k + 1);
  return { verb, action, globals: cmd.args.slice(0, k), rest, operands: operands(rest, ZYPPER_CMD_WITH_VALUE) };
}

/** Actions that stop at a confirmation prompt without `-n`. */
export function zypperPrompts(z: ZypperCommand): boolean {
  return ['install', 'remove', 'update', 'patch', 'dist-upgrade', 'source-install', 'install-new-recommends'].includes(z.action);
}

/** Actions that download packages into /var/cache/zypp. */
export function zypperFillsCache(z: ZypperCommand): boolean {
  return ['install', 'update', 'patch', 'dist-upgrade', 'source-install', 'install-new-recommends'].includes(z.action);
}

/** `zypper -n`/`--non-interactive` (anywhere, as hadolint accepts it), or `-y`/`--no-confirm` after the subcommand. */
export function zypperNonInteractive(cmd: Command, z: ZypperCommand): boolean {
  if (findFlag(cmd, 'n', 'non-interactive')) return true;
  return findFlag(z.rest, 'y', 'no-confirm') !== undefined;
}

// ---------------------------------------------------------------------------------------------
// gem

const GEM_WITH_VALUE = ['v', 'version', 'i', 'install-dir', 'n', 'bindir', 'build-root', 's', 'source', 'P', 'trust-policy', 'g', 'file', 'platform', 'config-file', 'document', 'target-rbconfig', 'p', 'http-proxy'];
const GEM_BOOLEAN = /^--(no-)?(document|ri|rdoc|user-install|conservative|minimal-deps|force|prerelease|pre|default|env-shebang|norc|backtrace|debug|quiet|silent|verbose|wrappers|format-executable|ignore-dependencies|development|development-all|lock|suggestions|post-install-message|explain|clear-sources|update-sources|vendor|http-proxy)$/;

export interface GemInstall {
  readonly install: ShellWord;
  readonly packages: readonly ShellWord[];
  /** `-v`/`--version` given: it applies to every gem of the command. */
  readonly version?: ShellWord;
}

/** `gem install|i ...` (up to `--`, after which come build options). */
export function gemInstall(cmd: Command): GemInstall | undefined {
  if (!/^gem\d*(\.\d+)*$/.test(cmd.program)) return undefined;
  const a = cmd.args;
  let k = 0;
  while (k < a.length && a[k].value.startsWith('-')) k += GEM_WITH_VALUE.includes(a[k].value.replace(/^--?/, '')) ? 2 : 1;
  const install = a[k];
  if (!install || (install.value !== 'install' && install.value !== 'i')) return undefined;
  const packages: ShellWord[] = [];
  let version: ShellWord | undefined;
  for (let i = k + 1; i < a.length; i++) {
    const v = a[i].value;
    if (v === '--') break;
    if (v.startsWith('-') && v.length > 1) {
      const name = v.startsWith('--') ? v.slice(2).split('=', 1)[0] : v.slice(1, 2);
      if (name === 'v' || name === 'version') version = a[i];
      if (v.includes('=') || (!v.startsWith('--') && v.length > 2)) continue;
      if (GEM_WITH_VALUE.includes(name)) i++;
      else if (v.startsWith('--') && !GEM_BOOLEAN.test(v) && /^(true|false|yes|no|on|off)$/i.test(a[i + 1]?.value ?? '')) i++;
      continue;
    }
    packages.push(a[i]);
  }
  return { install, packages, version };
}

// ---------------------------------------------------------------------------------------------
// go

const GO_WITH_VALUE = ['o', 'C', 'p', 'ldflags', 'gcflags', 'asmflags', 'gccgoflags', 'tags', 'mod', 'modfile', 'pkgdir', 'buildmode', 'compiler', 'installsuffix', 'overlay', 'pgo', 'toolexec', 'exec', 'coverpkg', 'covermode', 'buildvcs', 'reuse'];

export interface GoModuleCommand {
  /** `install`, `get` or `run`. */
  readonly verb: ShellWord;
  /** Package/module arguments (for `go run`, only the program, not its arguments). */
  readonly packages: readonly ShellWord[];
}

/** `go install|get|run <pkg>[@version]...`. */
export function goModuleCommand(cmd: Command): GoModuleCommand | undefined {
  if (cmd.program !== 'go') return undefined;
  const a = cmd.args;
  const verb = a[0];
  if (!verb || !['install', 'get', 'run'].includes(verb.value)) return undefined;
  const packages: ShellWord[] = [];
  for (let i = 1; i < a.length; i++) {
    const v = a[i].value;
    if (v === '--') continue;
    if (v.startsWith('-') && v.length > 1) {
      const name = v.replace(/^--?/, '').split('=', 1)[0];
      if (!v.includes('=') && GO_WITH_VALUE.includes(name)) i++;
      continue;
    }
    packages.push(a[i]);
    if (verb.value === 'run') break; // the rest are the program's arguments
  }
  return { verb, packages };
}

// ---------------------------------------------------------------------------------------------
// Cleanup in the same RUN

/**
 * Whether a RUN's layer ends up in an image: it belongs to the final stage or a stage the final stage
 * is built `FROM` (`shipped`, from `shippedStages`), it is an ONBUILD trigger (it runs in whatever
 * image is built on this one), or it stands before any FROM (a snippet).
 */
export function layerShips(ins: Instruction, shipped: ReadonlySet<number>): boolean {
  if (ins.parent) return true;
  return ins.stage < 0 || shipped.has(ins.stage);
}

/**
 * The first command that fills a cache (`fills`) with no cleanup (`cleans`) after it in the same RUN:
 * cleanups before the install do not count.
 */
export function uncleanedFill(cmds: readonly Command[], fills: (c: Command) => boolean, cleans: (c: Command) => boolean): Command | undefined {
  // usually nothing fills a cache: then the cleanups need not be looked at
  const filling = cmds.filter((c) => fills(c));
  if (!filling.length) return undefined;
  let lastClean = -1;
  for (const c of cmds) if (cleans(c)) lastClean = Math.max(lastClean, c.span.start);
  return filling.find((c) => c.span.start > lastClean);
}

/** `rm` of one of `dirs` (or its contents, or a parent). */
export function removesAny(cmd: Command, dirs: readonly string[]): boolean {
  return cmd.program === 'rm' && dirs.some((d) => removesPath([cmd], d));
}

// ---------------------------------------------------------------------------------------------
// Package words with variables

/** A shell variable the RUN itself sets (`V=1.2 && ...`, `export V=...`, `for V in ...`, `read V`). */
function setInScript(source: DockerfileSource, ins: Instruction, name: string): boolean {
  const text = source
    .shell(ins)
    .map((s) => s.text)
    .join('\n');
  const n = name.replace(/[^A-Za-z0-9_]/g, '');
  return new RegExp(`(^|[\\s;&|(])${n}=|\\bfor\\s+${n}\\b|\\bread\\b[^;&|\\n]*\\b${n}\\b|\\b(export|local|declare|typeset|readonly)\\s+(-\\w+\\s+)*${n}\\b`).test(text);
}

/** An ARG or ENV anywhere in the file declares `name`. */
function declaredInFile(source: DockerfileSource, name: string): boolean {
  return source.instructions.some((i) => (i.keyword === 'ARG' || i.keyword === 'ENV') && (i.pairs ?? []).some((p) => p.key === name));
}

/**
 * The package specs a word stands for, with `$VAR`/`${VAR}` taken from the ARG/ENV in scope (an
 * unset variable expands to nothing, as in the build). undefined when the value cannot be known: the
 * word is only a variable that is not set, the RUN sets the variable itself, the Dockerfile never
 * declares the variable (the base image may set it), it is an ARG without a default (set with
 * --build-arg), or the word holds a command substitution. A
 * variable holding several words yields each of them.
 */
export function packageSpecs(source: DockerfileSource, ins: Instruction, w: ShellWord): string[] | undefined {
  if (!w.dynamic) return [w.value];
  if (/\$\(|`/.test(w.raw)) return undefined;
  const e = source.expand(ins, w.raw);
  if (e.error) return undefined;
  if (e.refs.some((r) => setInScript(source, ins, r.name))) return undefined;
  // a variable the Dockerfile never declares may come from the base image's ENV: unknown. One declared
  // only in another stage is empty here (BuildKit does not carry it across FROM).
  if (e.undefinedRefs.some((r) => !declaredInFile(source, r.name))) return undefined;
  // `ARG V` without a default: the value comes from --build-arg
  const scope = source.scope(ins);
  if (e.refs.some((r) => scope.get(r.name)?.value === null)) return undefined;
  if (/^["']?\$\{?[A-Za-z_][A-Za-z0-9_]*\}?["']?$/.test(w.raw) && e.undefinedRefs.length) return undefined;
  const quoted = /^"/.test(w.raw);
  return quoted ? [e.value] : e.value.split(/\s+/).filter(Boolean);
}

/**
 * An rpm package spec (yum/dnf) that names a version: `name-version[-release]`, with an optional
 * epoch (`openssl-1:1.1.1k`); the last `-` part starts with a digit. Local files, URLs and `@group`
 * specs need none. Module specs (`module install`) need a stream: `name:stream`.
 */
export function rpmSpecPinned(spec: string, module: boolean): boolean {
  if (/\.rpm$/i.test(spec) || spec.includes('/') || spec.startsWith('@')) return true;
  if (module) return spec.includes(':');
  const dash = spec.lastIndexOf('-');
  return dash > 0 && /^\d/.test(spec.slice(dash + 1));
}
