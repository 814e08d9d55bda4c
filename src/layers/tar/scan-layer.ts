import { createHash, type Hash } from 'node:crypto';
import { peekBytes, type ByteStream } from '../bytes.js';
import { createExtract, drained, type Sink, type TarEntry } from './entries.js';
import { ImageSourceError, isAbort, wrapError } from '../errors.js';
import { basename, dirname, fromLatin1, fromUtf8, normalizeEntryName, normalizeLinkTarget } from '../paths.js';
import { createDecompressor, sniffCompression, type Compression } from './decompress.js';
import { internPath, type PathIndex } from '../filetree/path-index.js';
import { createLayerEntries, internDigest, Kind, pushEntry, type DigestTable, type KindCode, type LayerEntries } from '../filetree/entries.js';

export const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

export interface ScanLimits {
  /** Most entries accepted across the whole image. */
  maxEntries: number;
  /** Largest single entry accepted (bytes). */
  maxEntryBytes: number;
}

const ZSTD_INPUT_SLICE = 128 * 1024;

export const DEFAULT_LIMITS: ScanLimits = { maxEntries: 10_000_000, maxEntryBytes: 2 ** 40 };

/** State shared by every layer scan of one image (interned paths and digests, entry budget). */
export interface ScanContext {
  readonly paths: PathIndex;
  readonly digests: DigestTable;
  readonly limits: ScanLimits;
  readonly signal?: AbortSignal;
  entriesSeen: { n: number };
}

/** What one pass over one layer blob yields. */
export interface LayerScan {
  /** sha256 of the uncompressed tar ("sha256:…"). */
  diffId: string;
  /** sha256 of the bytes as stored ("sha256:…"); equals diffId for plain tars. */
  blobDigest: string;
  compression: Compression;
  /** Bytes as stored (compressed size for compressed blobs). */
  blobBytes: number;
  /** Regular-file bytes in the layer (links, directories and markers count 0). */
  sizeBytes: number;
  /** Entries that are not directories nor whiteout markers. */
  fileCount: number;
  entries: LayerEntries;
}

const TYPE_TO_KIND: Record<string, KindCode> = {
  file: Kind.file,
  'contiguous-file': Kind.file,
  directory: Kind.dir,
  symlink: Kind.symlink,
  link: Kind.hardlink,
  'character-device': Kind.char,
  'block-device': Kind.block,
  fifo: Kind.fifo,
};

/** Streams one layer blob once: sniffs and decompresses it, hashes it, and records its entries. */
export async function scanLayer(source: ByteStream, what: string, ctx: ScanContext): Promise<LayerScan> {
  try {
    return await scanLayerUnsafe(source, what, ctx);
  } catch (e) {
    if (ctx.signal?.aborted || isAbort(e)) throw new ImageSourceError('aborted', `${what}: aborted`);
    throw wrapError(e, what);
  }
}

async function scanLayerUnsafe(source: ByteStream, what: string, ctx: ScanContext): Promise<LayerScan> {
  const { head, stream } = await peekBytes(source, 512);
  const compression = sniffCompression(head);
  if (compression === null) {
    throw new ImageSourceError('corrupt', `${what} is neither gzip, zstd nor a tar archive`);
  }
  const blobHash = createHash('sha256');
  const diffHash = compression === 'none' ? blobHash : createHash('sha256');
  const decoder = await createDecompressor(compression);
  const extract = createExtract();
  let blobBytes = 0;

  const feedRaw = async (): Promise<void> => {
    const sink: Sink = (decoder as Sink | null) ?? extract;
    // zstd-napi decodes large input chunks much more slowly than 128 KiB ones (measured: 1 MiB
    // chunks take about twice as long), so compressed input is fed in slices of at most that size
    const slice = compression === 'zstd' ? ZSTD_INPUT_SLICE : Infinity;
    for await (const chunk of stream) {
      blobBytes += chunk.length;
      blobHash.update(chunk);
      for (let at = 0; at < chunk.length; at += slice) {
        const part = slice >= chunk.length ? chunk : chunk.subarray(at, at + slice);
        if (!sink.write(part)) await drained(sink);
      }
    }
    sink.end();
  };
  const feedTar = async (): Promise<void> => {
    if (!decoder) return;
    try {
      for await (const chunk of decoder as AsyncIterable<Buffer>) {
        diffHash.update(chunk);
        if (!extract.write(chunk)) await drained(extract);
      }
    } catch (e) {
      if (e instanceof ImageSourceError || ctx.signal?.aborted) throw e;
      throw new ImageSourceError('corrupt', `${what}: ${compression} data is corrupt or truncated (${(e as Error).message})`);
    }
    extract.end();
  };
  const result = { sizeBytes: 0, fileCount: 0, entries: createLayerEntries() };
  const consume = (): Promise<void> =>
    consumeEntries(extract, what, ctx, result).catch((e: unknown) => {
      if (e instanceof ImageSourceError) throw e;
      throw new ImageSourceError('corrupt', `${what}: the tar data is corrupt or truncated (${(e as Error).message})`);
    });

  const streams: Array<{ destroy: (e?: Error) => void }> = [extract];
  if (decoder) streams.push(decoder);
  await runTogether([feedRaw, feedTar, consume], (e) => {
    for (const s of streams) s.destroy(e);
  });
  const blobDigest = `sha256:${blobHash.digest('hex')}`;
  const diffId = compression === 'none' ? blobDigest : `sha256:${diffHash.digest('hex')}`;
  return { diffId, blobDigest, compression, blobBytes, ...result };
}

/** Runs tasks concurrently; on the first failure tears everything down and rethrows that failure. */
async function runTogether(tasks: Array<() => Promise<void>>, teardown: (e: Error) => void): Promise<void> {
  let first: unknown;
  await Promise.all(
    tasks.map((t) =>
      t().catch((e: unknown) => {
        if (first === undefined) {
          first = e;
          teardown(e instanceof Error ? e : new Error(String(e)));
        }
      }),
    ),
  );
  if (first !== undefined) throw first;
}

interface Accumulator {
  sizeBytes: number;
  fileCount: number;
  entries: LayerEntries;
}

async function consumeEntries(extract: AsyncIterable<TarEntry>, what: string, ctx: ScanContext, acc: Accumulator): Promise<void> {
  const emptyDigest = internDigest(ctx.digests, EMPTY_SHA256);
  for await (const entry of extract) {
    const h = entry.header;
    const pax = h.pax as Record<string, string> | null | undefined;
    const rawName = pax?.path !== undefined ? fromUtf8(h.name) : fromLatin1(h.name);
    const size = h.size ?? 0;
    if (!Number.isSafeInteger(size) || size < 0 || size > ctx.limits.maxEntryBytes) {
      throw new ImageSourceError('corrupt', `${what}: entry "${rawName}" declares an impossible size (${String(size)} bytes)`);
    }
    if (++ctx.entriesSeen.n > ctx.limits.maxEntries) {
      throw new ImageSourceError('limit', `${what}: more than ${ctx.limits.maxEntries} entries in the image`);
    }
    if ((ctx.entriesSeen.n & 1023) === 0 && ctx.signal?.aborted) throw new ImageSourceError('aborted', `${what}: aborted`);
    const name = normalizeEntryName(rawName, what);
    const type = h.type ?? 'file';
    let kind: KindCode = TYPE_TO_KIND[type] ?? Kind.file;
    let pathName = name;
    const base = basename(name);
    let skip = name === '';
    if (base.startsWith('.wh.')) {
      if (base === '.wh..wh..opq') {
        kind = Kind.opaque;
        pathName = dirname(name);
      } else if (base.startsWith('.wh..wh.')) {
        skip = true; // AUFS bookkeeping (.wh..wh..plnk and friends), not part of the filesystem
      } else if (base === '.wh.') {
        throw new ImageSourceError('corrupt', `${what}: entry "${rawName}" is a whiteout without a name`);
      } else {
        kind = Kind.whiteout;
        const dir = dirname(name);
        pathName = dir === '' ? base.slice(4) : `${dir}/${base.slice(4)}`;
      }
    }
    let digest = -1;
    if (kind === Kind.file && size > 0 && !skip) {
      const hash: Hash = createHash('sha256');
      let got = 0;
      for await (const chunk of entry as AsyncIterable<Buffer>) {
        hash.update(chunk);
        got += chunk.length;
      }
      if (got !== size) throw new ImageSourceError('corrupt', `${what}: entry "${rawName}" is truncated`);
      digest = internDigest(ctx.digests, hash.digest('hex'));
    } else {
      for await (const _ of entry as AsyncIterable<Buffer>) {
        /* drain */
      }
      if (kind === Kind.file) digest = emptyDigest;
    }
    if (skip) continue;
    let link: string | null = null;
    if (kind === Kind.symlink || kind === Kind.hardlink) {
      const rawLink = pax?.linkpath !== undefined ? fromUtf8(h.linkname ?? '') : fromLatin1(h.linkname ?? '');
      link = kind === Kind.hardlink ? normalizeLinkTarget(rawLink, what) : rawLink;
    }
    const fileSize = kind === Kind.file ? size : 0;
    pushEntry(acc.entries, {
      path: internPath(ctx.paths, pathName),
      kind,
      size: fileSize,
      mode: (h.mode ?? 0) & 0o7777,
      uid: h.uid ?? 0,
      gid: h.gid ?? 0,
      link,
      digest,
    });
    acc.sizeBytes += fileSize;
    if (kind !== Kind.dir && kind !== Kind.whiteout && kind !== Kind.opaque) acc.fileCount++;
  }
}
