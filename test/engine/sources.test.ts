import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeImageDetailed, finalEntries, layerEntries, removedPaths, type ImageAnalysis } from '../../src/layers/index.js';
import { build, DOCKER, requireEngine, run } from './helpers.js';

/**
 * One scenario image, built by the real engine, read through every source: the engine API, a
 * `docker save` archive, skopeo OCI archives (gzip and zstd layers), an OCI directory, and pulls
 * from real registries on loopback with and without auth. All must agree.
 */
const TAG = 'ballast-test/layers-scenario:1';
const dir = mkdtempSync(join(tmpdir(), 'ballast-engine-'));
const results = new Map<string, ImageAnalysis>();
let paths: string[] = [];
let opaque: { layer: number; removed: string[] } | null = null;

// skopeo rewrites the config when it converts to OCI, so the config digest is compared separately
const numbers = (a: ImageAnalysis) => ({
  layers: a.layers.map((l) => [l.digest, l.sizeBytes, l.fileCount, l.createdBy, l.added, l.modified, l.removed]),
  totalBytes: a.totalBytes,
  finalBytes: a.finalBytes,
  finalFileCount: a.finalFileCount,
  wastedBytes: a.wastedBytes,
  efficiency: a.efficiency,
  diveWastedBytes: a.diveWastedBytes,
  userWastedPercent: a.userWastedPercent,
  duplicateContentBytes: a.duplicateContentBytes,
  leftovers: a.leftovers.map((l) => [l.category, l.path, l.sizeBytes, l.layer]),
});

const skopeo = (...args: string[]): string => run('skopeo', ['--insecure-policy', ...args]);

beforeAll(() => {
  requireEngine();
  build(TAG, 'fixtures/images/scenarios/layers');
  run(DOCKER, ['save', '-o', join(dir, 'save.tar'), TAG]);
  skopeo('copy', '--dest-compress', '--dest-compress-format', 'gzip', `docker-daemon:${TAG}`, `oci-archive:${join(dir, 'gzip.tar')}`);
  skopeo('copy', '--dest-compress', '--dest-compress-format', 'zstd', `docker-daemon:${TAG}`, `oci-archive:${join(dir, 'zstd.tar')}`);
  skopeo('copy', `docker-daemon:${TAG}`, `oci:${join(dir, 'layout')}`);
  skopeo('copy', '--dest-tls-verify=false', `docker-daemon:${TAG}`, 'docker://127.0.0.1:5000/ballast/scenario:1');
  skopeo('copy', '--dest-tls-verify=false', '--dest-creds', 'ballast:ballast-pass', `docker-daemon:${TAG}`, 'docker://127.0.0.1:5001/ballast/scenario:1');
  writeFileSync(join(dir, 'config.json'), JSON.stringify({ auths: { '127.0.0.1:5001': { auth: Buffer.from('ballast:ballast-pass').toString('base64') } } }));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('every source reads the same image', () => {
  const sources: Array<[string, () => string, string?]> = [
    ['engine', () => `docker:${TAG}`],
    ['docker save', () => `docker-archive:${join(dir, 'save.tar')}`],
    ['skopeo gzip', () => `oci-archive:${join(dir, 'gzip.tar')}`],
    ['skopeo zstd', () => `oci-archive:${join(dir, 'zstd.tar')}`],
    ['oci dir', () => `oci:${join(dir, 'layout')}`],
    ['registry', () => 'registry:127.0.0.1:5000/ballast/scenario:1'],
    ['registry with auth', () => 'registry:127.0.0.1:5001/ballast/scenario:1', 'config.json'],
  ];
  for (const [name, ref, config] of sources) {
    it(name, async () => {
      const { analysis, files } = await analyzeImageDetailed(ref(), { dockerConfigPath: join(dir, config ?? 'none.json') });
      results.set(name, analysis);
      if (name === 'engine') {
        paths = [...finalEntries(files)].map((e) => e.path);
        const layer = analysis.layers.findIndex((_, i) => [...layerEntries(files, i)].some((e) => e.kind === 'opaque' && e.path === '/data/keep'));
        opaque = layer < 0 ? null : { layer, removed: removedPaths(files, layer) };
      }
      expect(numbers(analysis)).toEqual(numbers(results.get('engine') as ImageAnalysis));
      if (!name.startsWith('skopeo') && name !== 'oci dir') expect(analysis.configDigest).toBe(results.get('engine')?.configDigest);
      if (name.startsWith('skopeo')) expect(analysis.layers.every((l) => l.compression === name.slice(7))).toBe(true);
    });
  }

  it('without credentials the auth registry refuses with a clear error', async () => {
    await expect(analyzeImageDetailed('registry:127.0.0.1:5001/ballast/scenario:1', { dockerConfigPath: join(dir, 'none.json') })).rejects.toMatchObject({ code: 'auth' });
  });

  it('the numbers are right', () => {
    const a = results.get('engine') as ImageAnalysis;
    // the 1 MiB and 200 KiB files deleted later, the rewritten /data/keep/file, and the cleared /data/keep
    expect(a.wastedBytes).toBeGreaterThanOrEqual(1024 * 1024 + 200 * 1024 + 10 * 1024);
    expect(a.wastedFiles.map((w) => w.path)).toEqual(expect.arrayContaining(['/data/big', '/data/gone/a']));
    expect(paths).toEqual(expect.arrayContaining(['/data/keep/other', '/h/a', '/h/b', '/data/note.txt']));
    expect(paths).not.toContain('/data/keep/file');
    // overlay2 writes `rm -rf /data/keep && mkdir /data/keep` as an opaque directory
    expect(opaque?.removed).toContain('/data/keep/file');
    expect(paths).not.toContain('/data/big');
    expect(paths.some((p) => p.length > 240)).toBe(true); // a GNU/PAX long name
    expect(a.duplicateContentBytes).toBeGreaterThanOrEqual(5); // /data/copy1 and /data/copy2; /h/b is a hardlink, not a copy
    expect(a.leftovers.map((l) => l.category)).toContain('apk-cache');
    expect(a.layers.at(-1)?.createdBy).toMatch(/COPY note.txt/);
  });
});
