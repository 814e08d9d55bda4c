import { checkAborted, ImageSourceError } from '../errors.js';
import { tap, type ByteStream } from '../bytes.js';
import { scanLayer } from '../tar/scan-layer.js';
import type { ReadContext, SourceLayer, SourceResult } from './source.js';
import { checkDigestSyntax, parseConfig, parseManifest, selectManifest, verifyDigest, type Descriptor, type ManifestDoc } from './image-json.js';
import { verifyDiffIds } from './verify.js';

/** Random-access blob store: an OCI layout directory or a registry repository. */
export interface BlobStore {
  /** A small JSON blob, already verified against its digest. */
  json(d: Descriptor): Promise<Buffer>;
  /** A layer blob as a stream (the caller verifies its digest while scanning). */
  open(d: Descriptor): Promise<ByteStream>;
}

/** Walks index → manifest → config, then streams each layer once, in order. */
export async function readByManifest(store: BlobStore, top: ManifestDoc, topDigest: string | null, what: string, ctx: ReadContext): Promise<SourceResult> {
  let doc = top;
  let manifestDigest = topDigest;
  for (let depth = 0; doc.kind === 'index'; depth++) {
    if (depth > 8) throw new ImageSourceError('corrupt', `${what}: indexes nested too deeply`);
    const d = selectManifest(doc.manifests, ctx.platform, `${what}${manifestDigest ? ` (${manifestDigest})` : ''}`);
    checkDigestSyntax(d.digest, what);
    manifestDigest = d.digest;
    doc = parseManifest(await store.json(d), `${what}: manifest ${d.digest}`, d.mediaType);
  }
  checkDigestSyntax(doc.config.digest, what);
  const config = parseConfig(await store.json(doc.config), `${what}: config ${doc.config.digest}`);
  const known = doc.layers.every((l) => l.size !== null);
  ctx.setTotals(known ? doc.layers.reduce((s, l) => s + (l.size ?? 0), 0) : null, doc.layers.length);
  const layers: SourceLayer[] = [];
  for (const d of doc.layers) {
    checkAborted(ctx.signal, what);
    checkDigestSyntax(d.digest, what);
    const scan = await scanLayer(tap(await store.open(d), (c) => ctx.bytesRead(c.length)), `${what}: layer ${d.digest}`, ctx.scan);
    if (scan.blobDigest !== d.digest) {
      throw new ImageSourceError('digest-mismatch', `${what}: layer blob ${d.digest} hashes to ${scan.blobDigest}`);
    }
    if (d.size !== null && d.size !== scan.blobBytes) {
      throw new ImageSourceError('corrupt', `${what}: layer blob ${d.digest} has ${scan.blobBytes} bytes, the manifest says ${d.size}`);
    }
    layers.push({ scan, compressedBytes: d.size ?? scan.blobBytes });
    ctx.layerDone(scan.diffId);
  }
  verifyDiffIds(config, layers, what);
  return { config, configDigest: doc.config.digest, manifestDigest, layers };
}

export { verifyDigest };
