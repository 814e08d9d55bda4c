import { ImageSourceError } from '../errors.js';
import { tap, type ByteStream } from '../bytes.js';
import { readImageArchive } from './archive.js';
import type { ImageSource, ReadContext, SourceResult } from './source.js';

interface EngineImage {
  inspect(): Promise<{ Size?: number; Id?: string }>;
  get(): Promise<NodeJS.ReadableStream>;
}
interface EngineClient {
  ping(): Promise<unknown>;
  getImage(name: string): EngineImage;
}

/** Loads dockerode only when an engine is needed (the lint path never pays for it). */
async function connect(): Promise<EngineClient> {
  const mod = (await import('dockerode')) as unknown as { default: new (opts?: object) => EngineClient };
  return new mod.default();
}

const withTimeout = <T>(p: Promise<T>, ms: number): Promise<T> =>
  Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms).unref())]);

/** True when a Docker-compatible engine answers and has the image. */
export async function engineHasImage(name: string, timeoutMs = 3000): Promise<boolean> {
  try {
    const docker = await connect();
    await withTimeout(docker.ping(), timeoutMs);
    await withTimeout(docker.getImage(name).inspect(), timeoutMs);
    return true;
  } catch {
    return false;
  }
}

function describe(e: unknown): string {
  const x = e as { statusCode?: number; message?: string; code?: string };
  if (x.code === 'ENOENT' || x.code === 'ECONNREFUSED') return `no Docker engine answers at ${process.env.DOCKER_HOST ?? '/var/run/docker.sock'}`;
  if (x.statusCode === 404) return 'no such image in the engine';
  return x.message ?? String(e);
}

/** Streams `docker save` of an image out of the engine (DOCKER_HOST or the default socket) into the archive reader. */
export function engineSource(name: string, ref = `docker:${name}`): ImageSource {
  return {
    ref,
    kind: 'docker',
    async read(ctx: ReadContext): Promise<SourceResult> {
      let stream: NodeJS.ReadableStream;
      try {
        const docker = await connect();
        const image = docker.getImage(name);
        const info = await image.inspect();
        ctx.setTotals(typeof info.Size === 'number' ? info.Size : null, null);
        stream = await image.get();
      } catch (e) {
        throw new ImageSourceError((e as { statusCode?: number }).statusCode === 404 ? 'not-found' : 'network', `${ref}: ${describe(e)}`);
      }
      const onAbort = (): void => (stream as unknown as { destroy?: () => void }).destroy?.();
      ctx.signal?.addEventListener('abort', onAbort, { once: true });
      try {
        return await readImageArchive(tap(stream as unknown as ByteStream, (c) => ctx.bytesRead(c.length)), ref, ctx);
      } finally {
        ctx.signal?.removeEventListener('abort', onAbort);
      }
    },
  };
}
