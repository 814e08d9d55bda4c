import type { ImageAnalysis, Leftover, RuntimeConfig } from '../layers/model.js';
import type { ImageFiles } from '../layers/analysis/summarize.js';
import { historyCommand } from '../layers/history.js';
import { duplicateSets, hiddenCopies, nameRanks, type DuplicateSet, type HiddenCopy } from '../layers/analysis/views.js';

/** One layer as the explorer shows it. */
export interface LayerInfo {
  index: number;
  digest: string;
  sizeBytes: number;
  fileCount: number;
  /** The full history line. */
  command: string;
  /** The history line without the `/bin/sh -c` and `#(nop)` noise. */
  shortCommand: string;
  added: number;
  modified: number;
  removed: number;
  unmodified: number;
  wastedBytes: number;
  /** This layer's share of the image's wasted bytes (0..1). */
  wasteShare: number;
}

/** Everything the explorer shows, computed before the UI starts. Plain data: no I/O, no React. */
export interface ExplorerModel {
  title: string;
  analysis: ImageAnalysis;
  files: ImageFiles;
  config: RuntimeConfig;
  layers: LayerInfo[];
  maxLayerBytes: number;
  hidden: HiddenCopy[];
  duplicates: DuplicateSet[];
  leftovers: Leftover[];
  /** Sibling order by name (see nameRanks). */
  nameRank: Int32Array;
}

/** The history line without the shell wrapper and markers (see layers/history). */
export const shortCommand = historyCommand;

export function buildModel(analysis: ImageAnalysis, files: ImageFiles, opts: { title?: string } = {}): ExplorerModel {
  const layers = analysis.layers.map(
    (l): LayerInfo => ({
      index: l.index,
      digest: l.digest,
      sizeBytes: l.sizeBytes,
      fileCount: l.fileCount,
      command: l.createdBy,
      shortCommand: l.createdBy ? shortCommand(l.createdBy) : l.index === 0 ? 'FROM (base layer)' : '(no history)',
      added: l.added,
      modified: l.modified,
      removed: l.removed,
      unmodified: l.unmodified,
      wastedBytes: l.wastedBytes,
      wasteShare: analysis.wastedBytes > 0 ? l.wastedBytes / analysis.wastedBytes : 0,
    }),
  );
  return {
    title: opts.title ?? analysis.ref,
    analysis,
    files,
    config: analysis.config,
    layers,
    maxLayerBytes: layers.reduce((m, l) => Math.max(m, l.sizeBytes), 0),
    hidden: hiddenCopies(files),
    duplicates: duplicateSets(files),
    leftovers: analysis.leftovers,
    nameRank: nameRanks(files),
  };
}
