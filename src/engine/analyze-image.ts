import type { Finding, LintResult, Location, Span } from '../core/diagnostic.js';
import { fixer } from '../core/fixer.js';
import { interpolate } from '../core/messages.js';
import type { DockerfileSource } from '../dockerfile/source.js';
import type { ImageAnalysis } from '../layers/model.js';
import type { ImageAt, ImageRule, Rule } from '../rules/rule.js';
import { DEFAULT_CONFIG, enabledRules, findingSeverity, type LintConfig } from './config.js';
import { compareFindings, RuleError } from './lint-dockerfile.js';
import { matchLayers } from './provenance.js';

export interface AnalyzeFindingsOptions {
  readonly rules: readonly Rule[];
  readonly config?: LintConfig;
  readonly dockerfile?: DockerfileSource;
}

function layerLocation(a: ImageAnalysis, layer: number, path?: string): Location {
  return { kind: 'layer', image: a.ref, layer, digest: a.layers[layer]?.digest ?? '', ...(path ? { path } : {}) };
}

function sourceLocation(src: DockerfileSource, span: Span): Location {
  return { kind: 'source', file: src.path, span, start: src.position(span.start), end: src.position(span.end) };
}

/** Run the image rules on an analysis. With a Dockerfile, findings land on the instruction that made the layer. */
export function analyzeImageFindings(analysis: ImageAnalysis, options: AnalyzeFindingsOptions): LintResult {
  const config = options.config ?? DEFAULT_CONFIG;
  const src = options.dockerfile;
  const provenance = src ? matchLayers(analysis, src) : new Map();
  const findings: Finding[] = [];
  const enabled = enabledRules(
    options.rules.filter((r): r is ImageRule => r.meta.target === 'image'),
    config,
  );
  const locate = (at: ImageAt): Location => {
    if ('layer' in at) {
      const ins = provenance.get(at.layer);
      return src && ins ? sourceLocation(src, ins.span) : layerLocation(analysis, at.layer, at.path);
    }
    const span = 'span' in at ? at.span : at;
    if (!src) throw new Error('a source location needs --dockerfile');
    return sourceLocation(src, span);
  };
  for (const e of enabled) {
    const rule = e.rule as ImageRule;
    const meta = rule.meta;
    try {
      rule.check({
        options: e.options,
        analysis,
        dockerfile: src,
        instructionFor: (layer) => provenance.get(layer),
        report(r) {
          const template = meta.messages[r.messageId];
          if (template === undefined) throw new RuleError(meta.id, `unknown messageId ${r.messageId}`);
          const aliases = r.aliases ?? meta.aliases ?? [];
          const severity = findingSeverity(config, rule, aliases, e.severity);
          if (severity === 'off') return;
          const message = interpolate(template, r.data);
          const primary = locate(r.at);
          const related = [
            ...(primary.kind === 'source' ? [{ location: layerLocation(analysis, r.at.layer, r.at.path), message: `in layer ${r.at.layer}${r.at.path ? ` (${r.at.path})` : ''}` }] : []),
            ...(r.related ?? []).map((x) => ({ location: locate(x.at), message: x.message })),
          ];
          let fix: Finding['fix'];
          if (r.fix && src) {
            const edits = r.fix(fixer);
            if (edits) fix = { title: r.fixTitle ?? message, applicability: 'display-only', edits: Array.isArray(edits) ? edits : [edits as never] };
          }
          findings.push({
            ruleId: meta.id,
            code: meta.code,
            aliases,
            severity,
            message,
            messageId: r.messageId,
            location: primary,
            related: related.length ? related : undefined,
            fix,
            facts: r.facts,
          });
        },
      });
    } catch (err) {
      if (err instanceof RuleError) throw err;
      throw new RuleError(meta.id, err instanceof Error ? (err.stack ?? err.message) : String(err));
    }
  }
  findings.sort(compareFindings);
  return { subject: { kind: 'image', ref: analysis.ref }, findings, suppressed: 0, source: src?.text };
}
