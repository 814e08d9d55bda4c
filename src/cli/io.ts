/** Everything a command may touch outside itself; `main.ts` gives the real one, tests a fake. */
export interface Io {
  readonly argv: readonly string[];
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdoutIsTTY: boolean;
  readonly stderrIsTTY: boolean;
  readonly stdoutColumns?: number;
  /** The terminal's streams, for the interactive explorer (absent in tests and when embedded). */
  readonly terminal?: { readonly stdin: NodeJS.ReadStream; readonly stdout: NodeJS.WriteStream };
  /** The bundle's build (a content hash), which caches are keyed on; undefined when not bundled. */
  readonly build?: string;
  /** How many threads may lint in parallel (the CPUs of this machine); undefined or 1 = one. */
  readonly parallelism?: number;
  /** The script a lint worker thread runs, with the `workerData` that selects the lint worker in it. */
  readonly lintWorker?: { readonly script: URL; readonly data?: Readonly<Record<string, unknown>> };
  writeOut(text: string): void;
  writeErr(text: string): void;
  readStdin(): Promise<string>;
}

/** A usage, configuration or input problem: printed without a stack trace, exit code 2. */
export class UsageError extends Error {}

/** Colour decision: flag, then NO_COLOR, then FORCE_COLOR, then "a terminal that is not dumb". */
export function useColor(flag: boolean | undefined, env: Io['env'], isTTY: boolean): boolean {
  if (flag !== undefined) return flag;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return !(force === '0' || force === 'false');
  return isTTY && env.TERM !== 'dumb';
}
