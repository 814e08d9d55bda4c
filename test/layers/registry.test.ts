import { chmodSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeImage, ImageSourceError, type ImageAnalysis } from '../../src/layers/index.js';
import { parseReference } from '../../src/layers/sources/reference.js';
import { parseChallenge } from '../../src/layers/sources/registry.js';
import { ociLayout, layoutTar, type TestImage } from './helpers/image-builder.js';
import { startFakeRegistry, type FakeServer, type FakeRegistryOptions } from './helpers/fake-registry.js';
import { scratch } from './helpers/files.js';

const tmp = scratch();
const image: TestImage = { layers: [[{ name: 'a', content: 'a'.repeat(3000) }], [{ name: 'a', content: 'b'.repeat(1000) }, { name: 'c', content: 'c' }]], compression: 'gzip' };
const arm: TestImage = { layers: [[{ name: 'arm', content: 'arm' }]], architecture: 'arm64', compression: 'zstd' };
let content: Pick<FakeRegistryOptions, 'blobs' | 'manifests'>;
let baseline: ImageAnalysis;
const servers: FakeServer[] = [];

beforeAll(async () => {
  const layout = await ociLayout([image, arm], { withAttestation: true });
  const blobs = new Map<string, Buffer>();
  const manifests = new Map<string, { body: Buffer; type: string }>();
  for (const [name, body] of layout.files) {
    if (!name.startsWith('blobs/')) continue;
    const digest = `sha256:${name.slice('blobs/sha256/'.length)}`;
    blobs.set(digest, body);
    const text = body.toString('utf8');
    if (text.startsWith('{') && (text.includes('"manifests"') || text.includes('"layers"'))) {
      const type = (JSON.parse(text) as { mediaType: string }).mediaType;
      manifests.set(digest, { body, type });
    }
  }
  const index = JSON.parse((layout.files.get('index.json') as Buffer).toString()) as { manifests: Array<{ digest: string }> };
  manifests.set('v1', manifests.get(index.manifests[0].digest) as { body: Buffer; type: string });
  content = { blobs, manifests };
  baseline = await analyzeImage(`oci-archive:${tmp.write('baseline.tar', await layoutTar(layout))}`, { platform: 'linux/amd64' });
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  tmp.cleanup();
});

async function registry(o: Partial<FakeRegistryOptions> = {}): Promise<FakeServer> {
  const s = await startFakeRegistry({ ...content, ...o });
  servers.push(s);
  return s;
}

const same = (a: ImageAnalysis) => ({ layers: a.layers.map((l) => [l.digest, l.blobDigest, l.sizeBytes, l.compressedBytes]), totalBytes: a.totalBytes, wastedBytes: a.wastedBytes, efficiency: a.efficiency, configDigest: a.configDigest });

describe('registry source', () => {
  it('pulls anonymously, picks the platform from the index, verifies digests', async () => {
    const r = await registry();
    const a = await analyzeImage(`registry:${r.host}/test/app:v1`, { platform: 'linux/amd64' });
    expect(same(a)).toEqual(same(baseline));
    expect(a.source).toBe('registry');
    const b = await analyzeImage(`registry:${r.host}/test/app:v1`, { platform: 'linux/arm64' });
    expect(b.totalBytes).toBe(3);
    await expect(analyzeImage(`registry:${r.host}/test/app:v1`, { platform: 'linux/riscv64' })).rejects.toThrow(/it has: linux\/amd64, linux\/arm64/);
  });

  it('answers a bearer challenge anonymously and with docker config credentials', async () => {
    const r = await registry({ auth: 'bearer' });
    expect(same(await analyzeImage(`registry:${r.host}/test/app:v1`, { platform: 'linux/amd64', dockerConfigPath: `${tmp.dir}/none.json` }))).toEqual(same(baseline));
    const withUser = await registry({ auth: 'bearer', user: 'u', password: 'p' });
    const cfg = tmp.write('config.json', Buffer.from(JSON.stringify({ auths: { [withUser.host]: { auth: Buffer.from('u:p').toString('base64') } } })));
    expect(same(await analyzeImage(`registry:${withUser.host}/test/app:v1`, { platform: 'linux/amd64', dockerConfigPath: cfg }))).toEqual(same(baseline));
    const token = withUser.requests.find((q) => q.url.startsWith('/token'));
    expect(token?.url).toContain('scope=repository%3Atest%2Fapp%3Apull');
    const bad = tmp.write('bad-config.json', Buffer.from(JSON.stringify({ auths: { [withUser.host]: { username: 'u', password: 'wrong' } } })));
    await expect(analyzeImage(`registry:${withUser.host}/test/app:v1`, { platform: 'linux/amd64', dockerConfigPath: bad })).rejects.toMatchObject({ code: 'auth' });
  });

  it('uses basic auth from a credential helper (credHelpers and credsStore)', async () => {
    const r = await registry({ auth: 'basic', user: 'helper-user', password: 's3cret' });
    const helper = tmp.write('bin/docker-credential-fake', Buffer.from(`#!/bin/sh\nread server\necho '{"ServerURL":"'$server'","Username":"helper-user","Secret":"s3cret"}'\n`));
    chmodSync(helper, 0o755);
    const cfg = tmp.write('helper-config.json', Buffer.from(JSON.stringify({ credHelpers: { [r.host]: 'fake' } })));
    const oldPath = process.env.PATH;
    process.env.PATH = `${tmp.dir}/bin:${oldPath}`;
    const store = tmp.write('store-config.json', Buffer.from(JSON.stringify({ credsStore: 'fake' })));
    try {
      expect(same(await analyzeImage(`registry:${r.host}/test/app:v1`, { platform: 'linux/amd64', dockerConfigPath: cfg }))).toEqual(same(baseline));
      expect(same(await analyzeImage(`registry:${r.host}/test/app:v1`, { platform: 'linux/amd64', dockerConfigPath: store }))).toEqual(same(baseline));
    } finally {
      process.env.PATH = oldPath;
    }
    await expect(analyzeImage(`registry:${r.host}/test/app:v1`, { platform: 'linux/amd64', dockerConfigPath: `${tmp.dir}/none.json` })).rejects.toThrow(/no credentials were found/);
  });

  it('follows redirects to another origin without forwarding credentials', async () => {
    const cdn = await registry();
    const r = await registry({ auth: 'bearer', redirectBlobsTo: cdn.url });
    expect(same(await analyzeImage(`registry:${r.host}/test/app:v1`, { platform: 'linux/amd64', dockerConfigPath: `${tmp.dir}/none.json` }))).toEqual(same(baseline));
    expect(cdn.requests.length).toBeGreaterThan(0);
    expect(cdn.requests.every((q) => q.authorization === undefined)).toBe(true);
  });

  it('resumes a dropped download with a Range request', async () => {
    const r = await registry({ dropAfter: 100 });
    expect(same(await analyzeImage(`registry:${r.host}/test/app:v1`, { platform: 'linux/amd64' }))).toEqual(same(baseline));
    expect(r.requests.some((q) => q.range === 'bytes=100-')).toBe(true);
  });

  it('rejects a blob that does not match its digest', async () => {
    const layerDigest = baseline.layers[1].blobDigest;
    const r = await registry({ lieAbout: layerDigest });
    await expect(analyzeImage(`registry:${r.host}/test/app:v1`, { platform: 'linux/amd64' })).rejects.toSatisfy((e: unknown) => e instanceof ImageSourceError && /corrupt|digest-mismatch/.test(e.code) && e.message.includes(layerDigest));
  });

  it('times out on a registry that hangs', async () => {
    const r = await registry({ hangBlobs: true });
    const t = performance.now();
    await expect(analyzeImage(`registry:${r.host}/test/app:v1`, { platform: 'linux/amd64', timeoutMs: 300 })).rejects.toMatchObject({ code: 'timeout' });
    expect(performance.now() - t).toBeLessThan(5000);
  });

  it('refuses plain HTTP to a non-loopback host unless it is listed as insecure', async () => {
    // the redirect target is refused before any connection is made
    const r = await registry({ redirectBlobsTo: 'http://10.255.255.1:9' });
    await expect(analyzeImage(`registry:${r.host}/test/app:v1`, { platform: 'linux/amd64' })).rejects.toThrow(/refusing plain HTTP to 10\.255\.255\.1:9/);
  });

  it('reports missing manifests', async () => {
    const r = await registry();
    await expect(analyzeImage(`registry:${r.host}/test/app:nope`)).rejects.toMatchObject({ code: 'not-found' });
  });
});

describe('references and challenges', () => {
  it('parses references like docker does', () => {
    expect(parseReference('busybox')).toEqual({ registry: 'docker.io', repository: 'library/busybox', tag: 'latest', digest: null });
    expect(parseReference('localhost:5000/a/b:t')).toEqual({ registry: 'localhost:5000', repository: 'a/b', tag: 't', digest: null });
    expect(parseReference(`ghcr.io/o/r@sha256:${'a'.repeat(64)}`)).toMatchObject({ registry: 'ghcr.io', repository: 'o/r', tag: null });
    expect(() => parseReference('UPPER/case')).toThrow(ImageSourceError);
  });
  it('parses WWW-Authenticate', () => {
    expect(parseChallenge('Bearer realm="https://auth.example/token",service="registry.example",scope="repository:a/b:pull"')).toEqual({
      scheme: 'bearer',
      params: { realm: 'https://auth.example/token', service: 'registry.example', scope: 'repository:a/b:pull' },
    });
  });
});
