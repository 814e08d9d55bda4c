import { forEachDescendant, lookupPath, type PathIndex } from './path-index.js';
import { Kind, type LayerEntries } from './entries.js';

/** Change status of one layer entry against the layers below it. */
export const Change = { added: 0, modified: 1, unmodified: 2, marker: 3 } as const;
export type ChangeCode = (typeof Change)[keyof typeof Change];
export const CHANGE_NAMES = ['added', 'modified', 'unmodified', 'marker'] as const;

export const Reason = { visible: 0, overwritten: 1, removed: 2 } as const;

/**
 * The result of stacking layers: one merged view plus compact per-entry facts. Every layer entry has a
 * global "occurrence" number: `offsets[layer] + entryIndex`.
 */
export interface Stack {
  paths: PathIndex;
  layers: LayerEntries[];
  offsets: number[];
  /** Layer of each occurrence. */
  occLayer: Uint16Array;
  /** Per path id: the visible occurrence in the final filesystem, or -1. */
  final: Int32Array;
  /** Per occurrence: the layer that hid it, or -1 when still visible. */
  hiddenBy: Int32Array;
  /** Per occurrence: Reason code. */
  reason: Uint8Array;
  /** Per occurrence: Change code against the layers below. */
  change: Uint8Array;
  /** Per occurrence: 1 when a visible hardlink keeps this hidden file's bytes in the final filesystem. */
  keptByLink: Uint8Array;
  /** Per layer: path ids removed by that layer (and not re-added by it). */
  removed: Uint32Array[];
  /** Per layer: regular-file bytes of lower files that layer hid. */
  hidesBytes: number[];
  /** dive's per-path statistics. */
  dive: { cumulative: Float64Array; minimum: Float64Array; count: Uint32Array };
}

export function stackLayers(paths: PathIndex, layers: LayerEntries[]): Stack {
  const offsets: number[] = [];
  let total = 0;
  for (const l of layers) {
    offsets.push(total);
    total += l.length;
  }
  const n = paths.size;
  const occLayer = new Uint16Array(total);
  layers.forEach((l, li) => occLayer.fill(li, offsets[li], offsets[li] + l.length));
  const cur = new Int32Array(n).fill(-1);
  const diveCur = new Int32Array(n).fill(-1);
  const hiddenBy = new Int32Array(total).fill(-1);
  const reason = new Uint8Array(total);
  const change = new Uint8Array(total);
  const dive = { cumulative: new Float64Array(n), minimum: new Float64Array(n).fill(-1), count: new Uint32Array(n) };
  const stamp = new Int32Array(n).fill(-1);
  const removedPerLayer: Uint32Array[] = [];
  const hidesBytes: number[] = [];

  const at = (occ: number): { l: LayerEntries; i: number } => {
    const li = occLayer[occ];
    return { l: layers[li], i: occ - offsets[li] };
  };
  const kindOf = (occ: number): number => {
    const { l, i } = at(occ);
    return l.kind[i];
  };
  const sizeOf = (occ: number): number => {
    const { l, i } = at(occ);
    return l.size[i];
  };
  const same = (a: number, b: number): boolean => {
    const x = at(a);
    const y = at(b);
    return (
      x.l.kind[x.i] === y.l.kind[y.i] &&
      x.l.digest[x.i] === y.l.digest[y.i] &&
      x.l.mode[x.i] === y.l.mode[y.i] &&
      x.l.uid[x.i] === y.l.uid[y.i] &&
      x.l.gid[x.i] === y.l.gid[y.i] &&
      linkOf(x.l, x.i) === linkOf(y.l, y.i)
    );
  };

  layers.forEach((l, li) => {
    const off = offsets[li];
    const removedNow = new Map<number, number>();
    let hides = 0;
    const hide = (occ: number, why: number): void => {
      hiddenBy[occ] = li;
      reason[occ] = why;
      hides += sizeOf(occ);
    };
    const removeBelow = (pid: number, includeSelf: boolean): void => {
      const drop = (p: number): void => {
        const occ = cur[p];
        if (occ === -1) return;
        hide(occ, Reason.removed);
        removedNow.set(p, occ);
        cur[p] = -1;
      };
      if (includeSelf) drop(pid);
      forEachDescendant(paths, pid, drop);
    };

    diveLayerStats(paths, l, li, off, diveCur, stamp, dive, kindOf, sizeOf);

    // 1. opaque directories, 2. whiteouts: against the lower layers only, whatever their tar position
    for (let i = 0; i < l.length; i++) if (l.kind[i] === Kind.opaque) removeBelow(l.path[i], false);
    for (let i = 0; i < l.length; i++) if (l.kind[i] === Kind.whiteout) removeBelow(l.path[i], true);
    // 3. the layer's own entries, in tar order
    for (let i = 0; i < l.length; i++) {
      const k = l.kind[i];
      const occ = off + i;
      if (k === Kind.opaque || k === Kind.whiteout) {
        change[occ] = Change.marker;
        continue;
      }
      const p = l.path[i];
      const prev = cur[p];
      const before = prev !== -1 ? prev : (removedNow.get(p) ?? -1);
      change[occ] = before === -1 ? Change.added : same(before, occ) ? Change.unmodified : Change.modified;
      if (prev !== -1) {
        const prevKind = kindOf(prev);
        hiddenBy[prev] = li;
        reason[prev] = Reason.overwritten;
        hides += occLayer[prev] === li ? 0 : sizeOf(prev);
        if (prevKind === Kind.dir && k !== Kind.dir) removeBelow(p, false);
      }
      removedNow.delete(p);
      cur[p] = occ;
    }
    removedPerLayer.push(Uint32Array.from(removedNow.keys()));
    hidesBytes.push(hides);
  });

  const keptByLink = markLinkedContent(paths, layers, offsets, cur, hiddenBy);
  return { paths, layers, offsets, occLayer, final: cur, hiddenBy, reason, change, keptByLink, removed: removedPerLayer, hidesBytes, dive };
}

function linkOf(l: LayerEntries, i: number): string | null {
  const k = l.link[i];
  return k === -1 ? null : l.links[k];
}

/**
 * dive's efficiency bookkeeping for one layer: every leaf of the layer's own tree, keyed by path
 * (a whiteout by the path it deletes). A whiteout "costs" what it deletes when that is a directory
 * entry in the layers below (dive ignores opaque markers and keeps children when a path is rewritten).
 */
function diveLayerStats(
  paths: PathIndex,
  l: LayerEntries,
  li: number,
  off: number,
  diveCur: Int32Array,
  stamp: Int32Array,
  dive: Stack['dive'],
  kindOf: (occ: number) => number,
  sizeOf: (occ: number) => number,
): void {
  const parent = paths.parent;
  for (let i = 0; i < l.length; i++) {
    if (l.kind[i] === Kind.opaque) continue;
    for (let p = parent[l.path[i]]; p > 0 && stamp[p] !== li; p = parent[p]) stamp[p] = li;
  }
  const record = (p: number, size: number): void => {
    dive.cumulative[p] += size;
    if (dive.minimum[p] < 0 || size < dive.minimum[p]) dive.minimum[p] = size;
    dive.count[p] += 1;
  };
  for (let i = 0; i < l.length; i++) {
    const k = l.kind[i];
    const p = l.path[i];
    if (k === Kind.opaque) continue;
    if (k === Kind.whiteout) {
      const target = diveCur[p];
      let size = 0;
      if (target !== -1 && kindOf(target) === Kind.dir) {
        forEachDescendant(paths, p, (c) => {
          if (diveCur[c] !== -1) size += sizeOf(diveCur[c]);
        });
      }
      record(p, size);
    } else if (stamp[p] !== li) {
      record(p, l.size[i]);
    }
  }
  for (let i = 0; i < l.length; i++) {
    if (l.kind[i] !== Kind.whiteout) continue;
    const p = l.path[i];
    diveCur[p] = -1;
    forEachDescendant(paths, p, (c) => {
      diveCur[c] = -1;
    });
  }
  for (let i = 0; i < l.length; i++) {
    const k = l.kind[i];
    if (k !== Kind.whiteout && k !== Kind.opaque) diveCur[l.path[i]] = off + i;
  }
}

/**
 * Hardlinks: a visible hardlink keeps the bytes of its target entry (same layer) in the final
 * filesystem even when the target path itself was deleted or overwritten later.
 */
function markLinkedContent(paths: PathIndex, layers: LayerEntries[], offsets: number[], cur: Int32Array, hiddenBy: Int32Array): Uint8Array {
  const kept = new Uint8Array(hiddenBy.length);
  layers.forEach((l, li) => {
    let byPath: Map<number, number> | null = null;
    for (let i = 0; i < l.length; i++) {
      if (l.kind[i] !== Kind.hardlink || cur[l.path[i]] !== offsets[li] + i) continue;
      if (byPath === null) {
        byPath = new Map();
        for (let j = 0; j < l.length; j++) if (l.kind[j] === Kind.file) byPath.set(l.path[j], j);
      }
      const target = lookupPath(paths, l.links[l.link[i]]);
      const j = target === undefined ? undefined : byPath.get(target);
      if (j !== undefined && hiddenBy[offsets[li] + j] !== -1) kept[offsets[li] + j] = 1;
    }
  });
  return kept;
}
