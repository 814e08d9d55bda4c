import type { ScanContext, LayerScan } from '../tar/scan-layer.js';
import type { AnalyzeOptions, ImageConfig, Platform, SourceKind } from '../model.js';

/** What a source needs from the analysis while it reads. */
export interface ReadContext {
  readonly scan: ScanContext;
  /** The platform asked for, or null for "the host's, or the only one there is". */
  readonly platform: Platform | null;
  readonly signal?: AbortSignal;
  readonly options: AnalyzeOptions;
  /** Progress: raw bytes read, totals when known, layers finished. */
  bytesRead(n: number): void;
  setTotals(bytes: number | null, layers: number | null): void;
  layerDone(digest: string): void;
}

export interface SourceLayer {
  scan: LayerScan;
  /** Size of the layer blob as distributed, when known. */
  compressedBytes: number | null;
}

export interface SourceResult {
  config: ImageConfig;
  configDigest: string;
  manifestDigest: string | null;
  /** Layers bottom to top, matching config.diffIds. */
  layers: SourceLayer[];
}

/** One shape for every transport: streams each layer blob once, then says how they stack. */
export interface ImageSource {
  readonly ref: string;
  readonly kind: SourceKind;
  read(ctx: ReadContext): Promise<SourceResult>;
}
