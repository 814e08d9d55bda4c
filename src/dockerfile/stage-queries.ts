/**
 * Queries about stages and instructions shared by the instruction/stage rules: grouping instructions
 * per stage (including the pre-FROM snippet area), image references, ARG-resolved words, whole-line
 * removal spans and the stages whose layers end up in the final image.
 */
import type { Span } from '../core/diagnostic.js';
import { processWord } from './expand.js';
import type { Instruction, Stage, Word } from './nodes.js';
import type { DockerfileSource } from './source.js';

/**
 * Top-level instructions grouped by stage, in file order. Instructions before the first FROM form a
 * group of their own (index -1) so snippets without FROM are still checked.
 */
export function instructionGroups(source: DockerfileSource): { stage: number; instructions: Instruction[] }[] {
  const groups: { stage: number; instructions: Instruction[] }[] = [];
  for (const ins of source.instructions) {
    const last = groups[groups.length - 1];
    if (last && last.stage === ins.stage) last.instructions.push(ins);
    else groups.push({ stage: ins.stage, instructions: [ins] });
  }
  return groups;
}

/** The stage itself and the stages it is built on (`FROM <earlier stage>`), nearest first. */
export function stageChain(source: DockerfileSource, stage: Stage): Stage[] {
  const out: Stage[] = [];
  let s: Stage | undefined = stage;
  while (s && !out.includes(s)) {
    out.push(s);
    s = s.baseStage !== undefined ? source.stages[s.baseStage] : undefined;
  }
  return out;
}

/** Indexes of the stages whose layers are part of the final image: the final stage and its FROM ancestors. */
export function shippedStages(source: DockerfileSource): Set<number> {
  const last = source.stages[source.stages.length - 1];
  return new Set(last ? stageChain(source, last).map((s) => s.index) : []);
}

export interface ImageRef {
  /** Repository with registry (`docker.io/library/debian`, `localhost:5000/app`). */
  readonly name: string;
  readonly tag?: string;
  readonly digest?: string;
  /** Offsets in the reference string of `:tag` (the colon included), when there is a tag. */
  readonly tagStart?: number;
  readonly tagEnd?: number;
}

/** Split an image reference into name, tag and digest (a `:` before the last `/` is a registry port). */
export function parseImageRef(ref: string): ImageRef {
  let rest = ref;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  const slash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > slash) return { name: rest.slice(0, colon), tag: rest.slice(colon + 1), digest, tagStart: colon, tagEnd: rest.length };
  return { name: rest, digest };
}

export interface Resolved {
  /** The value with quotes removed and every variable replaced by its known value. */
  readonly value: string;
  /** The word references variables. */
  readonly dynamic: boolean;
  /** Some variable has no known value (undeclared, an ARG without default, or an expansion error). */
  readonly unknown: boolean;
}

/** Expand a Dockerfile word (FROM image, COPY dest, ...) with the ARG/ENV values visible to `ins`. */
export function resolveWord(source: DockerfileSource, ins: Instruction, raw: string): Resolved {
  const scope = source.scope(ins);
  const missing = new Set<string>();
  try {
    const r = processWord(
      raw,
      (name) => {
        const b = scope.get(name);
        if (!b || b.value === null) {
          missing.add(name);
          return undefined;
        }
        return b.value;
      },
      source.escape,
    );
    // a guarded reference to an unset variable (`${V:-x}`) is known: it takes its default
    const unknown = !!r.error || r.refs.some((x) => !x.guarded && missing.has(x.name));
    return { value: r.value, dynamic: r.refs.length > 0, unknown };
  } catch {
    return { value: raw, dynamic: true, unknown: true };
  }
}

/** Quote-processed value of a word without variable expansion. */
export function unquote(source: DockerfileSource, w: Word): string {
  try {
    return processWord(w.raw, null, source.escape).value;
  } catch {
    return w.value;
  }
}

/**
 * The span to delete to remove an instruction together with its line ending (and the indentation in
 * front of it); the comments above it are kept. Falls back to the instruction's own span when other
 * text shares its first or last line.
 */
export function removalSpan(source: DockerfileSource, ins: Instruction): Span {
  const lines = source.lines;
  const startLine = lines.lineStart(ins.line);
  const before = source.text.slice(startLine, ins.span.start);
  const lastEnd = lines.lineEnd(ins.endLine);
  const after = source.text.slice(ins.span.end, lastEnd);
  if (before.trim() || after.trim()) return ins.span;
  const next = ins.endLine < lines.lineCount ? lines.lineStart(ins.endLine + 1) : source.text.length;
  return { start: startLine, end: next };
}

/** Stage names BuildKit reserves. */
export const RESERVED_STAGE_NAMES = ['scratch', 'context'];

/** A `--from` / `from=` value that names an image rather than a stage (hadolint: contains `:`; also `/` or `@`). */
export function looksLikeImage(ref: string): boolean {
  return /[:/@]/.test(ref);
}
