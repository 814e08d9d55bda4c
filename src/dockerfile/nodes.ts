import type { Span } from '../core/diagnostic.js';

export const KEYWORDS = [
  'ADD',
  'ARG',
  'CMD',
  'COPY',
  'ENTRYPOINT',
  'ENV',
  'EXPOSE',
  'FROM',
  'HEALTHCHECK',
  'LABEL',
  'MAINTAINER',
  'ONBUILD',
  'RUN',
  'SHELL',
  'STOPSIGNAL',
  'USER',
  'VOLUME',
  'WORKDIR',
] as const;
export type Keyword = (typeof KEYWORDS)[number];

/**
 * Text of an instruction after line continuations are joined and comment/blank lines inside the
 * continuation dropped, with the original offset of every character (`map[i]`), plus `map[text.length]`
 * = the original offset just after the last character.
 */
export interface LogicalText {
  readonly text: string;
  readonly map: readonly number[];
}

/** A whitespace-separated word of an instruction. `value` has quotes and escapes processed where the instruction does that. */
export interface Word {
  readonly raw: string;
  readonly value: string;
  readonly span: Span;
}

export interface FlagOption {
  readonly key: string;
  readonly value: string;
  readonly span: Span;
  readonly valueSpan: Span;
}

export interface Flag {
  /** Name without the leading dashes, lower-cased. */
  readonly name: string;
  /** null for a bare boolean flag such as `--link`. */
  readonly value: string | null;
  readonly raw: string;
  readonly span: Span;
  readonly nameSpan: Span;
  readonly valueSpan?: Span;
  /** Comma-separated key=value options (for `--mount`). */
  readonly options: readonly FlagOption[];
}

export interface Heredoc {
  readonly name: string;
  /** `<<-`: leading tabs stripped from body lines and the delimiter. */
  readonly chomp: boolean;
  /** Any part of the delimiter quoted: the body is taken literally. */
  readonly quoted: boolean;
  readonly fd?: number;
  readonly markerSpan: Span;
  /** The body lines, from the start of the first body line to the end of the last (excluding the delimiter line). */
  readonly bodySpan: Span;
  readonly body: string;
  /** The body exactly as written (tabs not stripped). */
  readonly rawBody: string;
  /** The terminator line; absent when the heredoc is unterminated. */
  readonly delimiterSpan?: Span;
}

export interface KeyValue {
  readonly key: string;
  readonly keySpan: Span;
  /** Value with quotes and escapes processed (no variable expansion). undefined for `ARG NAME` without default. */
  readonly value?: string;
  /** Raw value text as written (with quotes). */
  readonly rawValue?: string;
  readonly valueSpan?: Span;
  readonly span: Span;
  /** false for the legacy `ENV key value` form. */
  readonly hasEquals: boolean;
}

export interface JsonForm {
  readonly values: readonly string[];
  readonly spans: readonly Span[];
  readonly span: Span;
}

export interface FromInfo {
  readonly image?: Word;
  readonly asWord?: Word;
  readonly name?: Word;
  readonly platform?: Flag;
}

export interface CopyInfo {
  readonly sources: readonly Word[];
  readonly dest?: Word;
  /** The value of `--from`, if any. */
  readonly from?: Flag;
}

export interface Comment {
  readonly text: string;
  /** Content after `#`, trimmed. */
  readonly content: string;
  readonly span: Span;
  readonly line: number;
}

export interface Directive {
  readonly name: string;
  readonly value: string;
  readonly span: Span;
  readonly valueSpan: Span;
  readonly line: number;
}

export interface Instruction {
  /** Upper-cased keyword; unknown keywords keep their upper-cased spelling. */
  readonly keyword: string;
  readonly keywordRaw: string;
  readonly keywordSpan: Span;
  /** Whole instruction, continuation lines and heredoc bodies included. */
  readonly span: Span;
  /** 1-based first and last line. */
  readonly line: number;
  readonly endLine: number;
  /** The logical arguments (everything after the keyword, continuations joined). */
  readonly logical: LogicalText;
  /** Leading `--flags`. */
  readonly flags: readonly Flag[];
  /** The arguments after the flags, as logical text. */
  readonly rest: LogicalText;
  /** Span of `rest` in the original text (empty at the keyword end when there are no arguments). */
  readonly restSpan: Span;
  /** Whitespace-split words after the flags (quotes not honoured). */
  readonly args: readonly Word[];
  readonly form: 'shell' | 'exec';
  readonly json?: JsonForm;
  /** Arguments start with `[` but are not a JSON string array, so BuildKit falls back to shell form. */
  readonly invalidJson?: boolean;
  readonly heredocs: readonly Heredoc[];
  /** Index of the owning stage; -1 before the first FROM. */
  readonly stage: number;
  /** Index of this instruction in the file. */
  readonly index: number;
  /** Comment lines directly above (no blank line between). */
  readonly comments: readonly Comment[];
  readonly from?: FromInfo;
  readonly copy?: CopyInfo;
  /** ENV, LABEL and ARG pairs. */
  readonly pairs?: readonly KeyValue[];
  /** The trigger of an ONBUILD. */
  readonly trigger?: Instruction;
  /** Set on an ONBUILD trigger: the ONBUILD that holds it. */
  readonly parent?: Instruction;
}

export interface Stage {
  readonly index: number;
  /** Lower-cased stage name. */
  readonly name?: string;
  readonly from: Instruction;
  readonly instructions: readonly Instruction[];
  /** The image reference as written (`FROM x`). */
  readonly base?: string;
  /** Index of the stage this one is built on (`FROM <earlier stage>`). */
  readonly baseStage?: number;
  readonly isFinal: boolean;
  /** true when the final stage depends on this stage (directly or through others). */
  readonly reachesFinal: boolean;
  /** Stages this one reads from: base, `COPY --from`, `RUN --mount from=`. */
  readonly dependsOn: readonly number[];
}

export interface ParseProblem {
  readonly message: string;
  readonly span: Span;
}

export function isKeyword(k: string): k is Keyword {
  return (KEYWORDS as readonly string[]).includes(k);
}
