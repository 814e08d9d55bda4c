import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { peekBytes, tap, type ByteStream } from '../bytes.js';
import { ImageSourceError } from '../errors.js';
import { createDecompressor, sniffCompression } from '../tar/decompress.js';
import { readImageArchive } from './archive.js';
import type { ImageSource, ReadContext, SourceResult } from './source.js';

/** Decompresses a whole archive that was gzipped or zstd-compressed (docker load accepts those too). */
async function maybeDecompress(source: ByteStream): Promise<ByteStream> {
  const { head, stream } = await peekBytes(source, 512);
  const c = sniffCompression(head);
  if (c !== 'gzip' && c !== 'zstd') return stream;
  const dec = await createDecompressor(c);
  if (!dec) return stream;
  (async () => {
    for await (const chunk of stream) if (!dec.write(chunk)) await new Promise((r) => dec.once('drain', r));
    dec.end();
  })().catch((e: unknown) => dec.destroy(e instanceof Error ? e : new Error(String(e))));
  return dec as unknown as ByteStream;
}

/** A `docker save` archive or an OCI layout tar on disk (or `-` for standard input), read in one pass. */
export function archiveFileSource(file: string, kind: 'docker-archive' | 'oci-archive', ref = `${kind}:${file}`): ImageSource {
  return {
    ref,
    kind,
    async read(ctx: ReadContext): Promise<SourceResult> {
      if (file === '-') {
        ctx.setTotals(null, null);
        const raw = tap(process.stdin as unknown as ByteStream, (c) => ctx.bytesRead(c.length));
        return readImageArchive(await maybeDecompress(raw), `${kind}:stdin`, ctx);
      }
      let size: number;
      try {
        const st = await stat(file);
        if (!st.isFile()) throw new Error('not a file');
        size = st.size;
      } catch {
        throw new ImageSourceError('not-found', `${ref}: ${file} is not a readable file`);
      }
      ctx.setTotals(size, null);
      const raw = tap(createReadStream(file, { highWaterMark: 1 << 20, signal: ctx.signal }), (c) => ctx.bytesRead(c.length));
      return readImageArchive(await maybeDecompress(raw), ref, ctx);
    },
  };
}
