import { grow } from './growable.js';

/**
 * One compact index of every path seen in any layer. Each path gets a small integer id; id 0 is the
 * root (""). Parents are ids too, so whole trees are never copied: per-layer entries and the merged
 * view only hold ids. Children are linked lists (first child / next sibling) over the same ids.
 */
export interface PathIndex {
  readonly ids: Map<string, number>;
  names: string[];
  parent: Int32Array;
  firstChild: Int32Array;
  nextSibling: Int32Array;
  size: number;
}

export function createPathIndex(): PathIndex {
  const index: PathIndex = {
    ids: new Map([['', 0]]),
    names: [''],
    parent: new Int32Array(1024).fill(-1),
    firstChild: new Int32Array(1024).fill(-1),
    nextSibling: new Int32Array(1024).fill(-1),
    size: 1,
  };
  return index;
}

/** Returns the id of a normalised path, adding it and its missing ancestors. */
export function internPath(index: PathIndex, path: string): number {
  const known = index.ids.get(path);
  if (known !== undefined) return known;
  // the missing ancestors, deepest first, up to the nearest known one (a loop: a tar entry may name a
  // path tens of thousands of levels deep, which recursion here overflowed)
  const missing = [path];
  let parentId = 0;
  for (let p = path; ; ) {
    const cut = p.lastIndexOf('/');
    if (cut < 0) break;
    p = p.slice(0, cut);
    const id = index.ids.get(p);
    if (id !== undefined) {
      parentId = id;
      break;
    }
    missing.push(p);
  }
  for (let k = missing.length - 1; k >= 0; k--) parentId = addPath(index, missing[k], parentId);
  return parentId;
}

function addPath(index: PathIndex, path: string, parentId: number): number {
  const id = index.size;
  const need = id + 1;
  if (need > index.parent.length) {
    index.parent = grow(index.parent, need, Int32Array, -1);
    index.firstChild = grow(index.firstChild, need, Int32Array, -1);
    index.nextSibling = grow(index.nextSibling, need, Int32Array, -1);
  }
  index.size = need;
  index.ids.set(path, id);
  index.names.push(path);
  index.parent[id] = parentId;
  index.nextSibling[id] = index.firstChild[parentId];
  index.firstChild[parentId] = id;
  return id;
}

export const lookupPath = (index: PathIndex, path: string): number | undefined => index.ids.get(path);
export const pathOf = (index: PathIndex, id: number): string => index.names[id];

/** Calls `visit` for every id strictly below `id` (depth first, iterative: no recursion limits). */
export function forEachDescendant(index: PathIndex, id: number, visit: (child: number) => void): void {
  const stack: number[] = [];
  for (let c = index.firstChild[id]; c !== -1; c = index.nextSibling[c]) stack.push(c);
  while (stack.length > 0) {
    const n = stack.pop() as number;
    visit(n);
    for (let c = index.firstChild[n]; c !== -1; c = index.nextSibling[c]) stack.push(c);
  }
}

export function childIds(index: PathIndex, id: number): number[] {
  const out: number[] = [];
  for (let c = index.firstChild[id]; c !== -1; c = index.nextSibling[c]) out.push(c);
  return out;
}
