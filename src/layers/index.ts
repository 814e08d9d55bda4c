import { ImageSourceError, isAbort } from './errors.js';
import { createDigestTable } from './filetree/entries.js';
import { createPathIndex } from './filetree/path-index.js';
import { summarize, type ImageFiles } from './analysis/summarize.js';
import { DEFAULT_LIMITS, type ScanContext, type ScanLimits } from './tar/scan-layer.js';
import { hostPlatform, parsePlatform, platformString } from './sources/image-json.js';
import { resolveSource } from './sources/resolve.js';
import type { ImageSource, ReadContext } from './sources/source.js';
import type { AnalyzeOptions, ImageAnalysis, ProgressEvent } from './model.js';

export * from './model.js';
export { ImageSourceError, isImageSourceError, type ImageSourceErrorCode } from './errors.js';
export { resolveSource } from './sources/resolve.js';
export type { ImageSource, ReadContext, SourceResult, SourceLayer } from './sources/source.js';
export { finalEntries, layerEntries, removedPaths, type ImageFiles, type LayerEntryView } from './analysis/summarize.js';
export { fileView, entryDetails, modeString, hiddenCopies, duplicateSets, nameRanks, ViewChange, VIEW_CHANGE_NAMES, type FileView, type ViewMode, type ViewChangeName, type EntryDetails, type HiddenCopy, type DuplicateSet } from './analysis/views.js';
export { zstdBackend } from './tar/decompress.js';
export { LEFTOVER_RULES } from './analysis/leftovers.js';
export { displayPath } from './paths.js';

export interface DetailedOptions extends AnalyzeOptions {
  limits?: Partial<ScanLimits>;
}

/** Reads an image once and analyses it. Throws ImageSourceError for any problem with the input. */
export async function analyzeImage(ref: string | ImageSource, options: AnalyzeOptions = {}): Promise<ImageAnalysis> {
  return (await analyzeImageDetailed(ref, options)).analysis;
}

/** Like analyzeImage, and also returns the compact per-layer file index for browsing (explore). */
export async function analyzeImageDetailed(ref: string | ImageSource, options: DetailedOptions = {}): Promise<{ analysis: ImageAnalysis; files: ImageFiles }> {
  const platform = options.platform ? parsePlatform(options.platform) : null;
  const source = await resolveSource(ref, options);
  const emit = (e: ProgressEvent): void => {
    try {
      options.onProgress?.(e);
    } catch {
      /* a failing progress renderer must not break the analysis */
    }
  };
  const progress = { bytesRead: 0, bytesTotal: null as number | null, layersTotal: null as number | null, layersDone: 0, lastEmit: 0 };
  const scan: ScanContext = {
    paths: createPathIndex(),
    digests: createDigestTable(),
    limits: { ...DEFAULT_LIMITS, ...options.limits },
    signal: options.signal,
    entriesSeen: { n: 0 },
  };
  const ctx: ReadContext = {
    scan,
    platform,
    signal: options.signal,
    options,
    bytesRead(n) {
      progress.bytesRead += n;
      if (progress.bytesRead - progress.lastEmit >= 8 * 1024 * 1024) {
        progress.lastEmit = progress.bytesRead;
        emit({ kind: 'bytes', bytesRead: progress.bytesRead, bytesTotal: progress.bytesTotal });
      }
    },
    setTotals(bytes, layers) {
      progress.bytesTotal = bytes;
      progress.layersTotal = layers;
      emit({ kind: 'start', ref: source.ref, source: source.kind, bytesTotal: bytes, layersTotal: layers });
    },
    layerDone(digest) {
      progress.layersDone += 1;
      emit({ kind: 'layer', layersDone: progress.layersDone, layersTotal: progress.layersTotal, digest, bytesRead: progress.bytesRead, bytesTotal: progress.bytesTotal });
    },
  };
  let result;
  try {
    result = await source.read(ctx);
  } catch (e) {
    if (e instanceof ImageSourceError) throw e;
    if (options.signal?.aborted || isAbort(e)) throw new ImageSourceError('aborted', `${source.ref}: aborted`);
    throw new ImageSourceError('corrupt', `${source.ref}: ${(e as Error).message ?? String(e)}`, { cause: e });
  }
  emit({ kind: 'analyzing' });
  const cfg = result.config;
  return summarize({
    ref: source.ref,
    source: source.kind,
    platform: cfg.os && cfg.architecture ? platformString(cfg) : platformString(platform ?? hostPlatform()),
    configDigest: result.configDigest,
    manifestDigest: result.manifestDigest,
    config: cfg,
    layers: result.layers.map((l) => ({ scan: l.scan, compressedBytes: l.compressedBytes })),
    paths: scan.paths,
    digests: scan.digests,
    topN: options.topN ?? 20,
  });
}
