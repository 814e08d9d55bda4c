import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findConfigFile } from '../../src/cli/config-find.js';

describe('findConfigFile', () => {
  it('finds the nearest .ballast.yaml upward, and a memo gives the same answers', () => {
    const root = mkdtempSync(join(tmpdir(), 'ballast-find-'));
    mkdirSync(join(root, 'a', 'b'), { recursive: true });
    mkdirSync(join(root, 'a', 'c'), { recursive: true });
    mkdirSync(join(root, 'd'), { recursive: true });
    writeFileSync(join(root, 'a', '.ballast.yaml'), 'preset: all\n');
    writeFileSync(join(root, 'd', '.ballast.yaml'), 'preset: none\n');
    writeFileSync(join(root, 'a', 'c', '.hadolint.yaml'), 'ignored: []\n');
    const env = { HOME: join(root, 'home') };
    const memo = new Map<string, string | null>();
    for (const dir of ['a/b', 'a/c', 'a', 'd', 'a/b']) {
      const plain = findConfigFile(join(root, dir), env);
      expect(findConfigFile(join(root, dir), env, memo)).toEqual(plain);
    }
    expect(findConfigFile(join(root, 'a', 'b'), env, memo)?.file).toBe(join(root, 'a', '.ballast.yaml'));
    // .ballast.yaml upward wins over a nearer .hadolint.yaml
    expect(findConfigFile(join(root, 'a', 'c'), env, memo)).toEqual({ file: join(root, 'a', '.ballast.yaml'), kind: 'ballast' });
  });
});
