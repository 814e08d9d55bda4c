/**
 * SARIF 2.1.0 for GitHub code scanning and other SARIF viewers. See docs/formats.md#sarif.
 */
import type * as Sarif from 'sarif';
import type { Edit, Finding, Fix, Location, Severity } from '../core/diagnostic.js';
import { REPOSITORY_URL } from '../core/links.js';
import type { RuleMeta } from '../core/rule-meta.js';
import { sarifLevel } from '../core/severity.js';
import { compareText, type LineIndex } from '../core/text.js';
import { type PreparedFinding, type PreparedResult, displayRange, isInside, layerLabel, lineHash, prepare, reportPath } from './machine.js';
import type { FormatContext, Formatter } from './types.js';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const SRCROOT = '%SRCROOT%';
/** GitHub's limits for rule descriptions and tags. */
const MAX_DESCRIPTION = 1024;
const MAX_TAGS = 20;
/** Snippets longer than this are left out rather than cut (a cut snippet would not match the region). */
const MAX_SNIPPET = 4096;

/** `pip-no-cache-dir` → `PipNoCacheDir` */
export function pascalCase(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join('');
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Percent-encodes each path segment; `:` is always encoded so a first segment never reads as a scheme. */
function encodePath(path: string): string {
  return path
    .split('/')
    .map((s) => encodeURIComponent(s))
    .join('/');
}

/** Artifact location of a file: repo-relative under %SRCROOT% when inside cwd, else an absolute file: URI. */
function fileArtifact(path: string): Sarif.ArtifactLocation {
  if (path === '-') return { uri: 'stdin' };
  if (isInside(path)) return { uri: encodePath(path), uriBaseId: SRCROOT };
  const abs = path.startsWith('/') ? path : `/${path}`;
  return { uri: `file://${abs.split('/').map((s, i) => (i === 1 && /^[A-Za-z]:$/.test(s) ? s : encodeURIComponent(s))).join('/')}` };
}

/** An image reference as a URI reference: `docker:app:1.0` is already one; unsafe characters are escaped. */
function imageArtifact(ref: string): Sarif.ArtifactLocation {
  return {
    uri: ref.replace(/[^A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]/g, (c) => encodeURIComponent(c)),
    description: { text: `container image ${ref}` },
  };
}

const problemSeverity: Record<Severity, 'error' | 'warning' | 'recommendation'> = {
  error: 'error',
  warn: 'warning',
  info: 'recommendation',
};
/** GitHub: 9.0+ critical, 7.0-8.9 high, 4.0-6.9 medium, 0.1-3.9 low. */
const securitySeverity: Record<Severity, string> = { error: '7.5', warn: '5.5', info: '3.0' };

/** A rule that produced a finding but is missing from ctx.rules (should not happen): describe it from the finding. */
function syntheticMeta(f: Finding): RuleMeta<any, string> {
  return {
    id: f.ruleId,
    code: f.code,
    target: f.location.kind === 'layer' ? 'image' : 'dockerfile',
    category: 'correctness',
    description: f.ruleId,
    recommended: false,
    severity: f.severity,
    messages: {},
    aliases: f.aliases,
  };
}

function descriptor(meta: RuleMeta<any, string>, ctx: FormatContext): Sarif.ReportingDescriptor {
  const url = ctx.docsUrl(meta.id);
  const aliases = meta.aliases ?? [];
  const also = aliases.length ? ` Also answers to ${aliases.join(', ')}.` : '';
  const docs = ctx.docsText?.(meta.id);
  const helpText = docs ?? `${meta.description}${also}\n\nDocumentation: ${url}`;
  const helpMarkdown = docs ?? `${meta.description}${also}\n\n[${meta.code} ${meta.id} documentation](${url})`;
  const tags = [...new Set([meta.category, meta.target, ...aliases])].slice(0, MAX_TAGS);
  const properties: Sarif.PropertyBag = {
    tags,
    precision: meta.experimental ? 'medium' : 'high',
    'problem.severity': problemSeverity[meta.severity],
    code: meta.code,
    category: meta.category,
    aliases: [...aliases],
    ...(meta.fixable ? { fixable: meta.fixable } : {}),
  };
  if (meta.category === 'security') properties['security-severity'] = securitySeverity[meta.severity];
  return {
    id: meta.id,
    name: pascalCase(meta.id),
    shortDescription: { text: clip(meta.description, MAX_DESCRIPTION) },
    fullDescription: { text: clip(`${meta.code} ${meta.id}: ${meta.description}${also}`, MAX_DESCRIPTION) },
    help: { text: helpText, markdown: helpMarkdown },
    helpUri: url,
    defaultConfiguration: { level: sarifLevel[meta.severity] },
    properties,
  };
}

function region(loc: Extract<Location, { kind: 'source' }>, lines: LineIndex | undefined, source: string | undefined): Sarif.Region {
  const r = displayRange(loc, lines);
  const out: Sarif.Region = { startLine: r.startLine, startColumn: r.startColumn, endLine: r.endLine, endColumn: r.endColumn };
  if (source !== undefined && loc.span.end - loc.span.start <= MAX_SNIPPET) {
    const text = source.slice(loc.span.start, loc.span.end);
    if (text) out.snippet = { text };
  }
  return out;
}

function physical(loc: Location, pr: PreparedResult, cwd: string): Sarif.Location {
  if (loc.kind === 'source') {
    const sameFile = pr.result.subject.kind === 'file' && pr.result.subject.path === loc.file;
    return {
      physicalLocation: {
        artifactLocation: fileArtifact(reportPath(loc.file, cwd)),
        region: region(loc, sameFile ? pr.lines : undefined, sameFile ? pr.result.source : undefined),
      },
    };
  }
  const subject = pr.result.subject;
  const fqn = `${loc.image}/layers/${loc.layer}${loc.path ? (loc.path.startsWith('/') ? loc.path : `/${loc.path}`) : ''}`;
  return {
    physicalLocation: { artifactLocation: subject.kind === 'file' ? fileArtifact(pr.path) : imageArtifact(subject.ref) },
    logicalLocations: [
      {
        name: loc.path ?? `layer ${loc.layer}`,
        fullyQualifiedName: fqn,
        kind: 'resource',
        properties: { image: loc.image, layer: loc.layer, digest: loc.digest, ...(loc.path ? { path: loc.path } : {}) },
      },
    ],
    message: { text: layerLabel(loc) },
  };
}

function replacement(e: Edit, lines: LineIndex | undefined): Sarif.Replacement {
  const deletedRegion: Sarif.Region = { charOffset: e.span.start, charLength: e.span.end - e.span.start };
  if (lines) {
    const s = lines.position(e.span.start);
    const t = lines.position(e.span.end);
    Object.assign(deletedRegion, { startLine: s.line, startColumn: s.column, endLine: t.line, endColumn: t.column });
  }
  return { deletedRegion, ...(e.text ? { insertedContent: { text: e.text } } : {}) };
}

function fixes(p: PreparedFinding, pr: PreparedResult, cwd: string): Sarif.Fix[] {
  const loc = p.finding.location;
  if (loc.kind !== 'source') return [];
  const sameFile = pr.result.subject.kind === 'file' && pr.result.subject.path === loc.file;
  const all: Fix[] = [...(p.finding.fix ? [p.finding.fix] : []), ...(p.finding.suggestions ?? [])];
  return all
    .filter((f) => f.applicability !== 'display-only' && f.edits.length > 0)
    .map((f) => ({
      description: { text: f.applicability === 'unsafe' ? `${f.title} (unsafe fix)` : f.title },
      artifactChanges: [
        {
          artifactLocation: fileArtifact(reportPath(loc.file, cwd)),
          replacements: f.edits.map((e) => replacement(e, sameFile ? pr.lines : undefined)),
        },
      ],
      properties: { applicability: f.applicability },
    }));
}

export const sarif: Formatter = (results, ctx) => {
  const prepared = prepare(results, ctx);

  // driver.rules: every rule that produced a finding, sorted by code then id, so ruleIndex is stable
  const metas = new Map<string, RuleMeta<any, string>>();
  for (const pr of prepared) for (const p of pr.findings) {
    const id = p.finding.ruleId;
    if (!metas.has(id)) metas.set(id, ctx.rules.get(id) ?? syntheticMeta(p.finding));
  }
  const ordered = [...metas.values()].sort((a, b) => compareText(a.code, b.code) || compareText(a.id, b.id));
  const index = new Map(ordered.map((m, i) => [m.id, i]));

  const out: Sarif.Result[] = [];
  for (const pr of prepared) {
    for (const p of pr.findings) {
      const f = p.finding;
      const result: Sarif.Result = {
        ruleId: f.ruleId,
        ruleIndex: index.get(f.ruleId)!,
        level: sarifLevel[f.severity],
        message: { text: f.message },
        locations: [physical(f.location, pr, ctx.cwd)],
        partialFingerprints: { primaryLocationLineHash: lineHash(p) },
      };
      if (f.related?.length) {
        result.relatedLocations = f.related.map((r, i) => ({ id: i + 1, ...physical(r.location, pr, ctx.cwd), message: { text: r.message } }));
      }
      const fx = fixes(p, pr, ctx.cwd);
      if (fx.length) result.fixes = fx;
      result.properties = {
        code: f.code,
        aliases: [...f.aliases],
        ...(f.fix ? { fix: { title: f.fix.title, applicability: f.fix.applicability } } : {}),
      };
      out.push(result);
    }
  }

  const semver = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/.test(ctx.toolVersion);
  const log: Sarif.Log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'ballast',
            version: ctx.toolVersion,
            ...(semver ? { semanticVersion: ctx.toolVersion } : {}),
            informationUri: REPOSITORY_URL,
            rules: ordered.map((m) => descriptor(m, ctx)),
          },
        },
        columnKind: 'utf16CodeUnits',
        results: out,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
};
