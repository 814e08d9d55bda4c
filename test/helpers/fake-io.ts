import type { Io } from '../../src/cli/io.js';
import { run } from '../../src/cli/run.js';

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run the CLI in-process with a fake terminal. */
export async function cli(argv: string[], opts: { cwd?: string; env?: Record<string, string>; stdin?: string; tty?: boolean } = {}): Promise<RunResult> {
  let stdout = '';
  let stderr = '';
  const io: Io = {
    argv,
    cwd: opts.cwd ?? process.cwd(),
    env: { HOME: '/nonexistent', ...(opts.env ?? {}) },
    stdoutIsTTY: opts.tty ?? false,
    stderrIsTTY: opts.tty ?? false,
    writeOut: (s) => void (stdout += s),
    writeErr: (s) => void (stderr += s),
    readStdin: async () => opts.stdin ?? '',
  };
  const code = await run(io);
  return { code, stdout, stderr };
}
