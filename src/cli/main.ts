#!/usr/bin/env node
import { availableParallelism } from 'node:os';
import { run } from './run.js';

/** Set by the bundle (scripts/bundle.mjs): the launcher's URL, which also starts lint worker threads. */
declare const __BALLAST_LAUNCHER__: string | undefined;
const launcher = typeof __BALLAST_LAUNCHER__ === 'string' ? __BALLAST_LAUNCHER__ : undefined;
/** Set by the bundle: the launcher's hash of the bundle. */
declare const __BALLAST_BUILD__: string | undefined;

// The only module that touches `process`.
const io = {
  argv: process.argv.slice(2),
  cwd: process.cwd(),
  env: process.env,
  stdoutIsTTY: Boolean(process.stdout.isTTY),
  stderrIsTTY: Boolean(process.stderr.isTTY),
  stdoutColumns: process.stdout.columns,
  build: typeof __BALLAST_BUILD__ === 'string' ? __BALLAST_BUILD__ : undefined,
  // one core is left to the main thread and the garbage collector (on 2 cores, workers did not pay off)
  parallelism: Number(process.env.BALLAST_THREADS) || Math.max(1, availableParallelism() - 1),
  lintWorker: launcher ? { script: new URL(launcher), data: { ballastLintWorker: true } } : undefined,
  terminal: { stdin: process.stdin, stdout: process.stdout },
  writeOut: (s: string) => void process.stdout.write(s),
  writeErr: (s: string) => void process.stderr.write(s),
  readStdin: async () => {
    const chunks: Buffer[] = [];
    for await (const c of process.stdin) chunks.push(c as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  },
};

process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
});

run(io).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`ballast: ${(e as Error)?.message ?? String(e)}\n`);
    process.exitCode = 2;
  },
);
