import type { LintResult } from '../core/diagnostic.js';
import type { RuleMeta } from '../core/rule-meta.js';

export interface FormatContext {
  /** Paths in reports are relative to this directory. */
  readonly cwd: string;
  readonly color: boolean;
  /** Metadata of every known rule, by id. */
  readonly rules: ReadonlyMap<string, RuleMeta<any, string>>;
  readonly docsUrl: (id: string) => string;
  readonly toolVersion: string;
  /** Fix summary hints for the tty formatter: what --fix / --unsafe-fixes would do. */
  readonly fixMode?: 'none' | 'fix' | 'diff';
  /** Terminal width for wrapping, when known. */
  readonly width?: number;
  /** Full text of a rule's docs page (for SARIF help.markdown), when available. */
  readonly docsText?: (id: string) => string | undefined;
}

/** A pure function from results to the report text: no I/O, no globals. */
export type Formatter = (results: readonly LintResult[], ctx: FormatContext) => string;

export const FORMAT_NAMES = ['tty', 'json', 'sarif', 'github', 'checkstyle', 'gitlab', 'junit'] as const;
export type FormatName = (typeof FORMAT_NAMES)[number];
