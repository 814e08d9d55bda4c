/**
 * JUnit XML (GitLab/Jenkins/Azure test reports). See docs/formats.md#junit.
 */
import type { Finding } from '../core/diagnostic.js';
import { type PreparedFinding, XML_DECLARATION, layerLabel, prepare, ruleLabel, xmlAttr, xmlText } from './machine.js';
import type { FormatContext, Formatter } from './types.js';

/** Name of the passing test case written for a file without findings. */
export const CLEAN_CASE_NAME = 'ballast lint';

function where(p: PreparedFinding): string {
  const loc = p.finding.location;
  if (loc.kind === 'layer') return `layer ${loc.layer}${loc.path ? ` ${loc.path}` : ''}`;
  return p.range ? `${p.range.startLine}:${p.range.startColumn}` : '';
}

function body(p: PreparedFinding, ctx: FormatContext): string {
  const f: Finding = p.finding;
  const loc = f.location;
  const at = loc.kind === 'layer' ? layerLabel(loc) : `${p.path}${p.range ? `:${p.range.startLine}:${p.range.startColumn}` : ''}`;
  const lines = [
    `${ruleLabel(f)}${f.aliases.length ? ` (${f.aliases.join(', ')})` : ''}: ${f.message}`,
    `${f.severity} at ${at}`,
    ...(f.fix ? [`Fix (${f.fix.applicability}): ${f.fix.title}`] : []),
    `Docs: ${ctx.docsUrl(f.ruleId)}`,
  ];
  return lines.join('\n');
}

export const junit: Formatter = (results, ctx) => {
  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  for (const pr of prepare(results, ctx)) {
    const name = xmlAttr(pr.path);
    const cases: string[] = [];
    const names = new Map<string, number>();
    for (const p of pr.findings) {
      let caseName = `${p.finding.ruleId} ${where(p)}`.trim();
      const n = (names.get(caseName) ?? 0) + 1;
      names.set(caseName, n);
      if (n > 1) caseName += ` (${n})`;
      cases.push(
        `    <testcase classname="${xmlAttr(p.path)}" name="${xmlAttr(caseName)}">`,
        `      <failure message="${xmlAttr(p.finding.message)}" type="${p.finding.severity}">${xmlText(body(p, ctx))}</failure>`,
        '    </testcase>',
      );
    }
    const count = pr.findings.length;
    if (count === 0) cases.push(`    <testcase classname="${name}" name="${CLEAN_CASE_NAME}"/>`);
    tests += Math.max(count, 1);
    failures += count;
    suites.push(`  <testsuite name="${name}" tests="${Math.max(count, 1)}" failures="${count}" errors="0" skipped="0">`, ...cases, '  </testsuite>');
  }
  return `${[XML_DECLARATION, `<testsuites name="ballast" tests="${tests}" failures="${failures}" errors="0">`, ...suites, '</testsuites>'].join('\n')}\n`;
};
