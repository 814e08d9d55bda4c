import { posix } from 'node:path';
import { peekBytes, readAllLimited, type ByteStream } from '../bytes.js';
import { checkAborted, ImageSourceError } from '../errors.js';
import { displayPath } from '../paths.js';
import { drain, tarEntries } from '../tar/entries.js';
import { sniffCompression } from '../tar/decompress.js';
import { scanLayer, type LayerScan } from '../tar/scan-layer.js';
import type { ImageConfig } from '../model.js';
import type { ReadContext, SourceLayer, SourceResult } from './source.js';
import { MAX_JSON_BYTES, parseConfig, parseManifest, platformMatches, selectManifest, sha256Of, verifyDigest, type Descriptor } from './image-json.js';
import { verifyDiffIds } from './verify.js';

/** Total JSON kept from one archive (manifests, configs, per-layer v1 JSON). */
const MAX_JSON_TOTAL = 128 * 1024 * 1024;

interface ArchiveContents {
  json: Map<string, Buffer>;
  scans: Map<string, LayerScan>;
  /** Blobs that failed to parse as layers, with the reason (reported only when referenced). */
  failed: Map<string, ImageSourceError>;
  symlinks: Map<string, string>;
}

const BLOB = /^blobs\/sha256\/([a-f0-9]{64})$/;

function looksJson(head: Buffer): boolean {
  for (const b of head) {
    if (b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09) continue;
    return b === 0x7b || b === 0x5b;
  }
  return false;
}

/**
 * Reads a `docker save` archive (legacy `<id>/layer.tar` layout or the OCI layout Docker 25+ writes)
 * or an OCI layout tar in one pass. Layers are scanned as they stream by; the small JSON documents
 * are kept; the order is fixed when the pass ends.
 */
export async function readImageArchive(source: ByteStream, what: string, ctx: ReadContext): Promise<SourceResult> {
  const contents: ArchiveContents = { json: new Map(), scans: new Map(), failed: new Map(), symlinks: new Map() };
  let jsonTotal = 0;
  let any = false;
  try {
    for await (const entry of tarEntries(source)) {
      any = true;
      checkAborted(ctx.signal, what);
      const name = posix.normalize(entry.header.name).replace(/^(\.\/)+/, '').replace(/\/$/, '');
      const type = entry.header.type ?? 'file';
      if (type === 'symlink' || type === 'link') {
        const target = entry.header.linkname ?? '';
        contents.symlinks.set(name, type === 'link' ? posix.normalize(target) : posix.normalize(posix.join(posix.dirname(name), target)));
        await drain(entry);
        continue;
      }
      if (type !== 'file' && type !== 'contiguous-file') {
        await drain(entry);
        continue;
      }
      const size = entry.header.size ?? 0;
      const blob = BLOB.exec(name);
      const isLayerName = /(^|\/)layer\.tar$|\.tar(\.gz|\.zst)?$|\.tgz$/.test(name);
      const isJsonName = name.endsWith('.json') || name === 'repositories' || name === 'oci-layout' || name.endsWith('/json');
      if (!blob && !isLayerName && !isJsonName) {
        await drain(entry);
        continue;
      }
      const { head, stream } = await peekBytes(entry, 512);
      if ((isJsonName && !isLayerName) || (blob && looksJson(head) && size <= MAX_JSON_BYTES)) {
        jsonTotal += size;
        if (jsonTotal > MAX_JSON_TOTAL) throw new ImageSourceError('limit', `${what}: more than ${MAX_JSON_TOTAL} bytes of JSON metadata`);
        const buf = await readAllLimited(stream, MAX_JSON_BYTES, `${what}: ${name}`);
        if (blob) verifyDigest(buf, `sha256:${blob[1]}`, `${what}: ${name}`);
        contents.json.set(name, buf);
        continue;
      }
      if (sniffCompression(head) === null) {
        contents.failed.set(name, new ImageSourceError('corrupt', `${what}: ${name} is neither gzip, zstd nor a tar archive`));
        await drain(stream);
        continue;
      }
      try {
        const scan = await scanLayer(stream, `${what}: layer ${name}`, ctx.scan);
        if (blob && scan.blobDigest !== `sha256:${blob[1]}`) {
          throw new ImageSourceError('digest-mismatch', `${what}: ${name} hashes to ${scan.blobDigest}, not to its name`);
        }
        contents.scans.set(name, scan);
        ctx.layerDone(scan.diffId);
      } catch (e) {
        if (e instanceof ImageSourceError && (e.code === 'aborted' || e.code === 'limit')) throw e;
        // a blob that is not a valid layer only matters if the image references it
        contents.failed.set(name, e instanceof ImageSourceError ? e : new ImageSourceError('corrupt', `${what}: ${name}: ${String(e)}`));
        if (!blob) throw e;
      }
    }
  } catch (e) {
    if (e instanceof ImageSourceError) throw e;
    throw new ImageSourceError('corrupt', `${what} is not a readable image archive (${(e as Error).message})`);
  }
  if (!any) throw new ImageSourceError('corrupt', `${what} is empty`);
  return assemble(contents, what, ctx);
}

function resolveName(c: ArchiveContents, name: string): string {
  let n = posix.normalize(name).replace(/^(\.\/)+/, '');
  for (let hops = 0; hops < 16 && c.symlinks.has(n); hops++) n = c.symlinks.get(n) as string;
  return n;
}

function layerByName(c: ArchiveContents, name: string, what: string): LayerScan {
  const n = resolveName(c, name);
  const scan = c.scans.get(n);
  if (scan) return scan;
  const failed = c.failed.get(n);
  if (failed) throw failed;
  throw new ImageSourceError('missing-blob', `${what}: layer ${displayPath(name)} is referenced but missing from the archive`);
}

function jsonByName(c: ArchiveContents, name: string, what: string): Buffer {
  const buf = c.json.get(resolveName(c, name));
  if (!buf) throw new ImageSourceError('missing-blob', `${what}: ${name} is referenced but missing from the archive`);
  return buf;
}

const blobPath = (digest: string): string => `blobs/${digest.replace(':', '/')}`;

function assemble(c: ArchiveContents, what: string, ctx: ReadContext): SourceResult {
  const legacy = c.json.get('manifest.json');
  const index = c.json.get('index.json');
  // manifest.json is authoritative when it has the image (Docker's own OCI manifest has not always
  // listed every layer); index.json serves the platforms manifest.json does not list
  if (legacy) {
    try {
      return fromDockerManifest(c, legacy, what, ctx);
    } catch (e) {
      if (!(index && e instanceof ImageSourceError && e.code === 'platform')) throw e;
    }
  }
  if (index) return fromOciIndex(c, index, what, ctx);
  throw new ImageSourceError('unsupported', `${what} has neither manifest.json nor index.json: not a docker-archive or OCI archive`);
}

function fromDockerManifest(c: ArchiveContents, buf: Buffer, what: string, ctx: ReadContext): SourceResult {
  const doc = JSON.parse(buf.toString('utf8')) as unknown;
  if (!Array.isArray(doc) || doc.length === 0) throw new ImageSourceError('corrupt', `${what}: manifest.json lists no image`);
  type Item = { Config?: unknown; Layers?: unknown };
  const items = doc as Item[];
  const configs = items.map((it, i) => {
    if (typeof it.Config !== 'string' || !Array.isArray(it.Layers)) throw new ImageSourceError('corrupt', `${what}: manifest.json entry ${i} has no Config or Layers`);
    const raw = jsonByName(c, it.Config, what);
    return { raw, config: parseConfig(raw, `${what}: ${it.Config}`), layers: it.Layers as unknown[] };
  });
  const pick = ctx.platform ? configs.find((x) => platformMatches(x.config, ctx.platform as NonNullable<typeof ctx.platform>)) : configs[0];
  if (!pick) {
    const have = configs.map((x) => `${x.config.os}/${x.config.architecture}`).join(', ');
    throw new ImageSourceError('platform', `${what} has no image for the requested platform; it has: ${have}`);
  }
  const configDigest = sha256Of(pick.raw);
  const layers: SourceLayer[] = pick.layers.map((l) => {
    if (typeof l !== 'string') throw new ImageSourceError('corrupt', `${what}: manifest.json has a layer that is not a path`);
    const scan = layerByName(c, l, what);
    return { scan, compressedBytes: scan.compression === 'none' ? null : scan.blobBytes };
  });
  verifyDiffIds(pick.config, layers, what);
  return { config: pick.config, configDigest, manifestDigest: null, layers };
}

function fromOciIndex(c: ArchiveContents, buf: Buffer, what: string, ctx: ReadContext): SourceResult {
  let doc = parseManifest(buf, `${what}: index.json`);
  let manifestDigest: string | null = null;
  for (let depth = 0; doc.kind === 'index'; depth++) {
    if (depth > 8) throw new ImageSourceError('corrupt', `${what}: indexes nested too deeply`);
    const d = selectManifest(doc.manifests, ctx.platform, `${what}: ${depth === 0 ? 'index.json' : manifestDigest}`);
    manifestDigest = d.digest;
    doc = parseManifest(jsonByName(c, blobPath(d.digest), what), `${what}: manifest ${d.digest}`, d.mediaType);
  }
  const rawConfig = jsonByName(c, blobPath(doc.config.digest), what);
  const config: ImageConfig = parseConfig(rawConfig, `${what}: config ${doc.config.digest}`);
  const layers: SourceLayer[] = doc.layers.map((d: Descriptor) => {
    const scan = layerByName(c, blobPath(d.digest), what);
    if (d.size !== null && d.size !== scan.blobBytes) {
      throw new ImageSourceError('corrupt', `${what}: blob ${d.digest} has ${scan.blobBytes} bytes, the manifest says ${d.size}`);
    }
    return { scan, compressedBytes: d.size ?? scan.blobBytes };
  });
  verifyDiffIds(config, layers, what);
  return { config, configDigest: doc.config.digest, manifestDigest, layers };
}
