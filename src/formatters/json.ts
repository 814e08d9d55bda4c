import type { Finding, Fix, LintResult, Location } from '../core/diagnostic.js';
import { reportPath } from './machine.js';
import type { FormatContext, Formatter } from './types.js';

/** Version of the JSON document; bumped on any incompatible change (see docs/formats.md). */
export const JSON_FORMAT_VERSION = 1;

/** {@link reportPath}, memoised for one document (every finding of a file names it). */
function pathsRelativeTo(cwd: string): (file: string) => string {
  const known = new Map<string, string>();
  return (file) => {
    let out = known.get(file);
    if (out === undefined) known.set(file, (out = reportPath(file, cwd)));
    return out;
  };
}

function location(l: Location, rel: (file: string) => string): Record<string, unknown> {
  if (l.kind === 'source') {
    return {
      file: rel(l.file),
      line: l.start.line,
      column: l.start.column,
      endLine: l.end.line,
      endColumn: l.end.column,
      offset: l.span.start,
      endOffset: l.span.end,
    };
  }
  return { image: l.image, layer: l.layer, digest: l.digest, ...(l.path ? { path: l.path } : {}) };
}

function fixJson(f: Fix): Record<string, unknown> {
  return {
    title: f.title,
    applicability: f.applicability,
    edits: f.edits.map((e) => ({ offset: e.span.start, endOffset: e.span.end, text: e.text })),
  };
}

function findingJson(f: Finding, rel: (file: string) => string): Record<string, unknown> {
  return {
    ruleId: f.ruleId,
    code: f.code,
    aliases: f.aliases,
    severity: f.severity,
    message: f.message,
    ...location(f.location, rel),
    ...(f.fix ? { fix: fixJson(f.fix) } : {}),
    ...(f.suggestions?.length ? { suggestions: f.suggestions.map(fixJson) } : {}),
    ...(f.related?.length ? { related: f.related.map((r) => ({ message: r.message, ...location(r.location, rel) })) } : {}),
    ...(f.facts ? { facts: f.facts } : {}),
  };
}

export function jsonDocument(results: readonly LintResult[], ctx: FormatContext): Record<string, unknown> {
  const all = results.flatMap((r) => r.findings);
  const count = (s: Finding['severity']) => all.filter((f) => f.severity === s).length;
  const rel = pathsRelativeTo(ctx.cwd);
  return {
    version: JSON_FORMAT_VERSION,
    tool: { name: 'ballast', version: ctx.toolVersion },
    results: results.map((r) => ({
      ...(r.subject.kind === 'file' ? { file: rel(r.subject.path) } : { image: r.subject.ref }),
      findings: r.findings.map((f) => findingJson(f, rel)),
      suppressed: r.suppressed,
      ...(r.output !== undefined ? { output: r.output, fixesApplied: r.fixesApplied ?? 0 } : {}),
    })),
    summary: {
      files: results.length,
      findings: all.length,
      errors: count('error'),
      warnings: count('warn'),
      info: count('info'),
      fixable: {
        safe: all.filter((f) => f.fix?.applicability === 'safe').length,
        unsafe: all.filter((f) => f.fix?.applicability === 'unsafe').length,
      },
    },
  };
}

export const json: Formatter = (results, ctx) => JSON.stringify(jsonDocument(results, ctx), null, 2) + '\n';
