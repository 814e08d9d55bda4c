// A lint worker: lints its share of the files and posts the outcomes back (see lintInWorkers).
import { parentPort, workerData } from 'node:worker_threads';
import { setNoticeSink } from '../../core/notices.js';
import type { LintConfig } from '../../engine/config.js';
import { lintFile, type FileOutcome, type LintOptions } from './lint.js';

const data = workerData as { files: string[]; opts: LintOptions; cwd: string; env: Record<string, string | undefined> };
const notices: string[] = [];
setNoticeSink((m) => notices.push(m));
const cache = new Map<string, LintConfig>();
const outcomes: FileOutcome[] = [];
for (const f of data.files) {
  try {
    outcomes.push(await lintFile(f, data.opts, { cwd: data.cwd, env: data.env }, cache));
  } catch (e) {
    outcomes.push({ error: `${f}: ${(e as Error).message.split('\n')[0]}` });
  }
}
parentPort!.postMessage({ outcomes, notices });
