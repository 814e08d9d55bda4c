import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { ImageSourceError } from '../errors.js';
import type { ByteStream } from '../bytes.js';
import { readByManifest, type BlobStore } from './by-manifest.js';
import { MAX_JSON_BYTES, parseManifest, verifyDigest, type Descriptor } from './image-json.js';
import type { ImageSource, ReadContext, SourceResult } from './source.js';

const blobFile = (dir: string, digest: string): string => {
  const [alg, hex] = digest.split(':');
  return join(dir, 'blobs', alg, hex);
};

async function readSmall(file: string, what: string): Promise<Buffer> {
  let size: number;
  try {
    size = (await stat(file)).size;
  } catch {
    throw new ImageSourceError('missing-blob', `${what}: ${file} does not exist`);
  }
  if (size > MAX_JSON_BYTES) throw new ImageSourceError('limit', `${what}: ${file} is ${size} bytes, too large for image metadata`);
  return readFile(file);
}

/** An OCI image layout directory (what skopeo, buildah and crane write with oci:DIR). */
export function ociDirSource(dir: string, ref = `oci:${dir}`): ImageSource {
  return {
    ref,
    kind: 'oci',
    async read(ctx: ReadContext): Promise<SourceResult> {
      const what = ref;
      const store: BlobStore = {
        async json(d: Descriptor) {
          const buf = await readSmall(blobFile(dir, d.digest), what);
          verifyDigest(buf, d.digest, `${what}: blob ${d.digest}`);
          return buf;
        },
        async open(d: Descriptor): Promise<ByteStream> {
          const file = blobFile(dir, d.digest);
          try {
            await stat(file);
          } catch {
            throw new ImageSourceError('missing-blob', `${what}: layer blob ${d.digest} is missing from the layout`);
          }
          return createReadStream(file, { highWaterMark: 1 << 20, signal: ctx.signal });
        },
      };
      const indexBuf = await readSmall(join(dir, 'index.json'), what);
      return readByManifest(store, parseManifest(indexBuf, `${what}: index.json`), null, what, ctx);
    },
  };
}
