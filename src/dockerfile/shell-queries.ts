import type { Span } from '../core/diagnostic.js';
import type { Flag, Instruction } from './nodes.js';
import type { Command, ShellWord } from './shell.js';

/** `-y`, `-qy` (combined short flags), `--yes`, `--yes=1`. Names without dashes; one letter = short flag. */
export function hasFlag(cmd: Command, ...names: string[]): boolean {
  return findFlag(cmd, ...names) !== undefined;
}

export function findFlag(cmd: Command, ...names: string[]): ShellWord | undefined {
  const shorts = names.filter((n) => n.length === 1);
  const longs = names.filter((n) => n.length > 1);
  for (const a of cmd.args) {
    const v = a.value;
    if (v === '--') break;
    if (v.startsWith('--')) {
      const name = v.slice(2).split('=', 1)[0];
      if (longs.includes(name)) return a;
    } else if (v.startsWith('-') && v.length > 1 && !/^-\d/.test(v)) {
      const letters = v.slice(1);
      // a single-dash long option such as `-qq` is matched literally too
      if (longs.includes(letters)) return a;
      if (shorts.some((s) => letters.includes(s))) return a;
    }
  }
  return undefined;
}

/** Value of `--name=value`, `--name value`, `-n value` or `-nvalue`. */
export function flagValue(cmd: Command, ...names: string[]): string | undefined {
  const args = cmd.args;
  for (let i = 0; i < args.length; i++) {
    const v = args[i].value;
    for (const n of names) {
      if (n.length > 1) {
        if (v === `--${n}` || v === `-${n}`) return args[i + 1]?.value;
        if (v.startsWith(`--${n}=`)) return v.slice(n.length + 3);
      } else {
        if (v === `-${n}`) return args[i + 1]?.value;
        if (v.startsWith(`-${n}`) && !v.startsWith('--')) return v.slice(2);
      }
    }
  }
  return undefined;
}

/**
 * Arguments that are not flags. `withValue` lists flags that take a separate value (so the value is
 * skipped), e.g. ['t', 'target-release'] for apt-get.
 */
export function positionals(cmd: Command, withValue: readonly string[] = []): ShellWord[] {
  const out: ShellWord[] = [];
  const args = cmd.args;
  let afterDashDash = false;
  for (let i = 0; i < args.length; i++) {
    const v = args[i].value;
    if (afterDashDash) {
      out.push(args[i]);
      continue;
    }
    if (v === '--') {
      afterDashDash = true;
      continue;
    }
    if (v.startsWith('--')) {
      const name = v.slice(2);
      if (!name.includes('=') && withValue.includes(name)) i++;
      continue;
    }
    if (v.startsWith('-') && v.length > 1) {
      const name = v.slice(1);
      if (withValue.includes(name) || (name.length === 1 && withValue.includes(name))) i++;
      continue;
    }
    out.push(args[i]);
  }
  return out;
}

export function isProgram(cmd: Command, ...names: string[]): boolean {
  return names.includes(cmd.program);
}

/** The first positional argument (`install` in `apt-get -y install x`). */
export function subcommand(cmd: Command, withValue: readonly string[] = []): string | undefined {
  return positionals(cmd, withValue)[0]?.value;
}

const APT_WITH_VALUE = ['t', 'target-release', 'o', 'option', 'c', 'config-file', 'a', 'host-architecture'];

/** `apt-get install ...` / `apt install ...` and its package arguments. */
export function aptInstall(cmd: Command): { packages: ShellWord[] } | undefined {
  if (!isProgram(cmd, 'apt-get', 'apt')) return undefined;
  const pos = positionals(cmd, APT_WITH_VALUE);
  if (pos[0]?.value !== 'install') return undefined;
  return { packages: pos.slice(1) };
}

export interface RunMount {
  readonly type: string;
  readonly target?: string;
  readonly source?: string;
  readonly from?: string;
  readonly id?: string;
  readonly sharing?: string;
  readonly options: Readonly<Record<string, string>>;
  readonly flag: Flag;
}

/** `RUN --mount=...` flags. */
export function mountsOf(ins: Instruction): RunMount[] {
  const target = ins.keyword === 'ONBUILD' && ins.trigger ? ins.trigger : ins;
  const out: RunMount[] = [];
  for (const f of target.flags) {
    if (f.name !== 'mount' || f.value === null) continue;
    const opts: Record<string, string> = {};
    for (const o of f.options) opts[o.key] = o.value;
    if (!f.options.length && f.value) opts.type = 'bind';
    const get = (...k: string[]) => k.map((x) => opts[x]).find((v) => v !== undefined);
    out.push({
      type: (opts.type ?? 'bind').toLowerCase(),
      target: get('target', 'dst', 'destination'),
      source: get('source', 'src'),
      from: opts.from,
      id: opts.id,
      sharing: opts.sharing,
      options: opts,
      flag: f,
    });
  }
  return out;
}

function normDir(p: string): string {
  return p.replace(/\/+$/, '') || '/';
}

/** A cache or tmpfs mount covers `dir` (the mount target is `dir` or one of its parents). */
export function hasCacheMount(ins: Instruction, dir: string | RegExp): boolean {
  return mountsOf(ins).some((m) => {
    if ((m.type !== 'cache' && m.type !== 'tmpfs') || !m.target) return false;
    const t = normDir(m.target);
    if (dir instanceof RegExp) return dir.test(t);
    const d = normDir(dir);
    return d === t || d.startsWith(t === '/' ? '/' : `${t}/`);
  });
}

/** Span of the whole RUN body (after flags), for fixes that append a command. */
export function runBodySpan(ins: Instruction): Span {
  return ins.restSpan;
}

/** Commands that remove `path` (or a parent of it, or a glob matching it): `rm -rf /var/lib/apt/lists/*`. */
export function removesPath(cmds: readonly Command[], path: string | RegExp): boolean {
  return cmds.some(
    (c) =>
      isProgram(c, 'rm') &&
      positionals(c).some((a) => {
        const v = a.value.replace(/\/\*+$/, '').replace(/\/+$/, '');
        return path instanceof RegExp ? path.test(a.value) || path.test(v) : v === normDir(path) || normDir(path).startsWith(`${v}/`);
      }),
  );
}
