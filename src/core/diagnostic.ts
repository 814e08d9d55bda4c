/** Severity of a finding. `off` exists only in configuration. */
export type Severity = 'info' | 'warn' | 'error';
/** Who may apply a fix: `safe` with --fix, `unsafe` with --unsafe-fixes, `display-only` never. */
export type Applicability = 'safe' | 'unsafe' | 'display-only';
export type Category = 'correctness' | 'cache' | 'size' | 'security' | 'reproducibility' | 'style';

/** UTF-16 offsets into the source text, end exclusive. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** 1-based line and column (column counted in UTF-16 code units). */
export interface Position {
  readonly line: number;
  readonly column: number;
}

export type Location =
  | { readonly kind: 'source'; readonly file: string; readonly span: Span; readonly start: Position; readonly end: Position }
  | { readonly kind: 'layer'; readonly image: string; readonly layer: number; readonly digest: string; readonly path?: string };

/** A text edit: insert with an empty span, delete with empty text. */
export interface Edit {
  readonly span: Span;
  readonly text: string;
}

export interface Fix {
  /** Starts with a verb: "Add a cache mount for apt". */
  readonly title: string;
  readonly applicability: Applicability;
  /** Non-overlapping edits, applied together or not at all. */
  readonly edits: readonly Edit[];
}

export interface RelatedLocation {
  readonly location: Location;
  readonly message: string;
}

export interface Finding {
  readonly ruleId: string;
  readonly code: string;
  /** hadolint codes and BuildKit check names this finding answers to. */
  readonly aliases: readonly string[];
  readonly severity: Severity;
  readonly message: string;
  readonly messageId: string;
  readonly location: Location;
  readonly related?: readonly RelatedLocation[];
  readonly fix?: Fix;
  readonly suggestions?: readonly Fix[];
  readonly facts?: Readonly<Record<string, string | number>>;
}

export interface LintResult {
  readonly subject: { readonly kind: 'file'; readonly path: string } | { readonly kind: 'image'; readonly ref: string };
  readonly findings: readonly Finding[];
  /** Findings hidden by pragmas or configuration. */
  readonly suppressed: number;
  /** The source text that was linted (for code frames and diffs). */
  readonly source?: string;
  /** The fixed text, when fixing. */
  readonly output?: string;
  /** Fixes applied when fixing. */
  readonly fixesApplied?: number;
}
