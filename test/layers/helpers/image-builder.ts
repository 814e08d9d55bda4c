import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import tarStream from 'tar-stream';
import { compress as zstdCompress } from 'zstd-napi';

/** A tar entry for test layers. `name` may be a Buffer to write raw (non-UTF-8) bytes. */
export interface TestEntry {
  name: string;
  type?: 'file' | 'directory' | 'symlink' | 'link' | 'character-device' | 'fifo';
  content?: string | Buffer;
  linkname?: string;
  mode?: number;
  uid?: number;
  gid?: number;
}

export const sha256 = (b: Buffer | string): string => `sha256:${createHash('sha256').update(b).digest('hex')}`;

/** Builds an uncompressed tar in memory with tar-stream's packer. */
export async function makeTar(entries: TestEntry[]): Promise<Buffer> {
  const pack = tarStream.pack();
  const chunks: Buffer[] = [];
  const done = (async () => {
    for await (const c of pack as AsyncIterable<Buffer>) chunks.push(c);
  })();
  for (const e of entries) {
    const content = e.content === undefined ? undefined : Buffer.isBuffer(e.content) ? e.content : Buffer.from(e.content);
    const type = e.type ?? 'file';
    await new Promise<void>((resolve, reject) => {
      const header = {
        name: e.name,
        type,
        mode: e.mode ?? (type === 'directory' ? 0o755 : 0o644),
        uid: e.uid ?? 0,
        gid: e.gid ?? 0,
        mtime: new Date(0),
        ...(e.linkname !== undefined ? { linkname: e.linkname } : {}),
        ...(type === 'file' ? { size: content?.length ?? 0 } : {}),
      };
      const cb = (err?: Error | null): void => (err ? reject(err) : resolve());
      if (type === 'file') pack.entry(header, content ?? Buffer.alloc(0), cb);
      else pack.entry(header, cb);
    });
  }
  pack.finalize();
  await done;
  return Buffer.concat(chunks);
}

export type Compression = 'none' | 'gzip' | 'zstd';

export function compressLayer(tar: Buffer, c: Compression): Buffer {
  if (c === 'gzip') return gzipSync(tar);
  if (c === 'zstd') return zstdCompress(tar);
  return tar;
}

export interface TestImage {
  layers: TestEntry[][];
  history?: Array<{ created_by: string; empty_layer?: boolean }>;
  compression?: Compression;
  architecture?: string;
}

export interface BuiltLayer {
  tar: Buffer;
  blob: Buffer;
  diffId: string;
  digest: string;
  mediaType: string;
}

export async function buildLayers(img: TestImage): Promise<BuiltLayer[]> {
  const c = img.compression ?? 'none';
  const out: BuiltLayer[] = [];
  for (const entries of img.layers) {
    const tar = await makeTar(entries);
    const blob = compressLayer(tar, c);
    const mediaType = c === 'gzip' ? 'application/vnd.oci.image.layer.v1.tar+gzip' : c === 'zstd' ? 'application/vnd.oci.image.layer.v1.tar+zstd' : 'application/vnd.oci.image.layer.v1.tar';
    out.push({ tar, blob, diffId: sha256(tar), digest: sha256(blob), mediaType });
  }
  return out;
}

export function configFor(img: TestImage, layers: BuiltLayer[]): Buffer {
  const history = img.history ?? layers.map((_, i) => ({ created_by: `/bin/sh -c step ${i}` }));
  return Buffer.from(
    JSON.stringify({
      architecture: img.architecture ?? 'amd64',
      os: 'linux',
      config: {},
      rootfs: { type: 'layers', diff_ids: layers.map((l) => l.diffId) },
      history,
    }),
  );
}

/** Legacy docker save: <id>/layer.tar (+ optional symlinked duplicate), <config>.json, manifest.json. */
export async function dockerArchiveLegacy(img: TestImage, opts: { duplicateLastAsSymlink?: boolean } = {}): Promise<Buffer> {
  const layers = await buildLayers({ ...img, compression: 'none' });
  const config = configFor(img, layers);
  const configName = `${sha256(config).slice(7)}.json`;
  const entries: TestEntry[] = [];
  const names: string[] = [];
  layers.forEach((l, i) => {
    const id = sha256(`layer-${i}-${l.diffId}`).slice(7);
    if (opts.duplicateLastAsSymlink && i === layers.length - 1 && i > 0) {
      const first = names[0];
      entries.push({ name: `${id}/`, type: 'directory' });
      entries.push({ name: `${id}/layer.tar`, type: 'symlink', linkname: `../${first}` });
    } else {
      entries.push({ name: `${id}/`, type: 'directory' });
      entries.push({ name: `${id}/VERSION`, content: '1.0' });
      entries.push({ name: `${id}/layer.tar`, content: l.tar });
    }
    names.push(`${id}/layer.tar`);
  });
  entries.push({ name: configName, content: config });
  entries.push({ name: 'manifest.json', content: JSON.stringify([{ Config: configName, RepoTags: ['test:latest'], Layers: names }]) });
  return makeTar(entries);
}

export interface OciLayout {
  files: Map<string, Buffer>;
  manifestDigests: string[];
}

/** An OCI layout (as a file map): one image, or several platforms behind an index, plus an attestation. */
export async function ociLayout(images: TestImage[], opts: { withAttestation?: boolean; dockerManifestJson?: boolean } = {}): Promise<OciLayout> {
  const files = new Map<string, Buffer>();
  const put = (b: Buffer): string => {
    const d = sha256(b);
    files.set(`blobs/sha256/${d.slice(7)}`, b);
    return d;
  };
  const descs: object[] = [];
  const manifestDigests: string[] = [];
  let legacyManifest: object | null = null;
  for (const img of images) {
    const layers = await buildLayers(img);
    const config = configFor(img, layers);
    const configDigest = put(config);
    layers.forEach((l) => put(l.blob));
    const manifest = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: configDigest, size: config.length },
        layers: layers.map((l) => ({ mediaType: l.mediaType, digest: l.digest, size: l.blob.length })),
      }),
    );
    const md = put(manifest);
    manifestDigests.push(md);
    descs.push({ mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: md, size: manifest.length, platform: { os: 'linux', architecture: img.architecture ?? 'amd64' } });
    legacyManifest ??= { Config: `blobs/sha256/${configDigest.slice(7)}`, RepoTags: ['test:latest'], Layers: layers.map((l) => `blobs/sha256/${l.digest.slice(7)}`) };
  }
  if (opts.withAttestation) {
    const att = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json', config: { mediaType: 'application/vnd.oci.empty.v1+json', digest: put(Buffer.from('{}')), size: 2 }, layers: [] }));
    descs.push({ mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: put(att), size: att.length, platform: { os: 'unknown', architecture: 'unknown' }, annotations: { 'vnd.docker.reference.type': 'attestation-manifest' } });
  }
  let indexDescs = descs;
  if (images.length > 1) {
    const nested = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests: descs }));
    indexDescs = [{ mediaType: 'application/vnd.oci.image.index.v1+json', digest: put(nested), size: nested.length }];
  }
  files.set('oci-layout', Buffer.from('{"imageLayoutVersion":"1.0.0"}'));
  files.set('index.json', Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests: indexDescs })));
  if (opts.dockerManifestJson && legacyManifest) files.set('manifest.json', Buffer.from(JSON.stringify([legacyManifest])));
  return { files, manifestDigests };
}

export async function layoutTar(layout: OciLayout, order?: (names: string[]) => string[]): Promise<Buffer> {
  const names = [...layout.files.keys()];
  const sorted = order ? order(names) : names;
  const dirs = ['blobs/', 'blobs/sha256/'];
  return makeTar([...dirs.map((d) => ({ name: d, type: 'directory' as const })), ...sorted.map((n) => ({ name: n, content: layout.files.get(n) as Buffer }))]);
}
