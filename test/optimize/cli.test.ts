import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cli } from '../helpers/fake-io.js';

const fixtures = join(import.meta.dirname, '..', '..', 'fixtures', 'dockerfiles');
const tmp: string[] = [];
afterEach(() => {
  for (const d of tmp.splice(0)) rmSync(d, { recursive: true, force: true });
});
function copy(app: string): string {
  const d = mkdtempSync(join(tmpdir(), 'ballast-opt-test-'));
  tmp.push(d);
  cpSync(join(fixtures, app), d, { recursive: true });
  return d;
}

describe('ballast optimize (CLI)', () => {
  it('prints a unified diff and an explanation per rewrite, and writes nothing', async () => {
    const d = copy('c-make');
    const before = readFileSync(join(d, 'Dockerfile'), 'utf8');
    const r = await cli(['optimize', 'Dockerfile', '--no-color'], { cwd: d });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^--- a\/Dockerfile/m);
    expect(r.stdout).toMatch(/^\+FROM debian:bookworm-slim$/m);
    expect(r.stdout).toMatch(/^multi-stage \(review\)/m);
    expect(r.stdout).toMatch(/^apt-one-layer \(safe\)/m);
    expect(r.stdout).toMatch(/lint findings \d+ -> \d+/);
    expect(readFileSync(join(d, 'Dockerfile'), 'utf8')).toBe(before);
    expect(existsSync(join(d, '.dockerignore'))).toBe(false);
  });

  it('--write applies the rewrite and writes the .dockerignore; a second run has nothing to do', async () => {
    const d = copy('go-api');
    expect((await cli(['optimize', 'Dockerfile', '--write'], { cwd: d })).code).toBe(0);
    expect(readFileSync(join(d, 'Dockerfile'), 'utf8')).toMatch(/^FROM scratch$/m);
    expect(readFileSync(join(d, '.dockerignore'), 'utf8')).toMatch(/^\.git$/m);
    const again = await cli(['optimize', 'Dockerfile'], { cwd: d });
    expect(again.stdout).toBe('Dockerfile: nothing to optimize.\n');
  });

  it('--format json has every rewrite with its own diff and the lint counts', async () => {
    const d = copy('node-web');
    const r = await cli(['optimize', 'Dockerfile', '--format', 'json'], { cwd: d });
    const j = JSON.parse(r.stdout);
    expect(j.rewrites.map((w: { id: string }) => w.id)).toEqual(['multi-stage', 'apt-one-layer', 'apt-no-recommends', 'manifests-first', 'cache-mounts', 'dockerignore']);
    expect(j.rewrites[0].diff).toMatch(/^\+RUN npm prune --omit=dev$/m);
    expect(j.lint.after).toBeLessThan(j.lint.before);
    expect(j.verify).toBeNull();
  });

  it('--only / --skip choose rewrites; unknown ids are usage errors', async () => {
    const d = copy('go-api');
    const r = await cli(['optimize', 'Dockerfile', '--only', 'apt-one-layer', '--format', 'json'], { cwd: d });
    expect(JSON.parse(r.stdout).rewrites.map((w: { id: string }) => w.id)).toEqual(['apt-one-layer']);
    const bad = await cli(['optimize', 'Dockerfile', '--skip', 'nope'], { cwd: d });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/unknown rewrite "nope"/);
  });

  it('usage errors: a missing file, a binary file, --verify-cmd without --verify', async () => {
    const d = copy('go-api');
    expect((await cli(['optimize', 'nope/Dockerfile'], { cwd: d })).code).toBe(2);
    expect((await cli(['optimize', 'Dockerfile', '--verify-cmd', 'x'], { cwd: d })).code).toBe(2);
    const { writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    writeFileSync(join(d, 'image.tar'), Buffer.from([0x75, 0x73, 0x74, 0x00, 0x61, 0x72]));
    const binary = await cli(['optimize', 'image.tar'], { cwd: d });
    expect(binary.code).toBe(2);
    expect(binary.stderr).toContain('image.tar: looks like a binary file, not a Dockerfile');
  });

  it('--verify without a reachable engine says so and still prints the rewrite (exit 0)', async () => {
    const d = copy('go-api');
    const r = await cli(['optimize', 'Dockerfile', '--verify', '--no-color'], { cwd: d, env: { DOCKER_HOST: `unix://${join(d, 'no.sock')}` } });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^\+FROM scratch$/m);
    expect(r.stderr).toMatch(/cannot verify: the Docker engine is not reachable/);
  });
});
