/**
 * Checkstyle 4.3 XML (Jenkins warnings-ng, reviewdog, Bitbucket and most CI report parsers).
 * See docs/formats.md#checkstyle.
 */
import { checkstyleLevel } from '../core/severity.js';
import { XML_DECLARATION, messageWithPlace, prepare, xmlAttr } from './machine.js';
import type { Formatter } from './types.js';

export const checkstyle: Formatter = (results, ctx) => {
  const out = [XML_DECLARATION, '<checkstyle version="4.3">'];
  for (const pr of prepare(results, ctx)) {
    // findings grouped by the file they are in (normally the result's own file)
    const byFile = new Map<string, typeof pr.findings[number][]>([[pr.path, []]]);
    for (const p of pr.findings) {
      const list = byFile.get(p.path) ?? [];
      list.push(p);
      byFile.set(p.path, list);
    }
    for (const [name, findings] of byFile) {
      if (!findings.length) {
        out.push(`  <file name="${xmlAttr(name)}"/>`);
        continue;
      }
      out.push(`  <file name="${xmlAttr(name)}">`);
      for (const p of findings) {
        const f = p.finding;
        const pos = p.range ? `line="${p.range.startLine}" column="${p.range.startColumn}" ` : '';
        out.push(
          `    <error ${pos}severity="${checkstyleLevel[f.severity]}" message="${xmlAttr(messageWithPlace(f))}" source="ballast.${xmlAttr(f.ruleId)}"/>`,
        );
      }
      out.push('  </file>');
    }
  }
  out.push('</checkstyle>');
  return `${out.join('\n')}\n`;
};
