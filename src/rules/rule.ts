import type { Applicability, Edit, Severity, Span } from '../core/diagnostic.js';
import type { Fixer } from '../core/fixer.js';
import type { RuleMeta } from '../core/rule-meta.js';
import type { Instruction, Stage } from '../dockerfile/nodes.js';
import type { DockerfileSource } from '../dockerfile/source.js';
import type { ImageAnalysis } from '../layers/model.js';

export type { RuleMeta } from '../core/rule-meta.js';

/** Settings shared by several rules (mostly from .hadolint.yaml). */
export interface RuleSettings {
  readonly trustedRegistries: readonly string[];
  readonly labelSchema: Readonly<Record<string, string>>;
  readonly strictLabels: boolean;
}

export const DEFAULT_SETTINGS: RuleSettings = { trustedRegistries: [], labelSchema: {}, strictLabels: false };

export type FixFn = (fixer: Fixer) => Edit | readonly Edit[] | null;

export interface Report<M extends string> {
  readonly at: Span | { readonly span: Span };
  readonly messageId: M;
  readonly data?: Readonly<Record<string, string | number>>;
  readonly fix?: FixFn;
  /** Defaults to meta.fixable; may only be weaker. */
  readonly applicability?: Applicability;
  /** Title of the fix; defaults to the message. */
  readonly fixTitle?: string;
  readonly suggest?: readonly { readonly title: string; readonly fix: FixFn; readonly applicability?: Applicability }[];
  /** The subset of meta.aliases this finding answers to (defaults to all), plus finding-level codes (ShellCheck's SCxxxx). */
  readonly aliases?: readonly string[];
  /** This finding's own default severity (a rule relaying another tool's levels); a severity configured for the rule or one of the finding's codes still wins. */
  readonly severity?: Severity;
  readonly related?: readonly { readonly at: Span | { readonly span: Span }; readonly message: string }[];
  readonly facts?: Readonly<Record<string, string | number>>;
}

export interface DockerfileContext<O, M extends string> {
  readonly options: O;
  readonly source: DockerfileSource;
  readonly settings: RuleSettings;
  report(r: Report<M>): void;
}

type KeywordHandlers = {
  readonly [K in 'ADD' | 'ARG' | 'CMD' | 'COPY' | 'ENTRYPOINT' | 'ENV' | 'EXPOSE' | 'FROM' | 'HEALTHCHECK' | 'LABEL' | 'MAINTAINER' | 'ONBUILD' | 'RUN' | 'SHELL' | 'STOPSIGNAL' | 'USER' | 'VOLUME' | 'WORKDIR']?: (ins: Instruction) => void;
};

export type DockerfileVisitor = KeywordHandlers & {
  /** Every instruction, before the keyword handler. */
  readonly instruction?: (ins: Instruction) => void;
  readonly stage?: (s: Stage) => void;
  readonly stageExit?: (s: Stage) => void;
  readonly fileExit?: () => void;
};

export interface DockerfileRule<O = any, M extends string = string> {
  readonly meta: RuleMeta<O, M> & { readonly target: 'dockerfile' };
  create(ctx: DockerfileContext<O, M>): DockerfileVisitor;
}

/** Where an image finding is: a layer (and a path in it), or a Dockerfile node when provenance is known. */
export type ImageAt = { readonly layer: number; readonly path?: string } | Span | { readonly span: Span };

export interface ImageReport<M extends string> extends Omit<Report<M>, 'at' | 'fix' | 'suggest' | 'related'> {
  readonly at: { readonly layer: number; readonly path?: string };
  readonly related?: readonly { readonly at: ImageAt; readonly message: string }[];
  /** A suggested Dockerfile rewrite (display-only), when the Dockerfile is known. */
  readonly fix?: FixFn;
}

export interface ImageContext<O, M extends string> {
  readonly options: O;
  readonly analysis: ImageAnalysis;
  /** The Dockerfile the image was built from, when given (--dockerfile). */
  readonly dockerfile?: DockerfileSource;
  /** The Dockerfile instruction that made a layer (provenance), when known. */
  instructionFor(layer: number): Instruction | undefined;
  report(r: ImageReport<M>): void;
}

export interface ImageRule<O = any, M extends string = string> {
  readonly meta: RuleMeta<O, M> & { readonly target: 'image' };
  check(ctx: ImageContext<O, M>): void;
}

export type Rule = DockerfileRule<any, string> | ImageRule<any, string>;

/** Identity function that gives inference for options and message ids. */
export function defineRule<O, M extends string>(rule: DockerfileRule<O, M>): DockerfileRule<O, M> {
  return rule;
}

export function defineImageRule<O, M extends string>(rule: ImageRule<O, M>): ImageRule<O, M> {
  return rule;
}
