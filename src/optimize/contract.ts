/**
 * The contract an optimized image keeps with the original: the parts of the image configuration a
 * container sees (CMD, ENTRYPOINT, ENV, USER, WORKDIR, EXPOSE) and the output of a command run in both.
 * Pure: the CLI gets the configurations and outputs from the engine.
 */

export interface ImageContract {
  readonly cmd?: readonly string[] | null;
  readonly entrypoint?: readonly string[] | null;
  readonly env?: readonly string[] | null;
  readonly user?: string;
  readonly workingDir?: string;
  readonly exposedPorts?: Readonly<Record<string, unknown>> | null;
}

export interface ContractCheck {
  readonly what: 'CMD' | 'ENTRYPOINT' | 'ENV' | 'USER' | 'WORKDIR' | 'EXPOSE' | 'output';
  readonly ok: boolean;
  readonly before: string;
  readonly after: string;
}

/** The PATH the engine gives a container whose image sets none. */
export const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

function envMap(env: readonly string[] | null | undefined): Map<string, string> {
  const m = new Map<string, string>();
  for (const e of env ?? []) {
    const i = e.indexOf('=');
    m.set(i < 0 ? e : e.slice(0, i), i < 0 ? '' : e.slice(i + 1));
  }
  // a container without PATH in its image gets the engine's default: the process sees the same value
  if (!m.has('PATH')) m.set('PATH', DEFAULT_PATH);
  return m;
}

const show = (v: unknown) => (v === undefined || v === null || (Array.isArray(v) && !v.length) || v === '' ? '(none)' : JSON.stringify(v));

/** Compare the configuration of two images. */
export function compareContract(before: ImageContract, after: ImageContract): ContractCheck[] {
  const out: ContractCheck[] = [];
  const same = (what: ContractCheck['what'], a: unknown, b: unknown) => {
    const sa = show(a);
    const sb = show(b);
    out.push({ what, ok: sa === sb, before: sa, after: sb });
  };
  same('CMD', before.cmd ?? null, after.cmd ?? null);
  same('ENTRYPOINT', before.entrypoint ?? null, after.entrypoint ?? null);
  const ea = envMap(before.env);
  const eb = envMap(after.env);
  const keys = [...new Set([...ea.keys(), ...eb.keys()])].sort();
  const diff = keys.filter((k) => ea.get(k) !== eb.get(k));
  out.push({
    what: 'ENV',
    ok: diff.length === 0,
    before: diff.length ? diff.map((k) => `${k}=${ea.get(k) ?? '(unset)'}`).join(' ') : `${ea.size} variables`,
    after: diff.length ? diff.map((k) => `${k}=${eb.get(k) ?? '(unset)'}`).join(' ') : `${eb.size} variables`,
  });
  same('USER', before.user || 'root', after.user || 'root');
  same('WORKDIR', before.workingDir || '/', after.workingDir || '/');
  same('EXPOSE', Object.keys(before.exposedPorts ?? {}).sort(), Object.keys(after.exposedPorts ?? {}).sort());
  return out;
}

/** `1.21 GB`, `46.2 MB`, `812 kB` (decimal units, as the engine reports image sizes). */
export function formatSize(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let v = bytes;
  let u = 0;
  while (v >= 1000 && u < units.length - 1) {
    v /= 1000;
    u++;
  }
  return `${u === 0 ? v : v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2)} ${units[u]}`;
}

/** `84 s`, `3.1 s`. */
export function formatSeconds(ms: number): string {
  const s = ms / 1000;
  return s >= 10 ? `${s.toFixed(0)} s` : `${s.toFixed(1)} s`;
}

export interface Measurement {
  readonly sizeBefore: number;
  readonly sizeAfter: number;
  readonly coldBefore: number;
  readonly coldAfter: number;
  readonly rebuildBefore?: number;
  readonly rebuildAfter?: number;
}

/** Size reduction in percent (positive: smaller). */
export function reduction(m: Pick<Measurement, 'sizeBefore' | 'sizeAfter'>): number {
  return m.sizeBefore > 0 ? (1 - m.sizeAfter / m.sizeBefore) * 100 : 0;
}

/** `1.21 GB -> 46 MB (-96%), cold build 120 s -> 95 s, rebuild after a source change 84 s -> 3 s`. */
export function summarize(m: Measurement): string {
  const pct = reduction(m);
  let s = `${formatSize(m.sizeBefore)} -> ${formatSize(m.sizeAfter)} (${pct >= 0 ? '-' : '+'}${Math.abs(pct).toFixed(0)}%), cold build ${formatSeconds(m.coldBefore)} -> ${formatSeconds(m.coldAfter)}`;
  if (m.rebuildBefore !== undefined && m.rebuildAfter !== undefined) s += `, rebuild after a source change ${formatSeconds(m.rebuildBefore)} -> ${formatSeconds(m.rebuildAfter)}`;
  return s;
}

/** Split a `--verify-cmd` string into words (single and double quotes, backslash escapes; no expansion). */
export function splitCommand(cmd: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quote: '"' | "'" | undefined;
  let has = false;
  for (let i = 0; i < cmd.length; i++) {
    const ch = cmd[i];
    if (quote) {
      if (ch === quote) quote = undefined;
      else if (ch === '\\' && quote === '"' && i + 1 < cmd.length) cur += cmd[++i];
      else cur += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      has = true;
    } else if (ch === '\\' && i + 1 < cmd.length) {
      cur += cmd[++i];
      has = true;
    } else if (/\s/.test(ch)) {
      if (has || cur) out.push(cur);
      cur = '';
      has = false;
    } else {
      cur += ch;
      has = true;
    }
  }
  if (quote) throw new Error(`unterminated ${quote} in command`);
  if (has || cur) out.push(cur);
  return out;
}
