import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeImageDetailed } from '../../src/layers/index.js';
import { buildModel, type ExplorerModel } from '../../src/tui/model.js';
import { dockerArchiveLegacy, type TestImage } from '../layers/helpers/image-builder.js';

/**
 * A small image with every kind of change: layer 0 a base, layer 1 adds a big temp file, a cache and a
 * duplicate and rewrites /etc/passwd, layer 2 deletes the temp file and adds the app.
 */
export const FIXTURE: TestImage = {
  layers: [
    [
      { name: 'bin/', type: 'directory' },
      { name: 'bin/sh', content: 's'.repeat(100), mode: 0o755 },
      { name: 'bin/ash', type: 'symlink', linkname: 'sh' },
      { name: 'etc/', type: 'directory' },
      { name: 'etc/passwd', content: 'root:x:0:0\n' },
      { name: 'usr/', type: 'directory' },
      { name: 'usr/lib/', type: 'directory' },
      { name: 'usr/lib/a.so', content: 'x'.repeat(1000) },
      { name: 'usr/lib/b.so', content: 'y'.repeat(10) },
    ],
    [
      { name: 'etc/', type: 'directory' },
      { name: 'etc/passwd', content: 'root:x:0:0\napp:x:1000:1000\n' },
      { name: 'tmp/', type: 'directory', mode: 0o1777 },
      { name: 'tmp/big', content: 'b'.repeat(5000) },
      { name: 'var/', type: 'directory' },
      { name: 'var/cache/', type: 'directory' },
      { name: 'var/cache/apt/', type: 'directory' },
      { name: 'var/cache/apt/archives/', type: 'directory' },
      { name: 'var/cache/apt/archives/x.deb', content: 'd'.repeat(3000) },
      { name: 'opt/', type: 'directory' },
      { name: 'opt/copy.so', content: 'x'.repeat(1000), uid: 1000, gid: 1000 },
    ],
    [
      { name: 'tmp/', type: 'directory', mode: 0o1777 },
      { name: 'tmp/.wh.big' },
      { name: 'app/', type: 'directory' },
      { name: 'app/main.js', content: 'm'.repeat(200) },
    ],
  ],
  history: [
    { created_by: '/bin/sh -c #(nop) ADD file:abc in / ' },
    { created_by: 'RUN /bin/sh -c apt-get update && apt-get install -y x && cp /usr/lib/a.so /opt/copy.so # buildkit' },
    { created_by: 'RUN /bin/sh -c rm /tmp/big # buildkit' },
  ],
};

export async function modelOf(img: TestImage = FIXTURE, title = 'fixture:latest'): Promise<ExplorerModel> {
  const dir = mkdtempSync(join(tmpdir(), 'ballast-tui-'));
  try {
    const file = join(dir, 'image.tar');
    writeFileSync(file, await dockerArchiveLegacy(img));
    const { analysis, files } = await analyzeImageDetailed(`docker-archive:${file}`);
    return buildModel(analysis, files, { title });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Path ids by path ("/etc/passwd"). */
export const idOf = (m: ExplorerModel, path: string): number => {
  const id = m.files.paths.ids.get(path.replace(/^\//, ''));
  if (id === undefined) throw new Error(`no path ${path}`);
  return id;
};
