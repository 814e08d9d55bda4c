import { ViewChange, type FileView, type ViewChangeName } from '../layers/analysis/views.js';
import type { PathIndex } from '../layers/filetree/path-index.js';

/** Children of every present path, sorted: the children of `id` are `kids[start[id] .. start[id + 1])`. */
export interface Tree {
  view: FileView;
  start: Int32Array;
  kids: Int32Array;
}

export type SortOrder = 'name' | 'size';

/** Builds the sorted child lists of a view in O(paths) (plus the sort of each directory's children by size). */
export function buildTree(paths: PathIndex, view: FileView, rank: Int32Array, order: SortOrder): Tree {
  const n = paths.size;
  const parent = paths.parent;
  const present = view.present;
  const start = new Int32Array(n + 1);
  for (let id = 1; id < n; id++) if (present[id] === 1) start[parent[id] + 1]++;
  for (let i = 0; i < n; i++) start[i + 1] += start[i];
  const fill = start.slice(0, n);
  const kids = new Int32Array(start[n]);
  // ids in name order: every parent bucket fills already sorted by name
  const byRank = new Int32Array(n);
  for (let id = 0; id < n; id++) byRank[rank[id]] = id;
  for (let r = 0; r < n; r++) {
    const id = byRank[r];
    if (id === 0 || present[id] === 0) continue;
    kids[fill[parent[id]]++] = id;
  }
  if (order === 'size') {
    const bytes = view.bytes;
    const cmp = (a: number, b: number): number => bytes[b] - bytes[a] || rank[a] - rank[b];
    for (let id = 0; id < n; id++) {
      const s = start[id];
      const e = start[id + 1];
      if (e - s > 1) kids.subarray(s, e).sort(cmp);
    }
  }
  return { view, start, kids };
}

const CODE: Record<ViewChangeName, number> = { added: ViewChange.added, modified: ViewChange.modified, unmodified: ViewChange.unmodified, removed: ViewChange.removed };

/**
 * Which paths are shown: a path whose change kind is not hidden and whose path matches the filter, and
 * every directory above a shown path. `text(id)` gives the lower-cased path the filter is matched against.
 */
export function visibility(paths: PathIndex, view: FileView, hide: ReadonlySet<ViewChangeName>, filter: string, text: (id: number) => string): Uint8Array {
  const n = paths.size;
  const vis = new Uint8Array(n);
  const hidden = new Uint8Array(4);
  for (const h of hide) hidden[CODE[h]] = 1;
  const needle = filter.toLowerCase();
  const parent = paths.parent;
  const { present, change } = view;
  for (let id = n - 1; id > 0; id--) {
    if (present[id] === 0) continue;
    if (vis[id] === 0 && hidden[change[id]] === 0 && (needle === '' || text(id).includes(needle))) vis[id] = 1;
    if (vis[id] === 1) vis[parent[id]] = 1;
  }
  vis[0] = 1;
  return vis;
}

/** The rows of the tree, depth first, skipping hidden paths and the inside of collapsed directories. */
export interface Rows {
  length: number;
  ids: Int32Array;
  depth: Uint16Array;
}

export function flatten(tree: Tree, vis: Uint8Array, collapsed: (id: number) => boolean): Rows {
  const { start, kids } = tree;
  let ids = new Int32Array(1024);
  let depth = new Uint16Array(1024);
  let length = 0;
  // explicit stack of (directory, next child position)
  const stackId: number[] = [0];
  const stackPos: number[] = [start[0]];
  while (stackId.length > 0) {
    const top = stackId.length - 1;
    const dirId = stackId[top];
    const pos = stackPos[top];
    if (pos >= start[dirId + 1]) {
      stackId.pop();
      stackPos.pop();
      continue;
    }
    stackPos[top] = pos + 1;
    const id = kids[pos];
    if (vis[id] === 0) continue;
    if (length === ids.length) {
      const ni = new Int32Array(ids.length * 2);
      ni.set(ids);
      ids = ni;
      const nd = new Uint16Array(depth.length * 2);
      nd.set(depth);
      depth = nd;
    }
    ids[length] = id;
    depth[length] = top;
    length++;
    if (start[id + 1] > start[id] && !collapsed(id)) {
      stackId.push(id);
      stackPos.push(start[id]);
    }
  }
  return { length, ids, depth };
}

export function rowIndexOf(rows: Rows, id: number): number {
  for (let i = 0; i < rows.length; i++) if (rows.ids[i] === id) return i;
  return -1;
}

/** True when the directory has children in the view (whether or not they are shown). */
export const hasChildren = (tree: Tree, id: number): boolean => tree.start[id + 1] > tree.start[id];
