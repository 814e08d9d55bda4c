import { describe, expect, it } from 'vitest';
import { analyzeImageDetailed, finalEntries, layerEntries, type ImageAnalysis } from '../../src/layers/index.js';

/**
 * Archives written by the real tools (see fixtures/images/scenarios/layers/make-archives.sh):
 * a gzipped `docker save` (legacy layout) and a skopeo OCI archive with zstd layers.
 */
const DIR = 'fixtures/images/scenarios/layers';
const numbers = (a: ImageAnalysis) => ({
  layers: a.layers.map((l) => [l.digest, l.sizeBytes, l.fileCount, l.createdBy, l.added, l.modified, l.removed]),
  totalBytes: a.totalBytes,
  finalBytes: a.finalBytes,
  wastedBytes: a.wastedBytes,
  efficiency: a.efficiency,
  userWastedPercent: a.userWastedPercent,
  duplicateContentBytes: a.duplicateContentBytes,
});

describe('archives made by docker save and skopeo', () => {
  it('agree with each other and show the scenario', async () => {
    const docker = await analyzeImageDetailed(`docker-archive:${DIR}/scenario-docker.tar.gz`);
    const oci = await analyzeImageDetailed(`oci-archive:${DIR}/scenario-oci-zstd.tar`);
    expect(numbers(oci.analysis)).toEqual(numbers(docker.analysis));
    expect(oci.analysis.layers.every((l) => l.compression === 'zstd')).toBe(true);
    expect(docker.analysis.layers.every((l) => l.compression === 'none')).toBe(true);

    const a = docker.analysis;
    const paths = [...finalEntries(docker.files)].map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['/data/keep/other', '/h/a', '/h/b', '/data/note.txt', '/data/copy1']));
    expect(paths).not.toContain('/data/keep/file');
    const opaqueLayer = a.layers.findIndex((_, i) => [...layerEntries(docker.files, i)].some((e) => e.kind === 'opaque'));
    expect(a.layers[opaqueLayer].createdBy).toMatch(/rm -rf \/data\/keep && mkdir \/data\/keep/);
    expect(a.wasteByLayer.map((w) => [w.layer, w.hiddenBy, w.reason, w.sizeBytes])).toEqual(
      expect.arrayContaining([[1, 2, 'removed', 1024 * 1024 + 200 * 1024]]),
    );
    expect(a.duplicateContentBytes).toBe(5);
    expect(a.leftovers.find((l) => l.category === 'apk-cache')).toMatchObject({ path: '/var/cache/apk', layer: 1 });
  });
});
