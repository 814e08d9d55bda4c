import { grow } from './growable.js';

/** Entry kinds stored per layer entry (one byte each). Whiteouts and opaque markers are kept beside files. */
export const Kind = {
  file: 0,
  dir: 1,
  symlink: 2,
  hardlink: 3,
  char: 4,
  block: 5,
  fifo: 6,
  whiteout: 7,
  opaque: 8,
} as const;
export type KindCode = (typeof Kind)[keyof typeof Kind];
export const KIND_NAMES = ['file', 'dir', 'symlink', 'hardlink', 'char', 'block', 'fifo', 'whiteout', 'opaque'] as const;
export type KindName = (typeof KIND_NAMES)[number];

/**
 * The entries of one layer as columns. `path` is a PathIndex id (for a whiteout: the id of the path
 * it deletes; for an opaque marker: the id of the directory it clears). `link` indexes `links`
 * (symlink or hardlink target), `digest` indexes the shared digest table (-1 when not a file).
 */
export interface LayerEntries {
  length: number;
  path: Uint32Array;
  kind: Uint8Array;
  size: Float64Array;
  mode: Uint32Array;
  uid: Uint32Array;
  gid: Uint32Array;
  link: Int32Array;
  digest: Int32Array;
  links: string[];
}

export function createLayerEntries(): LayerEntries {
  return {
    length: 0,
    path: new Uint32Array(64),
    kind: new Uint8Array(64),
    size: new Float64Array(64),
    mode: new Uint32Array(64),
    uid: new Uint32Array(64),
    gid: new Uint32Array(64),
    link: new Int32Array(64),
    digest: new Int32Array(64),
    links: [],
  };
}

export interface EntryInput {
  path: number;
  kind: KindCode;
  size: number;
  mode: number;
  uid: number;
  gid: number;
  link: string | null;
  digest: number;
}

export function pushEntry(e: LayerEntries, x: EntryInput): number {
  const i = e.length;
  const need = i + 1;
  if (need > e.path.length) {
    e.path = grow(e.path, need, Uint32Array);
    e.kind = grow(e.kind, need, Uint8Array);
    e.size = grow(e.size, need, Float64Array);
    e.mode = grow(e.mode, need, Uint32Array);
    e.uid = grow(e.uid, need, Uint32Array);
    e.gid = grow(e.gid, need, Uint32Array);
    e.link = grow(e.link, need, Int32Array);
    e.digest = grow(e.digest, need, Int32Array);
  }
  e.path[i] = x.path;
  e.kind[i] = x.kind;
  e.size[i] = x.size;
  e.mode[i] = x.mode;
  e.uid[i] = x.uid;
  e.gid[i] = x.gid;
  if (x.link === null) e.link[i] = -1;
  else {
    e.link[i] = e.links.length;
    e.links.push(x.link);
  }
  e.digest[i] = x.digest;
  e.length = need;
  return i;
}

/** Shared table of content digests: equal content gets the same small integer. */
export interface DigestTable {
  readonly ids: Map<string, number>;
  readonly hex: string[];
}

export const createDigestTable = (): DigestTable => ({ ids: new Map(), hex: [] });

export function internDigest(t: DigestTable, hex: string): number {
  const known = t.ids.get(hex);
  if (known !== undefined) return known;
  const id = t.hex.length;
  t.ids.set(hex, id);
  t.hex.push(hex);
  return id;
}
