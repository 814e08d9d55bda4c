/** Plain-data model of an analysed image. `ImageAnalysis` is also the JSON contract (docs/json-analyze.md). */

export const ANALYSIS_SCHEMA_VERSION = 1;

export type SourceKind = 'docker' | 'docker-archive' | 'oci-archive' | 'oci' | 'registry';

export interface Platform {
  os: string;
  architecture: string;
  variant?: string;
}

export interface HistoryEntry {
  created?: string;
  createdBy: string;
  comment?: string;
  emptyLayer: boolean;
}

/** How a container of the image runs (the `config` object of the image config). */
export interface RuntimeConfig {
  user?: string;
  workingDir?: string;
  entrypoint?: string[] | null;
  cmd?: string[] | null;
  env: string[];
  exposedPorts: string[];
  volumes: string[];
  labels: Record<string, string>;
  stopSignal?: string;
  healthcheck?: string[];
}

/** The parts of an image config the analysis uses. */
export interface ImageConfig {
  /** The runtime settings (CMD, ENTRYPOINT, ENV, USER, WORKDIR, EXPOSE, labels...). */
  runtime: RuntimeConfig;
  os: string;
  architecture: string;
  variant?: string;
  diffIds: string[];
  history: HistoryEntry[];
}

export interface LayerAnalysis {
  index: number;
  /** diff_id: sha256 of the uncompressed layer tar, computed while reading and checked against the config. */
  digest: string;
  /** Digest of the blob as stored or pulled (compressed digest), when it differs from `digest`. */
  blobDigest: string;
  compression: 'gzip' | 'zstd' | 'none';
  /** Size of the blob as stored, when known (compressed size for compressed layers). */
  compressedBytes: number | null;
  /** Regular-file bytes in the layer tar (links, directories and whiteout markers count 0). */
  sizeBytes: number;
  /** Entries that are neither directories nor whiteout markers. */
  fileCount: number;
  /** `created_by` of the history entry this layer belongs to ("" when history is missing). */
  createdBy: string;
  /** Index into the config history, or null when history does not cover this layer. */
  historyIndex: number | null;
  /** Paths new in this layer, changed (content, type, mode, owner or link target), re-shipped unchanged, removed. */
  added: number;
  modified: number;
  unmodified: number;
  removed: number;
  /** Bytes of files this layer ships that are not visible in the final filesystem. */
  wastedBytes: number;
  /** Bytes of lower-layer files this layer hides (by overwriting or deleting them). */
  hidesBytes: number;
}

export interface WastedFile {
  path: string;
  sizeBytes: number;
  /** The layer that shipped the bytes. */
  layer: number;
  /** The layer that hid them. */
  hiddenBy: number;
  reason: 'overwritten' | 'removed';
}

export interface WasteByLayerPair {
  layer: number;
  hiddenBy: number;
  reason: 'overwritten' | 'removed';
  sizeBytes: number;
  files: number;
}

/** dive's per-path inefficiency row (a path seen in two or more layers). */
export interface Inefficiency {
  path: string;
  count: number;
  cumulativeBytes: number;
  minBytes: number;
}

export interface LargestFile {
  path: string;
  sizeBytes: number;
  layer: number;
}

export interface LargestDirectory {
  path: string;
  sizeBytes: number;
  fileCount: number;
}

export interface DuplicateGroup {
  digest: string;
  sizeBytes: number;
  paths: string[];
  /** Bytes of every copy but one. */
  wastedBytes: number;
}

export type LeftoverCategory =
  | 'apt-lists'
  | 'apt-archives'
  | 'apk-cache'
  | 'dnf-yum-cache'
  | 'pip-cache'
  | 'npm-cache'
  | 'yarn-cache'
  | 'go-cache'
  | 'cargo-cache'
  | 'maven-cache'
  | 'gradle-cache'
  | 'tmp'
  | 'compiler'
  | 'build-tool'
  | 'headers'
  | 'static-libs'
  | 'dev-packages';

export interface Leftover {
  category: LeftoverCategory;
  kind: 'cache' | 'toolchain';
  /** The directory (or file) the leftover lives under. */
  path: string;
  sizeBytes: number;
  fileCount: number;
  /** Layer that introduced the visible files, and its history line. */
  layer: number;
  createdBy: string;
  /** For dev-packages: the package names. */
  packages?: string[];
}

export interface Savings {
  /** What the image weighs now (sum of layer sizes). */
  nowBytes: number;
  /** About what it could weigh with the three actions below. */
  possibleBytes: number;
  dropWasteBytes: number;
  dropCachesBytes: number;
  dropToolchainBytes: number;
}

export interface ImageAnalysis {
  schemaVersion: typeof ANALYSIS_SCHEMA_VERSION;
  ref: string;
  source: SourceKind;
  platform: string;
  /** sha256 of the config JSON (the image id). */
  configDigest: string;
  /** Digest of the manifest when the source has one. */
  manifestDigest: string | null;
  /** How a container of the image runs. */
  config: RuntimeConfig;
  layers: LayerAnalysis[];
  /** Sum of layer sizeBytes. */
  totalBytes: number;
  /** Sum of compressed layer sizes when every one is known. */
  compressedBytes: number | null;
  /** Regular-file bytes visible in the merged filesystem. */
  finalBytes: number;
  /** Visible paths that are not directories. */
  finalFileCount: number;
  /** Bytes of copies not visible in the final filesystem (overwritten or deleted). */
  wastedBytes: number;
  /** dive's efficiency score: sum of per-path minimum sizes / sum of per-path cumulative sizes. */
  efficiency: number;
  /** dive's "wasted bytes" (every copy of a path seen twice, including the live one). */
  diveWastedBytes: number;
  /** Sum of layer sizes except layer 0 (dive's user size). */
  userSizeBytes: number;
  /** dive's formula: diveWastedBytes / userSizeBytes; null when userSizeBytes is 0. */
  userWastedPercent: number | null;
  /** Visible files whose content equals another visible file at another path: all copies but one. */
  duplicateContentBytes: number;
  largestFiles: LargestFile[];
  largestDirectories: LargestDirectory[];
  wastedFiles: WastedFile[];
  wasteByLayer: WasteByLayerPair[];
  inefficiencies: Inefficiency[];
  duplicates: DuplicateGroup[];
  leftovers: Leftover[];
  savings: Savings;
}

export type ProgressEvent =
  | { kind: 'start'; ref: string; source: SourceKind; bytesTotal: number | null; layersTotal: number | null }
  | { kind: 'bytes'; bytesRead: number; bytesTotal: number | null }
  | { kind: 'layer'; layersDone: number; layersTotal: number | null; digest: string; bytesRead: number; bytesTotal: number | null }
  | { kind: 'analyzing' };

export interface AnalyzeOptions {
  /** "os/arch[/variant]"; default: the host platform. */
  platform?: string;
  onProgress?: (e: ProgressEvent) => void;
  signal?: AbortSignal;
  /** Registry hosts (host[:port]) that may be reached over plain HTTP. */
  insecureRegistries?: string[];
  /** docker config.json to read credentials from; default $DOCKER_CONFIG/config.json or ~/.docker/config.json. */
  dockerConfigPath?: string;
  /** Network idle timeout in milliseconds (default 30000). */
  timeoutMs?: number;
  /** How many rows to keep in the top-N lists (default 20). */
  topN?: number;
}
