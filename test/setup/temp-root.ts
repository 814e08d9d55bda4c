// Vitest global setup: every temporary file and directory of a test run (the tests' own, and those of
// the CLI processes they start) goes under one directory, removed when the run ends, so that runs do
// not pile up in the system's temporary directory. Set KEEP_TEST_TMP=1 to keep it for debugging.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), 'ballast-test-run-'));
  const previous = process.env.TMPDIR;
  // forked test workers and the processes they spawn inherit it; os.tmpdir() reads it on every call
  process.env.TMPDIR = root;
  return () => {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    if (!process.env.KEEP_TEST_TMP) rmSync(root, { recursive: true, force: true });
  };
}
