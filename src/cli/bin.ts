// The bundle's entry (scripts/bundle.mjs): the CLI, or the lint worker when a lint worker thread was
// started through the launcher.
import { isMainThread, workerData } from 'node:worker_threads';

const lintWorker = !isMainThread && Boolean((workerData as { ballastLintWorker?: boolean } | null)?.ballastLintWorker);
void (lintWorker ? import('./commands/lint-worker.js') : import('./main.js'));
