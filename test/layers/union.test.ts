import { afterAll, describe, expect, it } from 'vitest';
import { analyzeImage, analyzeImageDetailed, finalEntries, layerEntries, removedPaths } from '../../src/layers/index.js';
import { dockerArchiveLegacy, type TestEntry } from './helpers/image-builder.js';
import { scratch } from './helpers/files.js';

const tmp = scratch();
afterAll(() => tmp.cleanup());

const bytes = (n: number, fill = 'x'): string => fill.repeat(n);
let counter = 0;
async function analyze(layers: TestEntry[][], history?: Array<{ created_by: string; empty_layer?: boolean }>) {
  const file = tmp.write(`img-${counter++}.tar`, await dockerArchiveLegacy({ layers, history }));
  return analyzeImageDetailed(`docker-archive:${file}`);
}

describe('union filesystem and waste', () => {
  it('counts overwritten and deleted copies as waste, not the live one', async () => {
    const { analysis: a } = await analyze([
      [{ name: 'a', content: bytes(100) }, { name: 'b', content: bytes(200, 'b') }],
      [{ name: 'a', content: bytes(50, 'c') }],
      [{ name: '.wh.b' }],
    ]);
    expect(a.totalBytes).toBe(350);
    expect(a.finalBytes).toBe(50);
    expect(a.wastedBytes).toBe(300);
    expect(a.layers.map((l) => l.wastedBytes)).toEqual([300, 0, 0]);
    expect(a.layers.map((l) => l.hidesBytes)).toEqual([0, 100, 200]);
    expect(a.layers.map((l) => [l.added, l.modified, l.removed])).toEqual([[2, 0, 0], [0, 1, 0], [0, 0, 1]]);
    expect(a.wastedFiles.map((w) => [w.path, w.layer, w.hiddenBy, w.reason])).toEqual([
      ['/b', 0, 2, 'removed'],
      ['/a', 0, 1, 'overwritten'],
    ]);
    // dive: a seen twice (cum 150, min 50), b once then its whiteout (file target: 0)
    expect(a.diveWastedBytes).toBe(350);
    expect(a.efficiency).toBeCloseTo(50 / 350, 10);
    expect(a.userWastedPercent).toBeCloseTo(350 / 50, 10);
  });

  it("reproduces dive's own efficiency test (implicit directories): 0.75", async () => {
    const { analysis: a } = await analyze([
      [{ name: 'etc/nginx/nginx.conf', content: bytes(2000) }, { name: 'etc/nginx/public', content: bytes(3000) }],
      [{ name: 'etc/nginx/nginx.conf', content: bytes(5000, 'y') }, { name: 'etc/athing', content: bytes(10000) }],
      [{ name: 'etc/.wh.nginx' }],
    ]);
    expect(a.efficiency).toBeCloseTo(0.75, 10);
    expect(a.diveWastedBytes).toBe(7000);
    expect(a.inefficiencies[0]).toEqual({ path: '/etc/nginx/nginx.conf', count: 2, cumulativeBytes: 7000, minBytes: 2000 });
    expect(a.wastedBytes).toBe(10000);
    expect(a.finalBytes).toBe(10000);
  });

  it('with explicit directory entries dive scores 23000/28000', async () => {
    const { analysis: a } = await analyze([
      [{ name: 'etc/', type: 'directory' }, { name: 'etc/nginx/', type: 'directory' }, { name: 'etc/nginx/nginx.conf', content: bytes(2000) }, { name: 'etc/nginx/public', content: bytes(3000) }],
      [{ name: 'etc/', type: 'directory' }, { name: 'etc/nginx/', type: 'directory' }, { name: 'etc/nginx/nginx.conf', content: bytes(5000, 'y') }, { name: 'etc/athing', content: bytes(10000) }],
      [{ name: 'etc/', type: 'directory' }, { name: 'etc/.wh.nginx' }],
    ]);
    expect(a.efficiency).toBeCloseTo(23000 / 28000, 10);
    expect(a.wastedBytes).toBe(10000);
  });

  it('applies an opaque marker before the layer entries, wherever it sits in the tar', async () => {
    const { analysis: a, files } = await analyze([
      [{ name: 'd/', type: 'directory' }, { name: 'd/x', content: bytes(10) }, { name: 'd/y', content: bytes(20) }, { name: 'd/sub/z', content: bytes(5) }],
      [{ name: 'd/', type: 'directory' }, { name: 'd/new', content: bytes(7) }, { name: 'd/.wh..wh..opq' }],
    ]);
    const visible = [...finalEntries(files)].map((e) => e.path).sort();
    expect(visible).toEqual(['/d', '/d/new']);
    expect(a.wastedBytes).toBe(35);
    expect(a.finalBytes).toBe(7);
    expect(removedPaths(files, 1).sort()).toEqual(['/d/sub', '/d/sub/z', '/d/x', '/d/y'].filter((p) => p !== '/d/sub'));
  });

  it('a whiteout only hides lower layers, never an entry of its own layer', async () => {
    const { analysis: a, files } = await analyze([
      [{ name: 'keep', content: 'k' }, { name: 'gone', content: 'old' }],
      [{ name: 'gone', content: 'new!' }, { name: '.wh.gone' }],
    ]);
    expect([...finalEntries(files)].map((e) => e.path).sort()).toEqual(['/gone', '/keep']);
    expect(a.finalBytes).toBe(5);
  });

  it('does not count hardlinks twice, and a visible hardlink keeps deleted content alive', async () => {
    const { analysis: a } = await analyze([
      [{ name: 'f', content: bytes(100) }, { name: 'h', type: 'link', linkname: 'f' }, { name: 'copy', content: bytes(100) }],
      [{ name: '.wh.f' }],
    ]);
    expect(a.totalBytes).toBe(200);
    expect(a.finalBytes).toBe(200);
    expect(a.wastedBytes).toBe(0);
    expect(a.duplicateContentBytes).toBe(0); // the only other visible path with that content is a hardlink
  });

  it('reports duplicate content at different paths, all copies but one', async () => {
    const { analysis: a } = await analyze([[{ name: 'a', content: bytes(100) }, { name: 'b', content: bytes(100) }, { name: 'c/d', content: bytes(100) }, { name: 'e', content: 'other' }]]);
    expect(a.duplicateContentBytes).toBe(200);
    expect(a.duplicates[0].paths).toEqual(['/a', '/b', '/c/d']);
  });

  it('tells modified (content, mode, owner, link target) from re-shipped unchanged files', async () => {
    const { files } = await analyze([
      [{ name: 'same', content: 'x' }, { name: 'mode', content: 'x' }, { name: 'owner', content: 'x' }, { name: 'l', type: 'symlink', linkname: 'a' }, { name: 'content', content: 'x' }],
      [{ name: 'same', content: 'x' }, { name: 'mode', content: 'x', mode: 0o755 }, { name: 'owner', content: 'x', uid: 1000 }, { name: 'l', type: 'symlink', linkname: 'b' }, { name: 'content', content: 'y' }, { name: 'fresh', content: 'z' }],
    ]);
    const changes = Object.fromEntries([...layerEntries(files, 1)].map((e) => [e.path, e.change]));
    expect(changes).toEqual({ '/same': 'unmodified', '/mode': 'modified', '/owner': 'modified', '/l': 'modified', '/content': 'modified', '/fresh': 'added' });
  });

  it('matches history to layers, skipping empty_layer entries', async () => {
    const { analysis: a } = await analyze(
      [[{ name: 'a', content: 'a' }], [{ name: 'b', content: 'b' }]],
      [{ created_by: 'ADD rootfs' }, { created_by: 'ENV X=1', empty_layer: true }, { created_by: 'RUN make' }, { created_by: 'CMD ["sh"]', empty_layer: true }],
    );
    expect(a.layers.map((l) => [l.createdBy, l.historyIndex])).toEqual([['ADD rootfs', 0], ['RUN make', 2]]);
  });

  it('finds leftovers with the layer that introduced them and computes savings', async () => {
    const a = await analyzeImage(
      `docker-archive:${tmp.write('leftovers.tar', await dockerArchiveLegacy({
        layers: [
          [{ name: 'bin/sh', content: bytes(1000) }],
          [{ name: 'var/lib/apt/lists/deb.debian.org_dists', content: bytes(300) }, { name: 'var/lib/apt/lists/lock', content: '' }, { name: 'usr/bin/gcc-12', content: bytes(400) }, { name: 'usr/include/stdio.h', content: bytes(50) }, { name: 'var/lib/dpkg/info/libc6-dev:amd64.list', content: 'x' }, { name: 'tmp/build.log', content: bytes(20) }],
          [{ name: 'bin/sh', content: bytes(1000, 'z') }],
        ],
        history: [{ created_by: 'ADD base' }, { created_by: 'RUN apt-get install gcc' }, { created_by: 'RUN touch' }],
      }))}`,
    );
    const by = Object.fromEntries(a.leftovers.map((l) => [l.category, l]));
    expect(by['apt-lists']).toMatchObject({ path: '/var/lib/apt/lists', sizeBytes: 300, layer: 1, createdBy: 'RUN apt-get install gcc', kind: 'cache' });
    expect(by.compiler).toMatchObject({ path: '/usr/bin/gcc-12', sizeBytes: 400 });
    expect(by.headers).toMatchObject({ path: '/usr/include', sizeBytes: 50 });
    expect(by.tmp).toMatchObject({ path: '/tmp', sizeBytes: 20 });
    expect(by['dev-packages'].packages).toEqual(['libc6-dev']);
    expect(a.savings).toEqual({ nowBytes: 2771, possibleBytes: 2771 - 1000 - 320 - 450, dropWasteBytes: 1000, dropCachesBytes: 320, dropToolchainBytes: 450 });
    expect(a.largestFiles[0]).toEqual({ path: '/bin/sh', sizeBytes: 1000, layer: 2 });
  });
});

describe('edge cases', () => {
  it('edge cases: an empty image scores 1, a single layer has no user size', async () => {
    const { analysis: a } = await analyze([[{ name: 'only', content: 'x' }]]);
    expect(a.userWastedPercent).toBeNull();
    expect(a.efficiency).toBe(1);
    const { analysis: b } = await analyze([[{ name: 'd/', type: 'directory' }]]);
    expect(b.efficiency).toBe(1);
    expect(b.totalBytes).toBe(0);
  });
});

describe('leftover rules', () => {
  it('classifies toolchain and cache paths', async () => {
    const { matchLeftover } = await import('../../src/layers/analysis/leftovers.js');
    const cat = (p: string) => matchLeftover(p)?.rule.category ?? null;
    expect(cat('usr/lib/x86_64-linux-gnu/libLLVM-14.so.1')).toBe('compiler');
    expect(cat('usr/lib/x86_64-linux-gnu/libclang-cpp.so.14')).toBe('compiler');
    expect(cat('usr/lib/x86_64-linux-gnu/libc.so.6')).toBeNull();
    expect(cat('usr/lib/gcc/x86_64-linux-gnu/12/cc1')).toBe('compiler');
    expect(cat('usr/bin/x86_64-linux-gnu-gcc-12')).toBe('compiler');
    expect(cat('usr/bin/make')).toBe('build-tool');
    expect(cat('usr/lib/x86_64-linux-gnu/libc.a')).toBe('static-libs');
    expect(cat('root/.cache/pip/http/a/b')).toBe('pip-cache');
    expect(cat('home/app/.npm/_cacache/index-v5/x')).toBe('npm-cache');
    expect(cat('usr/local/cargo/registry/cache/x.crate')).toBe('cargo-cache');
    expect(cat('root/.m2/repository/org/x.jar')).toBe('maven-cache');
    expect(cat('root/.gradle/caches/modules-2/x')).toBe('gradle-cache');
    expect(cat('go/pkg/mod/cache/download/x')).toBe('go-cache');
    expect(cat('var/lib/apt/lists/lock')).toBeNull();
    expect(cat('var/cache/apt/archives/partial/x')).toBeNull();
    expect(cat('tmp/x')).toBe('tmp');
  });
});
