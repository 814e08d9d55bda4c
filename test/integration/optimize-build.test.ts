/**
 * Builds fixtures before and after `ballast optimize` with the real engine (BuildKit through the engine
 * API, host network for apt) and checks the size reduction and the image contract, including the
 * output of the application run in both images. Small fixtures only: CI has two cores.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { dirContext, ensureImageFromText, verifyRewrite } from '../../src/cli/commands/optimize.js';
import { optimizeText } from '../../src/optimize/index.js';
import { DEBIAN_SLIM_DOCKERFILE, DEBIAN_SLIM_TAG } from '../../src/optimize/local-bases.js';
import { cli } from '../helpers/fake-io.js';

const root = join(import.meta.dirname, '..', '..', 'fixtures', 'dockerfiles');
const env = { ...process.env };

beforeAll(async () => {
  await ensureImageFromText(env, DEBIAN_SLIM_TAG, DEBIAN_SLIM_DOCKERFILE, 'host');
});

async function verifyFixture(app: string, cmd: string[], minReduction: number) {
  const dir = join(root, app);
  const text = readFileSync(join(dir, 'Dockerfile'), 'utf8');
  const r = await optimizeText(join(dir, 'Dockerfile'), text, {}, dirContext(dir, 'Dockerfile'));
  expect(r.rewrites.map((w) => w.id)).toContain('multi-stage');
  const v = await verifyRewrite({ contextDir: dir, dockerfileName: 'Dockerfile', original: text, rewritten: r.output, dockerignore: r.dockerignore, verifyArgv: cmd, network: 'host', tag: `it-${app}`, env });
  console.log(`${app}: ${v.summary}`);
  expect(v.checks.filter((c) => !c.ok)).toEqual([]);
  expect(v.ok).toBe(true);
  expect(v.before.output).toMatch(/\S/);
  expect(1 - v.measurement.sizeAfter / v.measurement.sizeBefore).toBeGreaterThanOrEqual(minReduction);
  expect(v.measurement.rebuildAfter).toBeDefined();
  return v;
}

describe('ballast optimize --verify with the real engine', () => {
  it('c-make: make install into a slim runtime, same output, at least 70% smaller', async () => {
    await verifyFixture('c-make', ['cstat', '1', '2', '3', '4'], 0.7);
  });

  it('go-api through the CLI: static binary on scratch, same output, at least 95% smaller, measured line printed', async () => {
    const args = ['optimize', join(root, 'go-api', 'Dockerfile'), '--verify', '--verify-cmd', 'hello-api --selftest', '--network', 'host'];
    const res = await cli([...args, '--format', 'json'], { env: env as Record<string, string> });
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    const v = JSON.parse(res.stdout).verify;
    console.log(`go-api: ${v.summary}`);
    expect(v.ok).toBe(true);
    expect(v.checks.map((c: { what: string }) => c.what)).toEqual(['CMD', 'ENTRYPOINT', 'ENV', 'USER', 'WORKDIR', 'EXPOSE', 'output']);
    expect(v.before.output).toBe('hello, ballast');
    expect(1 - v.measurement.sizeAfter / v.measurement.sizeBefore).toBeGreaterThanOrEqual(0.95);
    expect(v.summary).toMatch(/\d+(\.\d+)? [kMG]?B -> \d+(\.\d+)? [kMG]?B \(-\d+%\), cold build .* rebuild after a source change/);
  });
});

describe('without an engine', () => {
  it('says so and still prints the rewrite (exit 0)', async () => {
    const res = await cli(['optimize', join(root, 'go-api', 'Dockerfile'), '--verify', '--no-color'], { env: { DOCKER_HOST: 'unix:///nonexistent/docker.sock' } });
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/FROM scratch/);
    expect(res.stderr).toMatch(/cannot verify: the Docker engine is not reachable/);
  });
});
