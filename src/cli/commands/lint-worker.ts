// A lint worker: lints the batches of files the main thread sends and posts the outcomes back (see
// lintInParallel); on `done` it posts its one-time notices and exits.
import { parentPort, workerData } from 'node:worker_threads';
import { setNoticeSink } from '../../core/notices.js';
import type { LintConfig } from '../../engine/config.js';
import { expectManyShellScripts } from '../../dockerfile/shell.js';
import { lintFile, type FileOutcome, type LintOptions } from './lint.js';

const data = workerData as { opts: LintOptions; cwd: string; env: Record<string, string | undefined>; many?: boolean };
if (data.many) expectManyShellScripts();
const notices: string[] = [];
setNoticeSink((m) => notices.push(m));
const cache = new Map<string, LintConfig>();
const port = parentPort!;
port.on('message', async (m: { done?: boolean; start?: number; files?: string[] }) => {
  if (m.done) {
    port.postMessage({ notices });
    port.close();
    return;
  }
  const outcomes: FileOutcome[] = [];
  for (const f of m.files ?? []) {
    try {
      outcomes.push(await lintFile(f, data.opts, { cwd: data.cwd, env: data.env }, cache));
    } catch (e) {
      outcomes.push({ error: `${f}: ${(e as Error).message.split('\n')[0]}` });
    }
  }
  port.postMessage({ start: m.start, outcomes });
});
// loaded: ask for the first batch
port.postMessage({ ready: true });
