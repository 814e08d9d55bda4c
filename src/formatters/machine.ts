/**
 * Helpers shared by the machine-readable formatters (sarif, github, checkstyle, gitlab, junit):
 * report paths, display ranges, stable fingerprints and XML escaping. Everything here is pure.
 */
import { createHash } from 'node:crypto';
import { isAbsolute, normalize, relative } from 'node:path';
import type { Finding, LintResult, Location } from '../core/diagnostic.js';
import { severityRank } from '../core/severity.js';
import { compareText, LineIndex } from '../core/text.js';
import type { FormatContext } from './types.js';

type SourceLocation = Extract<Location, { kind: 'source' }>;
type LayerLocation = Extract<Location, { kind: 'layer' }>;

const toSlash = (p: string): string => p.split('\\').join('/');

function outside(rel: string): boolean {
  return rel === '..' || rel.startsWith('../') || rel.startsWith('..\\') || isAbsolute(rel);
}

/**
 * The path a report shows for `file`: relative to `cwd` with forward slashes when the file is inside
 * it; the absolute path (forward slashes) when it is outside. A relative `file` is taken as already
 * relative to `cwd` (the CLI resolves operands against the same directory). `-` (stdin) stays `-`.
 */
export function reportPath(file: string, cwd: string): string {
  if (file === '-') return file;
  if (isAbsolute(file)) {
    if (!isAbsolute(cwd)) return toSlash(file);
    const rel = relative(cwd, file);
    return rel === '' || outside(rel) ? toSlash(file) : toSlash(rel);
  }
  return toSlash(normalize(file)).replace(/^(\.\/)+/, '');
}

/** True when {@link reportPath} gave a path inside the working directory. */
export function isInside(path: string): boolean {
  return path !== '-' && !isAbsolute(path) && !/^[A-Za-z]:\//.test(path) && !outside(path);
}

/** 1-based region; `endColumn` is exclusive (the column after the last character). */
export interface Range {
  readonly startLine: number;
  readonly startColumn: number;
  readonly endLine: number;
  readonly endColumn: number;
}

/**
 * The range to show for a source location. A span that ends just after a line break would point at
 * column 1 of the next line; it is pulled back to the end of the last line it covers, so annotations
 * do not spill onto a line the finding is not about.
 */
export function displayRange(loc: SourceLocation, lines?: LineIndex): Range {
  let endLine = loc.end.line;
  let endColumn = loc.end.column;
  if (lines && endColumn === 1 && endLine > loc.start.line) {
    endLine -= 1;
    endColumn = lines.lineEnd(endLine) - lines.lineStart(endLine) + 1;
  }
  if (endLine < loc.start.line || (endLine === loc.start.line && endColumn < loc.start.column)) {
    endLine = loc.start.line;
    endColumn = loc.start.column;
  }
  return { startLine: loc.start.line, startColumn: loc.start.column, endLine, endColumn };
}

/** A short human label for a layer location: `img layer 3 (sha256:0123456789ab) /usr/lib/x`. */
export function layerLabel(loc: LayerLocation): string {
  const digest = loc.digest.replace(/^(sha256:[0-9a-f]{12})[0-9a-f]*$/i, '$1');
  return `${loc.image} layer ${loc.layer}${digest ? ` (${digest})` : ''}${loc.path ? ` ${loc.path}` : ''}`;
}

/** One finding with everything the machine formats need, computed once. */
export interface PreparedFinding {
  readonly finding: Finding;
  /** Report path of the file, or the image reference for image subjects. */
  readonly path: string;
  /** Report path of the file the finding is in, when there is one (not for layer findings of an image). */
  readonly file?: string;
  /** Present for source locations. */
  readonly range?: Range;
  /** Normalized text the fingerprints hash (see {@link fingerprintMaterial}). */
  readonly material: string;
  /** 1-based: how many findings of the subject before this one share rule id and material, plus one. */
  readonly occurrence: number;
}

export interface PreparedResult {
  readonly result: LintResult;
  readonly path: string;
  readonly lines?: LineIndex;
  /** In the order the engine gave them. */
  readonly findings: readonly PreparedFinding[];
}

export function subjectPath(result: LintResult, cwd: string): string {
  return result.subject.kind === 'file' ? reportPath(result.subject.path, cwd) : result.subject.ref;
}

/** Whitespace-insensitive form of a line: BOM dropped, trimmed, runs of blanks collapsed. */
export function normalizeLine(text: string): string {
  return text.replace(/^\uFEFF/, '').trim().replace(/\s+/g, ' ');
}

/**
 * What a fingerprint hashes besides the rule id, chosen to survive edits elsewhere in the file:
 * - source location with the source text: the normalized text of the finding's first line;
 * - source location without the text: the finding's message;
 * - layer location: the path inside the image (or `layer#N`), not the digest, which changes on rebuild.
 */
export function fingerprintMaterial(f: Finding, lines: LineIndex | undefined): string {
  const loc = f.location;
  if (loc.kind === 'layer') return `layer:${loc.path ?? `layer#${loc.layer}`}`;
  if (lines) return `line:${normalizeLine(lines.lineText(loc.start.line))}`;
  return `message:${f.message}`;
}

function offsetOf(f: Finding): number {
  return f.location.kind === 'source' ? f.location.span.start : f.location.layer;
}

export function prepare(results: readonly LintResult[], ctx: FormatContext): PreparedResult[] {
  return results.map((result) => {
    const path = subjectPath(result, ctx.cwd);
    const lines = result.source !== undefined ? new LineIndex(result.source) : undefined;
    // occurrence indexes are assigned in document order so they do not depend on the engine's ordering
    const ordered = [...result.findings].sort(
      (a, b) => offsetOf(a) - offsetOf(b) || compareText(a.ruleId, b.ruleId) || compareText(a.message, b.message),
    );
    const seen = new Map<string, number>();
    const occurrence = new Map<Finding, number>();
    const material = new Map<Finding, string>();
    for (const f of ordered) {
      const m = fingerprintMaterial(f, lines);
      const k = `${f.ruleId}\0${m}`;
      const n = (seen.get(k) ?? 0) + 1;
      seen.set(k, n);
      occurrence.set(f, n);
      material.set(f, m);
    }
    const findings = result.findings.map((finding): PreparedFinding => {
      const loc = finding.location;
      const file = loc.kind === 'source' ? reportPath(loc.file, ctx.cwd) : result.subject.kind === 'file' ? path : undefined;
      return {
        finding,
        path: file ?? path,
        file,
        range: loc.kind === 'source' ? displayRange(loc, lines) : undefined,
        material: material.get(finding)!,
        occurrence: occurrence.get(finding)!,
      };
    });
    return { result, path, lines, findings };
  });
}

/**
 * SARIF `partialFingerprints.primaryLocationLineHash`, in GitHub's own `hash:occurrence` shape:
 * the first 16 hex digits of SHA-256 over `ruleId NUL material`, then `:` and the occurrence index.
 * The file path is left out so that a moved file keeps its alerts (GitHub matches per file anyway).
 */
export function lineHash(p: PreparedFinding): string {
  const h = createHash('sha256').update(`${p.finding.ruleId}\0${p.material}`).digest('hex').slice(0, 16);
  return `${h}:${p.occurrence}`;
}

/** GitLab's fingerprint: SHA-1 hex over `path NUL ruleId NUL material NUL occurrence` (unique per report). */
export function pathFingerprint(p: PreparedFinding): string {
  return createHash('sha1').update(`${p.path}\0${p.finding.ruleId}\0${p.material}\0${p.occurrence}`).digest('hex');
}

/** Errors first, then warnings, then infos; stable within a level (by path, line, column). */
export function bySeverity(a: PreparedFinding, b: PreparedFinding): number {
  return (
    severityRank[b.finding.severity] - severityRank[a.finding.severity] ||
    (a.path < b.path ? -1 : a.path > b.path ? 1 : 0) ||
    (a.range?.startLine ?? 0) - (b.range?.startLine ?? 0) ||
    (a.range?.startColumn ?? 0) - (b.range?.startColumn ?? 0)
  );
}

/**
 * C0 control characters other than TAB, LF and CR, and DEL, written as a visible `\uXXXX`: they carry
 * no meaning in a report and could drive a terminal (ESC sequences) when a log is displayed.
 */
export function visibleControls(s: string): string {
  return s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Characters XML 1.0 cannot carry at all, even as references; lone surrogates. */
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function replaceInvalid(s: string): string {
  return s.replace(XML_INVALID, (c) => {
    const code = c.charCodeAt(0);
    return code >= 0xd800 && code <= 0xdfff ? '\uFFFD' : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

const XML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/**
 * Escape for an XML attribute value: the five entities, and TAB/LF/CR as character references so that
 * attribute-value normalization keeps them. Control characters XML 1.0 forbids become a visible `\uXXXX`.
 */
export function xmlAttr(s: string): string {
  return replaceInvalid(s).replace(/[&<>"'\t\n\r]/g, (c) => XML_ENTITIES[c] ?? `&#${c.charCodeAt(0)};`);
}

/** Escape for XML character data: like {@link xmlAttr} but TAB and LF stay literal. */
export function xmlText(s: string): string {
  return replaceInvalid(s).replace(/[&<>\r]/g, (c) => XML_ENTITIES[c] ?? `&#${c.charCodeAt(0)};`);
}

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';

/** `DF301 pip-no-cache-dir` */
export function ruleLabel(f: Finding): string {
  return f.code ? `${f.code} ${f.ruleId}` : f.ruleId;
}

/** Message plus, for layer findings, where in the image (formats without a place for it). */
export function messageWithPlace(f: Finding): string {
  return f.location.kind === 'layer' ? `${f.message} [${layerLabel(f.location)}]` : f.message;
}
