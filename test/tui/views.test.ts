import { beforeAll, describe, expect, it } from 'vitest';
import { duplicateSets, entryDetails, fileView, hiddenCopies, modeString, nameRanks, VIEW_CHANGE_NAMES } from '../../src/layers/analysis/views.js';
import type { ExplorerModel } from '../../src/tui/model.js';
import { idOf, modelOf } from './fixture.js';

let m: ExplorerModel;
beforeAll(async () => {
  m = await modelOf();
});

const marks = (m: ExplorerModel, layer: number, mode: 'layer' | 'cumulative'): Record<string, string> => {
  const v = fileView(m.files, layer, mode);
  const out: Record<string, string> = {};
  for (let id = 1; id < m.files.paths.size; id++) if (v.present[id]) out[`/${m.files.paths.names[id]}`] = VIEW_CHANGE_NAMES[v.change[id]];
  return out;
};

describe('fileView', () => {
  it("layer mode lists the layer's entries with their change", () => {
    expect(marks(m, 1, 'layer')).toEqual({
      '/etc': 'unmodified',
      '/etc/passwd': 'modified',
      '/tmp': 'added',
      '/tmp/big': 'added',
      '/var': 'added',
      '/var/cache': 'added',
      '/var/cache/apt': 'added',
      '/var/cache/apt/archives': 'added',
      '/var/cache/apt/archives/x.deb': 'added',
      '/opt': 'added',
      '/opt/copy.so': 'added',
    });
  });

  it('layer mode shows what the layer removed, with the size of the hidden copy', () => {
    const v = fileView(m.files, 2, 'layer');
    expect(marks(m, 2, 'layer')['/tmp/big']).toBe('removed');
    expect(v.bytes[idOf(m, '/tmp/big')]).toBe(5000);
    // removed children do not count in a directory that stays
    expect(v.bytes[idOf(m, '/tmp')]).toBe(0);
    expect(v.bytes[idOf(m, '/app')]).toBe(200);
  });

  it('cumulative mode is the whole filesystem after the layer, its own changes marked', () => {
    const c = marks(m, 2, 'cumulative');
    expect(c['/bin/sh']).toBe('unmodified');
    expect(c['/etc/passwd']).toBe('unmodified');
    expect(c['/app/main.js']).toBe('added');
    expect(c['/tmp/big']).toBe('removed');
    const c1 = marks(m, 1, 'cumulative');
    expect(c1['/etc/passwd']).toBe('modified');
    expect(c1['/app/main.js']).toBeUndefined();
    const v = fileView(m.files, 2, 'cumulative');
    expect(v.bytes[idOf(m, '/usr')]).toBe(1010);
  });

  it('implied parents of a layer entry are directories without an entry of their own', () => {
    const img = { layers: [[{ name: 'a/b/c.txt', content: 'abc' }]] };
    return modelOf(img).then((mm) => {
      const v = fileView(mm.files, 0, 'layer');
      const a = idOf(mm, '/a');
      expect(v.present[a]).toBe(1);
      expect(v.dir[a]).toBe(1);
      expect(v.occ[a]).toBe(-1);
      expect(v.bytes[a]).toBe(3);
    });
  });
});

describe('entry details, waste and duplicates', () => {
  it('describes an entry: mode, owner, size, link target, digest', () => {
    const v = fileView(m.files, 0, 'layer');
    const sh = entryDetails(m.files, v.occ[idOf(m, '/bin/sh')]);
    expect(sh).toMatchObject({ path: '/bin/sh', kind: 'file', sizeBytes: 100, mode: 0o755, uid: 0, gid: 0, linkTarget: null, layer: 0, hiddenBy: null });
    expect(sh.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    const ash = entryDetails(m.files, v.occ[idOf(m, '/bin/ash')]);
    expect(ash).toMatchObject({ kind: 'symlink', linkTarget: 'sh', digest: null });
    const passwd = entryDetails(m.files, v.occ[idOf(m, '/etc/passwd')]);
    expect(passwd.hiddenBy).toBe(1);
  });

  it('lists every hidden copy, largest first, with where it was written and hidden', () => {
    expect(hiddenCopies(m.files).map((h) => [h.path, h.sizeBytes, h.layer, h.hiddenBy, h.reason])).toEqual([
      ['/tmp/big', 5000, 1, 2, 'removed'],
      ['/etc/passwd', 11, 0, 1, 'overwritten'],
    ]);
  });

  it('groups duplicate content of the final filesystem', () => {
    const d = duplicateSets(m.files);
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ sizeBytes: 1000, wastedBytes: 1000 });
    expect(d[0].copies.map((c) => [c.path, c.layer])).toEqual([
      ['/usr/lib/a.so', 0],
      ['/opt/copy.so', 1],
    ]);
  });

  it('formats modes like ls -l', () => {
    expect(modeString('file', 0o755)).toBe('-rwxr-xr-x');
    expect(modeString('dir', 0o1777)).toBe('drwxrwxrwt');
    expect(modeString('file', 0o4755)).toBe('-rwsr-xr-x');
    expect(modeString('file', 0o2644)).toBe('-rw-r-Sr--');
    expect(modeString('symlink', 0o777)).toBe('lrwxrwxrwx');
  });

  it('ranks siblings by name', () => {
    const r = nameRanks(m.files);
    expect(r[idOf(m, '/usr/lib/a.so')]).toBeLessThan(r[idOf(m, '/usr/lib/b.so')]);
    expect(r[idOf(m, '/bin')]).toBeLessThan(r[idOf(m, '/etc')]);
  });
});
