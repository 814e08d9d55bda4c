import { createRequire } from 'node:module';
import { Duplex } from 'node:stream';
import { Worker } from 'node:worker_threads';

/**
 * zstd decompression on a worker thread with zstd-napi, so that decoding overlaps with tar parsing
 * and hashing on the main thread (gzip gets the same overlap from zlib's thread pool). The worker
 * is evaluated from source so it works from TypeScript sources and from the build alike.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { DecompressStream } = require(workerData.zstd);
const ds = new DecompressStream();
ds.on('data', (c) => {
  const own = c.byteOffset === 0 && c.byteLength === c.buffer.byteLength;
  const buf = own ? c : Buffer.from(c);
  parentPort.postMessage({ t: 'data', b: buf }, [buf.buffer]);
});
ds.on('error', (e) => parentPort.postMessage({ t: 'error', m: String(e && e.message || e) }));
ds.on('end', () => parentPort.postMessage({ t: 'end' }));
parentPort.on('message', (m) => {
  if (m.t === 'chunk') ds.write(Buffer.from(m.b), () => parentPort.postMessage({ t: 'ack', n: m.b.byteLength }));
  else if (m.t === 'end') ds.end();
});
`;

const IN_FLIGHT_LIMIT = 2 * 1024 * 1024;

export function createZstdWorkerStream(): Duplex {
  const zstdPath = createRequire(import.meta.url).resolve('zstd-napi');
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { zstd: zstdPath } });
  let inFlight = 0;
  let pending: (() => void) | null = null;
  let finalCb: ((e?: Error | null) => void) | null = null;
  let failed = false;

  const release = (): void => {
    if (pending && inFlight < IN_FLIGHT_LIMIT && stream.readableLength < 8 * 1024 * 1024) {
      const p = pending;
      pending = null;
      p();
    }
  };
  const stream: Duplex = new Duplex({
    readableHighWaterMark: 1024 * 1024,
    write(chunk: Buffer, _enc, cb) {
      const copy = new Uint8Array(chunk.byteLength);
      copy.set(chunk);
      inFlight += copy.byteLength;
      worker.postMessage({ t: 'chunk', b: copy }, [copy.buffer]);
      if (inFlight < IN_FLIGHT_LIMIT) cb();
      else pending = () => cb();
    },
    final(cb) {
      finalCb = cb;
      worker.postMessage({ t: 'end' });
    },
    read() {
      release();
    },
    destroy(err, cb) {
      void worker.terminate();
      cb(err);
    },
  });
  worker.on('message', (m: { t: string; b?: Uint8Array; n?: number; m?: string }) => {
    if (failed) return;
    if (m.t === 'data' && m.b) stream.push(Buffer.from(m.b.buffer, m.b.byteOffset, m.b.byteLength));
    else if (m.t === 'ack') {
      inFlight -= m.n ?? 0;
      release();
    } else if (m.t === 'end') {
      stream.push(null);
      finalCb?.();
      void worker.terminate();
    } else if (m.t === 'error') {
      failed = true;
      stream.destroy(new Error(m.m));
    }
  });
  worker.on('error', (e) => {
    failed = true;
    stream.destroy(e);
  });
  return stream;
}
