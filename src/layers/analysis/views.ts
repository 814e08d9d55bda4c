import { displayPath } from '../paths.js';
import { Kind, KIND_NAMES, type KindName } from '../filetree/entries.js';
import { Change, Reason } from '../filetree/stack.js';
import type { ImageFiles } from './summarize.js';

/**
 * Per-path views of one layer for file browsers (explore). Everything is indexed by PathIndex id, so a
 * view costs a few typed arrays the size of the path index, never a copy of a tree.
 */

/** What the selected layer did to a path. */
export const ViewChange = { added: 0, modified: 1, unmodified: 2, removed: 3 } as const;
export type ViewChangeCode = (typeof ViewChange)[keyof typeof ViewChange];
export const VIEW_CHANGE_NAMES = ['added', 'modified', 'unmodified', 'removed'] as const;
export type ViewChangeName = (typeof VIEW_CHANGE_NAMES)[number];

export type ViewMode = 'layer' | 'cumulative';

export interface FileView {
  layer: number;
  mode: ViewMode;
  /** 1 when the path is part of the view (entries, removed paths and their ancestors). */
  present: Uint8Array;
  /** The occurrence describing the path (for removed paths: the hidden lower copy), or -1 for implied directories. */
  occ: Int32Array;
  /** ViewChange code. */
  change: Uint8Array;
  /** 1 for directories (including implied ones). */
  dir: Uint8Array;
  /** File size; for directories the sum below them (removed children only count under a removed directory). */
  bytes: Float64Array;
  /** Number of present paths (root excluded). */
  count: number;
}

/**
 * The view of a layer: `layer` mode lists the entries of that layer and the paths it removed; `cumulative`
 * mode is the whole filesystem after that layer, with the layer's own changes marked and the rest unmodified.
 */
export function fileView(files: ImageFiles, layer: number, mode: ViewMode): FileView {
  const { stack, paths } = files;
  const n = paths.size;
  const present = new Uint8Array(n);
  const occOf = new Int32Array(n).fill(-1);
  const change = new Uint8Array(n);
  const dir = new Uint8Array(n);
  const bytes = new Float64Array(n);
  const put = (occ: number, c: number): void => {
    const li = stack.occLayer[occ];
    const l = stack.layers[li];
    const i = occ - stack.offsets[li];
    const k = l.kind[i];
    if (k === Kind.whiteout || k === Kind.opaque) return;
    const p = l.path[i];
    present[p] = 1;
    occOf[p] = occ;
    change[p] = c;
    dir[p] = k === Kind.dir ? 1 : 0;
    bytes[p] = k === Kind.file ? l.size[i] : 0;
  };
  const layerChange = (occ: number): number => {
    const c = stack.change[occ];
    return c === Change.added ? ViewChange.added : c === Change.modified ? ViewChange.modified : ViewChange.unmodified;
  };
  const from = stack.offsets[layer];
  const to = from + stack.layers[layer].length;
  if (mode === 'cumulative') {
    for (let occ = 0; occ < from; occ++) {
      const h = stack.hiddenBy[occ];
      if (h === -1 || h > layer) put(occ, ViewChange.unmodified);
    }
  }
  for (let occ = from; occ < to; occ++) if (stack.hiddenBy[occ] === -1 || stack.hiddenBy[occ] > layer) put(occ, layerChange(occ));
  // removed paths: the lower copy this layer hid
  const removed = stack.removed[layer];
  if (removed.length > 0) {
    const want = new Uint8Array(n);
    for (const p of removed) want[p] = 1;
    for (let occ = 0; occ < from; occ++) {
      if (stack.hiddenBy[occ] !== layer || stack.reason[occ] !== Reason.removed) continue;
      const li = stack.occLayer[occ];
      const p = stack.layers[li].path[occ - stack.offsets[li]];
      if (want[p] === 1 && present[p] === 0) {
        put(occ, ViewChange.removed);
        change[p] = ViewChange.removed;
      }
    }
    for (const p of removed) {
      if (present[p] === 0) {
        present[p] = 1;
        change[p] = ViewChange.removed;
      }
    }
  }
  // implied ancestors (parent ids are always smaller than their children's)
  const parent = paths.parent;
  for (let id = n - 1; id > 0; id--) {
    if (present[id] === 0) continue;
    const p = parent[id];
    if (p > 0 && present[p] === 0) {
      present[p] = 1;
      dir[p] = 1;
      change[p] = ViewChange.unmodified;
    }
    if (p > 0) dir[p] = 1;
  }
  let count = 0;
  for (let id = n - 1; id > 0; id--) {
    if (present[id] === 0) continue;
    count++;
    const p = parent[id];
    if (p > 0 && (change[id] !== ViewChange.removed || change[p] === ViewChange.removed)) bytes[p] += bytes[id];
  }
  return { layer, mode, present, occ: occOf, change, dir, bytes, count };
}

/** Everything known about one layer entry. */
export interface EntryDetails {
  path: string;
  kind: KindName;
  layer: number;
  sizeBytes: number;
  mode: number;
  uid: number;
  gid: number;
  linkTarget: string | null;
  digest: string | null;
  /** The layer that hid this copy, or null when it is still visible. */
  hiddenBy: number | null;
}

export function entryDetails(files: ImageFiles, occ: number): EntryDetails {
  const { stack, paths, digests } = files;
  const li = stack.occLayer[occ];
  const l = stack.layers[li];
  const i = occ - stack.offsets[li];
  const dg = l.digest[i];
  const h = stack.hiddenBy[occ];
  return {
    path: `/${displayPath(paths.names[l.path[i]])}`,
    kind: KIND_NAMES[l.kind[i]],
    layer: li,
    sizeBytes: l.size[i],
    mode: l.mode[i],
    uid: l.uid[i],
    gid: l.gid[i],
    linkTarget: l.link[i] === -1 ? null : displayPath(l.links[l.link[i]]),
    digest: dg === -1 ? null : `sha256:${digests.hex[dg]}`,
    hiddenBy: h === -1 ? null : h,
  };
}

/** `ls -l` style mode string: type letter and the nine permission bits (with setuid, setgid, sticky). */
export function modeString(kind: KindName, mode: number): string {
  const type = kind === 'dir' ? 'd' : kind === 'symlink' ? 'l' : kind === 'char' ? 'c' : kind === 'block' ? 'b' : kind === 'fifo' ? 'p' : '-';
  const bit = (m: number, ch: string): string => (mode & m ? ch : '-');
  const special = (x: number, s: number, lower: string, upper: string): string => (mode & s ? (mode & x ? lower : upper) : mode & x ? 'x' : '-');
  return (
    type +
    bit(0o400, 'r') +
    bit(0o200, 'w') +
    special(0o100, 0o4000, 's', 'S') +
    bit(0o040, 'r') +
    bit(0o020, 'w') +
    special(0o010, 0o2000, 's', 'S') +
    bit(0o004, 'r') +
    bit(0o002, 'w') +
    special(0o001, 0o1000, 't', 'T')
  );
}

/** A regular-file copy that a later layer overwrote or deleted (every one, not a top N). */
export interface HiddenCopy {
  pathId: number;
  path: string;
  sizeBytes: number;
  layer: number;
  hiddenBy: number;
  reason: 'overwritten' | 'removed';
}

/** Every hidden regular-file copy with bytes, largest first (the analysis keeps only a top N). */
export function hiddenCopies(files: ImageFiles): HiddenCopy[] {
  const { stack, paths } = files;
  const out: HiddenCopy[] = [];
  stack.layers.forEach((l, li) => {
    const off = stack.offsets[li];
    for (let i = 0; i < l.length; i++) {
      const occ = off + i;
      if (l.kind[i] !== Kind.file || l.size[i] === 0 || stack.hiddenBy[occ] === -1 || stack.keptByLink[occ] === 1) continue;
      out.push({
        pathId: l.path[i],
        path: `/${displayPath(paths.names[l.path[i]])}`,
        sizeBytes: l.size[i],
        layer: li,
        hiddenBy: stack.hiddenBy[occ],
        reason: stack.reason[occ] === Reason.removed ? 'removed' : 'overwritten',
      });
    }
  });
  return out.sort((a, b) => b.sizeBytes - a.sizeBytes || a.path.localeCompare(b.path) || a.layer - b.layer);
}

/** Visible files of the final filesystem with the same content at two or more paths. */
export interface DuplicateSet {
  digest: string;
  sizeBytes: number;
  /** Bytes of every copy but one. */
  wastedBytes: number;
  copies: Array<{ pathId: number; path: string; layer: number }>;
}

export function duplicateSets(files: ImageFiles): DuplicateSet[] {
  const { stack, paths, digests } = files;
  const byDigest = new Map<number, number[]>();
  for (let id = 1; id < paths.size; id++) {
    const occ = stack.final[id];
    if (occ === -1) continue;
    const li = stack.occLayer[occ];
    const l = stack.layers[li];
    const i = occ - stack.offsets[li];
    if (l.kind[i] !== Kind.file || l.size[i] === 0 || l.digest[i] < 0) continue;
    const list = byDigest.get(l.digest[i]);
    if (list) list.push(id);
    else byDigest.set(l.digest[i], [id]);
  }
  const out: DuplicateSet[] = [];
  for (const [dg, ids] of byDigest) {
    if (ids.length < 2) continue;
    const copies = ids
      .map((id) => ({ pathId: id, path: `/${displayPath(paths.names[id])}`, layer: stack.occLayer[stack.final[id]] }))
      .sort((a, b) => a.layer - b.layer || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    const occ = stack.final[ids[0]];
    const li = stack.occLayer[occ];
    const size = stack.layers[li].size[occ - stack.offsets[li]];
    out.push({ digest: `sha256:${digests.hex[dg]}`, sizeBytes: size, wastedBytes: size * (ids.length - 1), copies });
  }
  return out.sort((a, b) => b.wastedBytes - a.wastedBytes || (a.digest < b.digest ? -1 : 1));
}

/**
 * Sibling order by name: rank[id] orders every path id by its full path. Siblings share their parent's
 * prefix, so comparing full paths compares their names.
 */
export function nameRanks(files: ImageFiles): Int32Array {
  const names = files.paths.names;
  const ids = Array.from({ length: files.paths.size }, (_, i) => i);
  ids.sort((a, b) => (names[a] < names[b] ? -1 : names[a] > names[b] ? 1 : 0));
  const rank = new Int32Array(ids.length);
  ids.forEach((id, r) => {
    rank[id] = r;
  });
  return rank;
}
