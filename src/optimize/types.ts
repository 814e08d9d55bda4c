/** Types of `ballast optimize`: a rewrite is one explained, self-contained change to a Dockerfile. */

export const REWRITE_IDS = ['multi-stage', 'apt-one-layer', 'apt-no-recommends', 'manifests-first', 'merge-runs', 'cache-mounts', 'pip-no-cache', 'dockerignore'] as const;

export type RewriteId = (typeof REWRITE_IDS)[number];

/**
 * `safe`: keeps behaviour (applied by `--write`); `unsafe`: keeps behaviour in the common case, with a
 * stated assumption to review (applied by `--write`, marked in the output); `display-only`: something
 * could not be decided (a TODO in the text), shown but never applied.
 */
export type RewriteApplicability = 'safe' | 'unsafe' | 'display-only';

export interface Rewrite {
  readonly id: RewriteId;
  readonly title: string;
  /** Why, the effect, and what must hold for it to be safe. */
  readonly explanation: string;
  readonly applicability: RewriteApplicability;
  /** The file this rewrite changes: the Dockerfile, or `.dockerignore` (relative to the build context). */
  readonly file: 'Dockerfile' | '.dockerignore';
  /** Whole file text before and after this rewrite (before is '' for a new file). */
  readonly before: string;
  readonly after: string;
  /** Things to review (assumptions the rewrite makes). */
  readonly notes: readonly string[];
}

export interface OptimizeOptions {
  /** Image for the runtime stage of a multi-stage split (`--runtime-base`). */
  readonly runtimeBase?: string;
  /** Paths to carry from the build stage to the runtime stage (`--artifact SRC[:DEST]`), replacing detection. */
  readonly artifacts?: readonly string[];
  readonly only?: readonly RewriteId[];
  readonly skip?: readonly RewriteId[];
}

export interface OptimizeResult {
  readonly rewrites: readonly Rewrite[];
  /** The Dockerfile with every safe and unsafe rewrite applied. */
  readonly output: string;
  /** A `.dockerignore` to create next to the Dockerfile, when proposed. */
  readonly dockerignore?: string;
}
