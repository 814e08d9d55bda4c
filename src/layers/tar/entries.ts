import tarStream from 'tar-stream';
import type { ByteStream } from '../bytes.js';

/** A tar entry: its header and a body that must be drained (or the iteration ends). */
export interface TarEntry extends AsyncIterable<Buffer> {
  header: tarStream.Header;
}

export interface Sink {
  write(chunk: Buffer): boolean;
  end(): unknown;
  destroy(e?: Error): unknown;
  once(ev: string, fn: (...a: unknown[]) => void): unknown;
  off?(ev: string, fn: (...a: unknown[]) => void): unknown;
  removeListener?(ev: string, fn: (...a: unknown[]) => void): unknown;
}

export type TarExtract = Sink & AsyncIterable<TarEntry>;

/** A tar-stream extractor that keeps names as raw bytes (latin1) and accepts pre-POSIX headers. */
export function createExtract(): TarExtract {
  return tarStream.extract({ filenameEncoding: 'latin1', allowUnknownFormat: true } as Parameters<typeof tarStream.extract>[0]) as unknown as TarExtract;
}

/** Resolves when the sink wants more data; rejects when it fails or closes first. */
export function drained(s: Sink): Promise<void> {
  return new Promise((resolve, reject) => {
    const off = (ev: string, fn: (...a: unknown[]) => void): void => {
      if (s.off) s.off(ev, fn);
      else s.removeListener?.(ev, fn);
    };
    const done = (): void => {
      off('error', fail);
      off('close', closed);
      resolve();
    };
    const fail = (e: unknown): void => {
      off('drain', done);
      off('close', closed);
      reject(e instanceof Error ? e : new Error(String(e)));
    };
    const closed = (): void => {
      off('drain', done);
      off('error', fail);
      reject(new Error('stream closed early'));
    };
    s.once('drain', done);
    s.once('error', fail);
    s.once('close', closed);
  });
}

/** Writes a byte stream into a sink with backpressure, then ends it. */
export async function pumpInto(source: ByteStream, sink: Sink, onChunk?: (c: Buffer) => void): Promise<void> {
  for await (const chunk of source) {
    onChunk?.(chunk);
    if (!sink.write(chunk)) await drained(sink);
  }
  sink.end();
}

/** The entries of a tar byte stream, one at a time. */
export async function* tarEntries(source: ByteStream): AsyncGenerator<TarEntry> {
  const extract = createExtract();
  let feedError: unknown;
  const feeding = pumpInto(source, extract).catch((e: unknown) => {
    feedError = e;
    extract.destroy(e instanceof Error ? e : new Error(String(e)));
  });
  let finished = false;
  try {
    for await (const entry of extract) yield entry;
    finished = true;
  } catch (e) {
    await feeding;
    throw feedError ?? e;
  } finally {
    if (!finished) extract.destroy();
  }
  await feeding;
  if (feedError !== undefined) throw feedError;
}

export async function drain(entry: AsyncIterable<Buffer>): Promise<void> {
  for await (const _ of entry) {
    /* discard */
  }
}
