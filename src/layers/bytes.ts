import { ImageSourceError } from './errors.js';

export type ByteStream = AsyncIterable<Buffer>;

/** Reads at least `n` bytes (fewer at the end of the stream) and returns them with a stream that replays them. */
export async function peekBytes(source: ByteStream, n: number): Promise<{ head: Buffer; stream: ByteStream }> {
  const it = source[Symbol.asyncIterator]();
  const parts: Buffer[] = [];
  let have = 0;
  let done = false;
  while (have < n) {
    const r = await it.next();
    if (r.done) {
      done = true;
      break;
    }
    const chunk = Buffer.isBuffer(r.value) ? r.value : Buffer.from(r.value as Uint8Array);
    parts.push(chunk);
    have += chunk.length;
  }
  const head = parts.length === 1 ? parts[0] : Buffer.concat(parts);
  async function* replay(): AsyncGenerator<Buffer> {
    try {
      if (head.length > 0) yield head;
      if (done) return;
      for (;;) {
        const r = await it.next();
        if (r.done) return;
        yield Buffer.isBuffer(r.value) ? r.value : Buffer.from(r.value as Uint8Array);
      }
    } finally {
      if (!done) await it.return?.();
    }
  }
  return { head, stream: replay() };
}

/** Buffers a whole stream, refusing more than `limit` bytes. */
export async function readAllLimited(source: ByteStream, limit: number, what: string): Promise<Buffer> {
  const parts: Buffer[] = [];
  let have = 0;
  for await (const chunk of source) {
    have += chunk.length;
    if (have > limit) {
      throw new ImageSourceError('limit', `${what} is larger than ${limit} bytes, which is not plausible for image metadata`);
    }
    parts.push(chunk);
  }
  return Buffer.concat(parts, have);
}

/** Fails with a timeout error when no chunk arrives for `ms` milliseconds. */
export async function* withIdleTimeout(source: ByteStream, ms: number, what: string): AsyncGenerator<Buffer> {
  const it = source[Symbol.asyncIterator]();
  let finished = false;
  try {
    for (;;) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new ImageSourceError('timeout', `${what}: no data for ${Math.round(ms / 1000)} s`)), ms);
      });
      let r: IteratorResult<Buffer>;
      try {
        r = await Promise.race([it.next(), timeout]);
      } finally {
        clearTimeout(timer);
      }
      if (r.done) {
        finished = true;
        return;
      }
      yield r.value;
    }
  } finally {
    if (!finished) void it.return?.();
  }
}

/** Counts bytes as they pass. */
export async function* tap(source: ByteStream, onChunk: (chunk: Buffer) => void): AsyncGenerator<Buffer> {
  for await (const chunk of source) {
    onChunk(chunk);
    yield chunk;
  }
}

/** Parses JSON, naming the input on failure. */
export function parseJson(buf: Buffer | string, what: string): unknown {
  try {
    return JSON.parse(typeof buf === 'string' ? buf : buf.toString('utf8'));
  } catch (e) {
    throw new ImageSourceError('corrupt', `${what} is not valid JSON (${(e as Error).message})`);
  }
}
