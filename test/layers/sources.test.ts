import { afterAll, describe, expect, it } from 'vitest';
import { analyzeImage, ImageSourceError, type ImageAnalysis } from '../../src/layers/index.js';
import { dockerArchiveLegacy, layoutTar, ociLayout, type TestImage } from './helpers/image-builder.js';
import { scratch } from './helpers/files.js';

const tmp = scratch();
afterAll(() => tmp.cleanup());

const image: TestImage = {
  layers: [
    [{ name: 'etc/', type: 'directory' }, { name: 'etc/os-release', content: 'ID=test\n' }, { name: 'bin/busybox', content: 'B'.repeat(5000) }, { name: 'bin/sh', type: 'link', linkname: 'bin/busybox' }],
    [{ name: 'var/cache/apt/archives/x.deb', content: 'D'.repeat(3000) }, { name: 'app/main', content: 'M'.repeat(700) }],
    [{ name: 'var/cache/apt/archives/.wh.x.deb' }, { name: 'app/main', content: 'N'.repeat(800) }],
  ],
};

/** The numbers every source must agree on. */
const numbers = (a: ImageAnalysis) => ({
  configDigest: a.configDigest,
  layers: a.layers.map((l) => [l.digest, l.sizeBytes, l.fileCount, l.createdBy]),
  totalBytes: a.totalBytes,
  finalBytes: a.finalBytes,
  wastedBytes: a.wastedBytes,
  efficiency: a.efficiency,
  userWastedPercent: a.userWastedPercent,
  duplicateContentBytes: a.duplicateContentBytes,
});

async function writeLayoutDir(name: string, files: Map<string, Buffer>): Promise<string> {
  for (const [n, b] of files) tmp.write(`${name}/${n}`, b);
  return `${tmp.dir}/${name}`;
}

describe('sources give identical numbers', () => {
  it('legacy docker-archive, OCI archives (plain, gzip, zstd, shuffled), OCI dir, Docker 25 archive', async () => {
    const legacy = await analyzeImage(`docker-archive:${tmp.write('legacy.tar', await dockerArchiveLegacy(image))}`);
    expect(legacy.totalBytes).toBe(5008 + 3700 + 800);
    expect(legacy.wastedBytes).toBe(3700);
    const expected = numbers(legacy);
    for (const compression of ['none', 'gzip', 'zstd'] as const) {
      const layout = await ociLayout([{ ...image, compression }]);
      const reversed = await layoutTar(layout, (n) => [...n].reverse());
      const a = await analyzeImage(`oci-archive:${tmp.write(`oci-${compression}.tar`, reversed)}`);
      expect(numbers(a)).toEqual(expected);
      expect(a.manifestDigest).toBe(layout.manifestDigests[0]);
      if (compression !== 'none') expect(a.layers.every((l) => l.compression === compression && l.compressedBytes !== null)).toBe(true);
      const d = await analyzeImage(`oci:${await writeLayoutDir(`dir-${compression}`, layout.files)}`);
      expect(numbers(d)).toEqual(expected);
      // bare paths are sniffed
      expect(numbers(await analyzeImage(`${tmp.dir}/dir-${compression}`))).toEqual(expected);
    }
    const docker25 = await ociLayout([{ ...image, compression: 'gzip' }], { dockerManifestJson: true });
    const a25 = await analyzeImage(`${tmp.write('docker25.tar', await layoutTar(docker25))}`);
    expect(numbers(a25)).toEqual(expected);
  });

  it('legacy archives with a symlinked duplicate layer.tar read the target', async () => {
    const img: TestImage = { layers: [[{ name: 'a', content: 'same layer' }], [{ name: 'b', content: 'other' }], [{ name: 'a', content: 'same layer' }]] };
    const a = await analyzeImage(`docker-archive:${tmp.write('symlinked.tar', await dockerArchiveLegacy(img, { duplicateLastAsSymlink: true }))}`);
    expect(a.layers.map((l) => l.sizeBytes)).toEqual([10, 5, 10]);
    expect(a.layers[2].digest).toBe(a.layers[0].digest);
  });
});

describe('platforms', () => {
  const amd = { ...image, architecture: 'amd64', compression: 'gzip' as const };
  const arm = { layers: [[{ name: 'arm', content: 'arm64 only' }]], architecture: 'arm64' };

  it('picks the platform from a multi-platform index, skipping attestations', async () => {
    const layout = await ociLayout([amd, arm], { withAttestation: true });
    const dir = await writeLayoutDir('multi', layout.files);
    const a = await analyzeImage(`oci:${dir}`, { platform: 'linux/arm64' });
    expect(a.platform).toBe('linux/arm64');
    expect(a.totalBytes).toBe(10);
    const b = await analyzeImage(`oci-archive:${tmp.write('multi.tar', await layoutTar(layout))}`, { platform: 'linux/amd64' });
    expect(b.platform).toBe('linux/amd64');
    await expect(analyzeImage(`oci:${dir}`, { platform: 'linux/s390x' })).rejects.toThrow(/no image for linux\/s390x; it has: linux\/amd64, linux\/arm64/);
  });

  it('accepts archives where other platforms blobs are missing', async () => {
    const layout = await ociLayout([amd, arm], { withAttestation: true });
    const armManifest = layout.manifestDigests[1];
    // drop every blob only the arm64 image uses
    const files = new Map(layout.files);
    const m = JSON.parse((files.get(`blobs/sha256/${armManifest.slice(7)}`) as Buffer).toString()) as { layers: Array<{ digest: string }> };
    for (const l of m.layers) files.delete(`blobs/sha256/${l.digest.slice(7)}`);
    const a = await analyzeImage(`oci-archive:${tmp.write('partial.tar', await layoutTar({ ...layout, files }))}`, { platform: 'linux/amd64' });
    expect(a.layers).toHaveLength(3);
    await expect(analyzeImage(`oci-archive:${tmp.dir}/partial.tar`, { platform: 'linux/arm64' })).rejects.toMatchObject({ code: 'missing-blob' });
  });
});

describe('Docker 25+ archives', () => {
  it('use manifest.json for the image it lists and index.json for other platforms', async () => {
    const amd = { ...image, architecture: 'amd64', compression: 'gzip' as const };
    const arm = { layers: [[{ name: 'arm', content: 'arm64 only' }]], architecture: 'arm64' };
    const layout = await ociLayout([amd, arm], { withAttestation: true, dockerManifestJson: true });
    const file = tmp.write('docker25-multi.tar', await layoutTar(layout));
    expect((await analyzeImage(`docker-archive:${file}`)).platform).toBe('linux/amd64');
    expect((await analyzeImage(`docker-archive:${file}`, { platform: 'linux/amd64' })).totalBytes).toBe(9508);
    expect((await analyzeImage(`docker-archive:${file}`, { platform: 'linux/arm64' })).totalBytes).toBe(10);
  });
});

describe('bad references', () => {
  it('names what is wrong', async () => {
    await expect(analyzeImage('docker-archive:/nonexistent/x.tar')).rejects.toBeInstanceOf(ImageSourceError);
    await expect(analyzeImage('oci:/nonexistent')).rejects.toThrow(/not a directory/);
    await expect(analyzeImage('./nope.tar')).rejects.toThrow(/no such file/);
    await expect(analyzeImage('registry:Bad Name')).rejects.toMatchObject({ code: 'bad-reference' });
    await expect(analyzeImage(`oci:${tmp.dir}`, { platform: 'linux' })).rejects.toMatchObject({ code: 'bad-reference' });
  });
});
