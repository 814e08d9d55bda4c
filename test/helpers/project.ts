import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A temporary directory holding `files` (relative path -> text), for tests that run the CLI in it. */
export function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'ballast-cli-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}
