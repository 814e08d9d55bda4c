import { displayPath } from '../paths.js';
import { Kind, type DigestTable, KIND_NAMES, type KindName } from '../filetree/entries.js';
import { pathOf, type PathIndex } from '../filetree/path-index.js';
import { CHANGE_NAMES, Change, Reason, stackLayers, type Stack } from '../filetree/stack.js';
import type { LayerScan } from '../tar/scan-layer.js';
import {
  ANALYSIS_SCHEMA_VERSION,
  type DuplicateGroup,
  type ImageAnalysis,
  type ImageConfig,
  type Inefficiency,
  type LargestDirectory,
  type LargestFile,
  type LayerAnalysis,
  type Leftover,
  type SourceKind,
  type WastedFile,
  type WasteByLayerPair,
} from '../model.js';
import { devPackageOf, matchLeftover } from './leftovers.js';
import { createTopN, offer } from './top-n.js';

export interface StackedLayer {
  scan: LayerScan;
  /** Size of the blob as distributed (manifest size), when known. */
  compressedBytes: number | null;
}

export interface SummarizeInput {
  ref: string;
  source: SourceKind;
  platform: string;
  configDigest: string;
  manifestDigest: string | null;
  config: ImageConfig;
  layers: StackedLayer[];
  paths: PathIndex;
  digests: DigestTable;
  topN: number;
}

/** Everything a file browser needs: the path index, per-layer entries and the stacking facts. */
export interface ImageFiles {
  paths: PathIndex;
  digests: DigestTable;
  stack: Stack;
}

export const userPath = (paths: PathIndex, id: number): string => `/${displayPath(pathOf(paths, id))}`;

/** Pairs layers with history: entries with empty_layer are skipped, the rest are taken in order. */
export function historyForLayers(config: ImageConfig, count: number): Array<{ createdBy: string; historyIndex: number | null }> {
  const out: Array<{ createdBy: string; historyIndex: number | null }> = [];
  config.history.forEach((h, i) => {
    if (!h.emptyLayer && out.length < count) out.push({ createdBy: h.createdBy, historyIndex: i });
  });
  while (out.length < count) out.push({ createdBy: '', historyIndex: null });
  return out;
}

function topBy<T>(items: T[], n: number, key: (t: T) => number): T[] {
  return items.sort((a, b) => key(b) - key(a)).slice(0, n);
}

export function summarize(input: SummarizeInput): { analysis: ImageAnalysis; files: ImageFiles } {
  const { paths, layers, topN } = input;
  const stack = stackLayers(paths, layers.map((l) => l.scan.entries));
  const history = historyForLayers(input.config, layers.length);
  const visibleOcc = (occ: number): boolean => stack.hiddenBy[occ] === -1 || stack.keptByLink[occ] === 1;

  const layerRows: LayerAnalysis[] = layers.map((l, li) => {
    const e = l.scan.entries;
    const off = stack.offsets[li];
    let added = 0;
    let modified = 0;
    let unmodified = 0;
    let wasted = 0;
    for (let i = 0; i < e.length; i++) {
      const c = stack.change[off + i];
      if (c === Change.added) added++;
      else if (c === Change.modified) modified++;
      else if (c === Change.unmodified) unmodified++;
      if (e.kind[i] === Kind.file && !visibleOcc(off + i)) wasted += e.size[i];
    }
    return {
      index: li,
      digest: l.scan.diffId,
      blobDigest: l.scan.blobDigest,
      compression: l.scan.compression,
      compressedBytes: l.compressedBytes ?? (l.scan.compression === 'none' ? null : l.scan.blobBytes),
      sizeBytes: l.scan.sizeBytes,
      fileCount: l.scan.fileCount,
      createdBy: history[li].createdBy,
      historyIndex: history[li].historyIndex,
      added,
      modified,
      unmodified,
      removed: stack.removed[li].length,
      wastedBytes: wasted,
      hidesBytes: stack.hidesBytes[li],
    };
  });

  // waste: every hidden regular-file copy
  const wastedTop = createTopN<WastedFile>(topN);
  const pairs = new Map<string, WasteByLayerPair>();
  let wastedBytes = 0;
  layers.forEach((l, li) => {
    const e = l.scan.entries;
    const off = stack.offsets[li];
    for (let i = 0; i < e.length; i++) {
      if (e.kind[i] !== Kind.file || e.size[i] === 0 || visibleOcc(off + i)) continue;
      const reason = stack.reason[off + i] === Reason.removed ? 'removed' : 'overwritten';
      const hiddenBy = stack.hiddenBy[off + i];
      const size = e.size[i];
      wastedBytes += size;
      offer(wastedTop, size, () => ({ path: userPath(paths, e.path[i]), sizeBytes: size, layer: li, hiddenBy, reason }));
      const key = `${li}:${hiddenBy}:${reason}`;
      const row = pairs.get(key) ?? { layer: li, hiddenBy, reason, sizeBytes: 0, files: 0 };
      row.sizeBytes += size;
      row.files += 1;
      pairs.set(key, row);
    }
  });
  const wastedFiles = wastedTop.items;

  // the final filesystem
  const final = finalFacts(input, stack);

  // dive's numbers
  const d = stack.dive;
  let sumMin = 0;
  let sumCum = 0;
  let diveWasted = 0;
  const ineff = createTopN<Inefficiency>(topN);
  for (let p = 0; p < paths.size; p++) {
    if (d.count[p] === 0) continue;
    sumMin += Math.max(0, d.minimum[p]);
    sumCum += d.cumulative[p];
    if (d.count[p] >= 2) {
      diveWasted += d.cumulative[p];
      offer(ineff, d.cumulative[p], () => ({ path: userPath(paths, p), count: d.count[p], cumulativeBytes: d.cumulative[p], minBytes: Math.max(0, d.minimum[p]) }));
    }
  }
  const inefficiencies = ineff.items;
  const totalBytes = layerRows.reduce((s, l) => s + l.sizeBytes, 0);
  const userSizeBytes = totalBytes - (layerRows[0]?.sizeBytes ?? 0);
  const compressedKnown = layerRows.every((l) => l.compressedBytes !== null);

  const cacheBytes = final.leftovers.filter((l) => l.kind === 'cache').reduce((s, l) => s + l.sizeBytes, 0);
  const toolBytes = final.leftovers.filter((l) => l.kind === 'toolchain').reduce((s, l) => s + l.sizeBytes, 0);

  const analysis: ImageAnalysis = {
    schemaVersion: ANALYSIS_SCHEMA_VERSION,
    ref: input.ref,
    source: input.source,
    platform: input.platform,
    configDigest: input.configDigest,
    manifestDigest: input.manifestDigest,
    config: input.config.runtime,
    layers: layerRows,
    totalBytes,
    compressedBytes: compressedKnown ? layerRows.reduce((s, l) => s + (l.compressedBytes ?? 0), 0) : null,
    finalBytes: final.finalBytes,
    finalFileCount: final.finalFileCount,
    wastedBytes,
    efficiency: sumCum === 0 ? 1 : sumMin / sumCum,
    diveWastedBytes: diveWasted,
    userSizeBytes,
    userWastedPercent: userSizeBytes === 0 ? null : diveWasted / userSizeBytes,
    duplicateContentBytes: final.duplicateContentBytes,
    largestFiles: final.largestFiles,
    largestDirectories: final.largestDirectories,
    wastedFiles,
    wasteByLayer: topBy([...pairs.values()], topN, (p) => p.sizeBytes),
    inefficiencies,
    duplicates: final.duplicates,
    leftovers: final.leftovers.map((l) => ({ ...l, createdBy: history[l.layer]?.createdBy ?? '' })),
    savings: {
      nowBytes: totalBytes,
      possibleBytes: Math.max(0, totalBytes - wastedBytes - cacheBytes - toolBytes),
      dropWasteBytes: wastedBytes,
      dropCachesBytes: cacheBytes,
      dropToolchainBytes: toolBytes,
    },
  };
  return { analysis, files: { paths, digests: input.digests, stack } };
}

interface FinalFacts {
  finalBytes: number;
  finalFileCount: number;
  duplicateContentBytes: number;
  duplicates: DuplicateGroup[];
  largestFiles: LargestFile[];
  largestDirectories: LargestDirectory[];
  leftovers: Leftover[];
}

function finalFacts(input: SummarizeInput, stack: Stack): FinalFacts {
  const { paths, topN } = input;
  const dirBytes = new Float64Array(paths.size);
  const dirFiles = new Uint32Array(paths.size);
  const byDigest = new Map<number, number[]>();
  const largest = createTopN<LargestFile>(topN);
  const left = new Map<string, Leftover>();
  const devs = new Map<number, string[]>();
  let finalBytes = 0;
  let finalFileCount = 0;

  const addBytes = (id: number, size: number, layer: number, entryLayer: Stack['layers'][number], i: number): void => {
    finalBytes += size;
    for (let p = paths.parent[id]; p >= 0; p = paths.parent[p]) {
      dirBytes[p] += size;
      dirFiles[p] += 1;
    }
    if (size > 0) offer(largest, size, () => ({ path: userPath(paths, id), sizeBytes: size, layer }));
    const dg = entryLayer.digest[i];
    if (size > 0 && dg >= 0) {
      const list = byDigest.get(dg);
      if (list) list.push(id);
      else byDigest.set(dg, [id]);
    }
  };

  for (let id = 1; id < paths.size; id++) {
    const occ = stack.final[id];
    if (occ === -1) continue;
    const li = stack.occLayer[occ];
    const l = stack.layers[li];
    const i = occ - stack.offsets[li];
    const k = l.kind[i];
    if (k === Kind.dir) continue;
    finalFileCount++;
    const name = pathOf(paths, id);
    const dev = devPackageOf(name);
    if (dev) {
      const list = devs.get(li) ?? [];
      list.push(dev);
      devs.set(li, list);
    }
    if (k !== Kind.file) continue;
    const size = l.size[i];
    addBytes(id, size, li, l, i);
    const m = size > 0 ? matchLeftover(name) : null;
    if (m) {
      const key = `${m.rule.category}\0${m.root}\0${li}`;
      const row = left.get(key) ?? { category: m.rule.category, kind: m.rule.kind, path: `/${displayPath(m.root)}`, sizeBytes: 0, fileCount: 0, layer: li, createdBy: '' };
      row.sizeBytes += size;
      row.fileCount += 1;
      left.set(key, row);
    }
  }
  // hidden copies kept alive by a visible hardlink still occupy the final filesystem
  stack.layers.forEach((l, li) => {
    for (let i = 0; i < l.length; i++) {
      if (stack.keptByLink[stack.offsets[li] + i] === 1) finalBytes += l.size[i];
    }
  });

  let duplicateContentBytes = 0;
  const dupGroups: DuplicateGroup[] = [];
  for (const [dg, ids] of byDigest) {
    if (ids.length < 2) continue;
    const occ = stack.final[ids[0]];
    const li = stack.occLayer[occ];
    const size = stack.layers[li].size[occ - stack.offsets[li]];
    const wasted = size * (ids.length - 1);
    duplicateContentBytes += wasted;
    dupGroups.push({ digest: `sha256:${input.digests.hex[dg]}`, sizeBytes: size, paths: ids.map(String), wastedBytes: wasted });
  }
  const duplicates = topBy(dupGroups, topN, (g) => g.wastedBytes).map((g) => ({
    ...g,
    paths: g.paths.map((p) => userPath(paths, Number(p))).sort(),
  }));
  const largestFiles = largest.items;
  const dirs = createTopN<LargestDirectory>(topN);
  for (let id = 1; id < paths.size; id++) if (dirBytes[id] > 0) offer(dirs, dirBytes[id], () => ({ path: userPath(paths, id), sizeBytes: dirBytes[id], fileCount: dirFiles[id] }));
  const largestDirectories = dirs.items;
  const leftovers = [...left.values()];
  for (const [li, names] of devs) {
    leftovers.push({ category: 'dev-packages', kind: 'toolchain', path: '/var/lib/dpkg/info', sizeBytes: 0, fileCount: names.length, layer: li, createdBy: '', packages: [...new Set(names)].sort() });
  }
  leftovers.sort((a, b) => b.sizeBytes - a.sizeBytes || a.path.localeCompare(b.path));
  return { finalBytes, finalFileCount, duplicateContentBytes, duplicates, largestFiles, largestDirectories, leftovers };
}

/** One entry of a layer, for browsers. */
export interface LayerEntryView {
  path: string;
  kind: KindName;
  sizeBytes: number;
  mode: number;
  uid: number;
  gid: number;
  linkTarget: string | null;
  digest: string | null;
  change: (typeof CHANGE_NAMES)[number];
  /** False when a later layer hid this entry. */
  visible: boolean;
}

/** The entries of one layer with their change against the layers below (generated lazily). */
export function* layerEntries(files: ImageFiles, layer: number): Generator<LayerEntryView> {
  const { stack, paths, digests } = files;
  const l = stack.layers[layer];
  const off = stack.offsets[layer];
  for (let i = 0; i < l.length; i++) {
    const dg = l.digest[i];
    yield {
      path: userPath(paths, l.path[i]),
      kind: KIND_NAMES[l.kind[i]],
      sizeBytes: l.size[i],
      mode: l.mode[i],
      uid: l.uid[i],
      gid: l.gid[i],
      linkTarget: l.link[i] === -1 ? null : displayPath(l.links[l.link[i]]),
      digest: dg === -1 ? null : `sha256:${digests.hex[dg]}`,
      change: CHANGE_NAMES[stack.change[off + i]],
      visible: stack.hiddenBy[off + i] === -1,
    };
  }
}

/** Paths a layer removed from the layers below. */
export function removedPaths(files: ImageFiles, layer: number): string[] {
  return [...files.stack.removed[layer]].map((id) => userPath(files.paths, id));
}

/** The visible entries of the final filesystem (directories included), in path-index order. */
export function* finalEntries(files: ImageFiles): Generator<{ path: string; kind: KindName; sizeBytes: number; layer: number; linkTarget: string | null }> {
  const { stack, paths } = files;
  for (let id = 1; id < paths.size; id++) {
    const occ = stack.final[id];
    if (occ === -1) continue;
    const li = stack.occLayer[occ];
    const l = stack.layers[li];
    const i = occ - stack.offsets[li];
    yield { path: userPath(paths, id), kind: KIND_NAMES[l.kind[i]], sizeBytes: l.size[i], layer: li, linkTarget: l.link[i] === -1 ? null : displayPath(l.links[l.link[i]]) };
  }
}
