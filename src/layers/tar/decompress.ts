import zlib from 'node:zlib';
import type { Duplex } from 'node:stream';
import { ImageSourceError } from '../errors.js';

export type Compression = 'gzip' | 'zstd' | 'none';

/** Which decoder zstd uses on this runtime: Node's own (22.15+) or the zstd-napi binding. */
export type ZstdBackend = 'node:zlib' | 'zstd-napi';

/** Sniffs the compression from the first bytes. `null` means neither compressed nor a tar header. */
export function sniffCompression(head: Uint8Array): Compression | null {
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  if (head.length >= 4 && head[0] === 0x28 && head[1] === 0xb5 && head[2] === 0x2f && head[3] === 0xfd) return 'zstd';
  if (head.length === 0) return 'none';
  if (looksLikeTar(head)) return 'none';
  return null;
}

/** A 512-byte block with a valid header checksum, or an all-zero block (an empty tar). */
export function looksLikeTar(head: Uint8Array): boolean {
  if (head.length < 512) return false;
  let sum = 0;
  let zero = true;
  for (let i = 0; i < 512; i++) {
    const b = i >= 148 && i < 156 ? 0x20 : head[i];
    if (head[i] !== 0) zero = false;
    sum += b;
  }
  if (zero) return true;
  const field = Buffer.from(head.subarray(148, 156)).toString('latin1').replace(/[\0 ]+$/, '').trim();
  return /^[0-7]+$/.test(field) && parseInt(field, 8) === sum;
}

type ZlibWithZstd = typeof zlib & { createZstdDecompress?: () => Duplex };

export function zstdBackend(): ZstdBackend {
  return typeof (zlib as ZlibWithZstd).createZstdDecompress === 'function' ? 'node:zlib' : 'zstd-napi';
}

/** A streaming decoder for the given compression, or null for plain tar. */
export async function createDecompressor(c: Compression): Promise<Duplex | null> {
  if (c === 'gzip') return zlib.createGunzip({ chunkSize: 128 * 1024 });
  if (c === 'zstd') {
    const z = zlib as ZlibWithZstd;
    if (typeof z.createZstdDecompress === 'function') return z.createZstdDecompress();
    try {
      const { createZstdWorkerStream } = await import('./zstd-worker.js');
      return createZstdWorkerStream();
    } catch (e) {
      throw new ImageSourceError('unsupported', `zstd layers need the zstd-napi package on this Node version (${(e as Error).message})`);
    }
  }
  return null;
}
