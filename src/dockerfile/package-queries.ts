/**
 * Questions about package-manager commands inside RUN: apt-get/apt, apk, pip, npm, and the stage's
 * SHELL. Built on the shell model (`Command`) and the generic flag helpers of `shell-queries`.
 */
import type { Instruction, Stage } from './nodes.js';
import type { Command, ShellWord } from './shell.js';
import { positionals } from './shell-queries.js';
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
      out.push(...a.slice(i + 1));
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

/** The stage's SHELL (exec form values) in effect at `ins`, following `FROM <stage>` inheritance; undefined: the default `/bin/sh -c`. */
export function shellAt(source: DockerfileSource, ins: Instruction): readonly string[] | undefined {
  const top = ins.parent ?? ins;
  const stage = source.stageOf(top);
  if (!stage) {
    let found: readonly string[] | undefined;
    for (const i of source.instructions) {
      if (i.index >= top.index) break;
      if (i.keyword === 'SHELL' && i.json) found = i.json.values;
    }
    return found;
  }
  return shellOfStage(source, stage, top.index, new Set());
}

function shellOfStage(source: DockerfileSource, stage: Stage, before: number, seen: Set<number>): readonly string[] | undefined {
  seen.add(stage.index);
  let found: readonly string[] | undefined;
  for (const i of stage.instructions) {
    if (i.index >= before) break;
    if (i.keyword === 'SHELL' && i.json) found = i.json.values;
  }
  if (found) return found;
  if (stage.baseStage !== undefined && !seen.has(stage.baseStage)) {
    return shellOfStage(source, source.stages[stage.baseStage], Infinity, seen);
  }
  return undefined;
}

/** The base image of a stage, following `FROM <stage>` to the external image. */
export function externalBase(source: DockerfileSource, stage: Stage | undefined): string | undefined {
  const seen = new Set<number>();
  let s = stage;
  while (s && s.baseStage !== undefined && !seen.has(s.index)) {
    seen.add(s.index);
    s = source.stages[s.baseStage];
  }
  return s?.base;
}
