import { afterAll, describe, expect, it } from 'vitest';
import { analyzeImage, analyzeImageDetailed, ImageSourceError } from '../../src/layers/index.js';
import { buildLayers, configFor, dockerArchiveLegacy, layoutTar, makeTar, ociLayout, sha256, type TestImage } from './helpers/image-builder.js';
import { scratch } from './helpers/files.js';

const tmp = scratch();
afterAll(() => tmp.cleanup());
let n = 0;
const file = (b: Buffer): string => tmp.write(`bad-${n++}.tar`, b);

/** A raw ustar header, for inputs tar-stream's packer refuses to write. */
function header(name: string, size: number | bigint, type = '0'): Buffer {
  const h = Buffer.alloc(512);
  h.write(name, 0, 100, 'latin1');
  h.write('0000644\0', 100);
  h.write('0000000\0', 108);
  h.write('0000000\0', 116);
  if (typeof size === 'bigint') {
    h[124] = 0x80; // base-256
    h.writeBigUInt64BE(size, 128);
  } else h.write(size.toString(8).padStart(11, '0') + '\0', 124);
  h.write('00000000000\0', 136);
  h.write(type, 156);
  h.write('ustar\0', 257);
  h.write('00', 263);
  h.fill(0x20, 148, 156);
  let sum = 0;
  for (const b of h) sum += b;
  h.write(sum.toString(8).padStart(6, '0') + '\0 ', 148);
  return h;
}

/** Wraps raw layer tars into a legacy docker archive with a matching config. */
async function archiveOf(layers: Buffer[]): Promise<Buffer> {
  const config = Buffer.from(JSON.stringify({ os: 'linux', architecture: 'amd64', rootfs: { type: 'layers', diff_ids: layers.map((l) => sha256(l)) } }));
  return makeTar([
    ...layers.map((l, i) => ({ name: `l${i}/layer.tar`, content: l })),
    { name: 'c.json', content: config },
    { name: 'manifest.json', content: JSON.stringify([{ Config: 'c.json', Layers: layers.map((_, i) => `l${i}/layer.tar`) }]) },
  ]);
}

const simple: TestImage = { layers: [[{ name: 'a', content: 'a'.repeat(5000) }], [{ name: 'b', content: 'b'.repeat(7000) }]] };

async function expectError(p: Promise<unknown>, code: string, pattern: RegExp): Promise<void> {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(ImageSourceError);
  expect((e as ImageSourceError).code).toBe(code);
  expect((e as ImageSourceError).message).toMatch(pattern);
}

describe('bad input gives a typed error naming the problem', () => {
  it('truncated archive', async () => {
    const full = await dockerArchiveLegacy(simple);
    await expectError(analyzeImage(`docker-archive:${file(full.subarray(0, 3000))}`), 'corrupt', /bad-\d+\.tar/);
  });

  it('not an archive at all, and an empty file', async () => {
    await expectError(analyzeImage(`docker-archive:${file(Buffer.from('hello, this is not a tar'.repeat(40)))}`), 'corrupt', /not a readable image archive|neither/);
    await expectError(analyzeImage(`docker-archive:${file(Buffer.alloc(0))}`), 'corrupt', /empty/);
  });

  for (const compression of ['gzip', 'zstd'] as const) {
    it(`corrupt and truncated ${compression} layers`, async () => {
      const layout = await ociLayout([{ ...simple, compression }]);
      const layers = await buildLayers({ ...simple, compression });
      const key = `blobs/sha256/${layers[1].digest.slice(7)}`;
      const blob = layout.files.get(key) as Buffer;
      const corrupt = Buffer.from(blob);
      for (let i = 12; i < corrupt.length - 12; i++) corrupt[i] ^= 0x5a;
      const truncated = blob.subarray(0, Math.floor(blob.length / 2));
      for (const [label, bad] of [['corrupt', corrupt], ['truncated', truncated]] as const) {
        const files = new Map(layout.files).set(key, bad);
        const archive = file(await layoutTar({ ...layout, files }));
        await expectError(analyzeImage(`oci-archive:${archive}`), 'corrupt', new RegExp(`${layers[1].digest.slice(7)}: ${compression} data is corrupt or truncated`));
        for (const [k, v] of files) tmp.write(`${label}-${compression}/${k}`, v);
        await expectError(analyzeImage(`oci:${tmp.dir}/${label}-${compression}`), 'corrupt', new RegExp(`${layers[1].digest}: ${compression} data is corrupt or truncated`));
      }
    });
  }

  it('missing blob and digest mismatch in an OCI layout', async () => {
    const layout = await ociLayout([{ ...simple, compression: 'gzip' }]);
    const layers = await buildLayers({ ...simple, compression: 'gzip' });
    const key = `blobs/sha256/${layers[0].digest.slice(7)}`;
    const missing = new Map(layout.files);
    missing.delete(key);
    await expectError(analyzeImage(`oci-archive:${file(await layoutTar({ ...layout, files: missing }))}`), 'missing-blob', /missing/);
    const other = await buildLayers({ layers: [[{ name: 'a', content: 'z'.repeat(5000) }]], compression: 'gzip' });
    const swapped = new Map(layout.files).set(key, other[0].blob);
    for (const [k, v] of swapped) tmp.write(`swapped/${k}`, v);
    await expectError(analyzeImage(`oci:${tmp.dir}/swapped`), 'digest-mismatch', new RegExp(layers[0].digest));
  });

  it('diff_id that does not match the config', async () => {
    const layers = await buildLayers(simple);
    const config = JSON.parse(configFor(simple, layers).toString()) as { rootfs: { diff_ids: string[] } };
    config.rootfs.diff_ids[1] = sha256('something else');
    const archive = await makeTar([
      ...layers.map((l, i) => ({ name: `l${i}/layer.tar`, content: l.tar })),
      { name: 'c.json', content: JSON.stringify(config) },
      { name: 'manifest.json', content: JSON.stringify([{ Config: 'c.json', Layers: ['l0/layer.tar', 'l1/layer.tar'] }]) },
    ]);
    await expectError(analyzeImage(`docker-archive:${file(archive)}`), 'digest-mismatch', /layer 1 .* but the config says/);
  });

  it('names that climb out of the layer or are absolute', async () => {
    const dotdot = Buffer.concat([header('../../etc/passwd', 0), Buffer.alloc(1024)]);
    await expectError(analyzeImage(`docker-archive:${file(await archiveOf([dotdot]))}`), 'corrupt', /"\.\.\/\.\.\/etc\/passwd" climbs out/);
    const abs = Buffer.concat([header('/etc/passwd', 0), Buffer.alloc(1024)]);
    await expectError(analyzeImage(`docker-archive:${file(await archiveOf([abs]))}`), 'corrupt', /absolute name/);
  });

  it('absurd header sizes', async () => {
    const huge = Buffer.concat([header('big', 2n ** 62n), Buffer.alloc(1024)]);
    await expectError(analyzeImage(`docker-archive:${file(await archiveOf([huge]))}`), 'corrupt', /impossible size|truncated|Unexpected end/);
    const lying = Buffer.concat([header('big', 0o77777777777), Buffer.alloc(4096)]);
    await expectError(analyzeImage(`docker-archive:${file(await archiveOf([lying]))}`), 'corrupt', /l0\/layer\.tar/);
  });

  it('many empty entries: bounded by the entry limit, and fast without it', async () => {
    const count = 50_000;
    const parts: Buffer[] = [];
    for (let i = 0; i < count; i++) parts.push(header(`d${i % 100}/f${i}`, 0));
    parts.push(Buffer.alloc(1024));
    const layer = Buffer.concat(parts);
    const path = file(await archiveOf([layer]));
    await expectError(analyzeImageDetailed(`docker-archive:${path}`, { limits: { maxEntries: 10_000 } }), 'limit', /more than 10000 entries/);
    const t = performance.now();
    const a = await analyzeImage(`docker-archive:${path}`);
    expect(a.layers[0].fileCount).toBe(count);
    expect(performance.now() - t).toBeLessThan(20_000);
  }, 60_000);

  it('symlink loops are data, not a hang', async () => {
    const img: TestImage = { layers: [[{ name: 'a', type: 'symlink', linkname: 'b' }, { name: 'b', type: 'symlink', linkname: 'a' }, { name: 'self', type: 'symlink', linkname: 'self' }]] };
    const a = await analyzeImage(`docker-archive:${file(await dockerArchiveLegacy(img))}`);
    expect(a.finalFileCount).toBe(3);
  });

  it('a path 30,000 directories deep is data, not a stack overflow', async () => {
    const deep = Array(30_000).fill('a').join('/');
    const layer = await makeTar([{ name: `${deep}/file`, content: 'x' }, { name: 'top', content: 'y' }]);
    // an opaque directory 29,990 levels down hides the deep file
    const opaque = await makeTar([{ name: `${Array(29_990).fill('a').join('/')}/.wh..wh..opq`, content: '' }]);
    const a = await analyzeImage(`docker-archive:${file(await archiveOf([layer, opaque]))}`);
    expect(a.finalFileCount).toBe(1);
  });

  it('abort signal stops the read', async () => {
    const c = new AbortController();
    c.abort();
    await expectError(analyzeImage(`docker-archive:${file(await dockerArchiveLegacy(simple))}`, { signal: c.signal }), 'aborted', /aborted/);
  });
});
