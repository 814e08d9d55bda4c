import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** A scratch directory for test inputs (the library itself never writes). */
export function scratch(): { dir: string; write: (name: string, data: Buffer) => string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'ballast-layers-'));
  return {
    dir,
    write(name, data) {
      const p = join(dir, name);
      mkdirSync(dirname(p), { recursive: true });
      writeFileSync(p, data);
      return p;
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}
