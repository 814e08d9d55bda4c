#!/usr/bin/env node
// Regenerates the rules table in README.md between the rules-table markers (run after `npm run build`).
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { rules } = await import(pathToFileURL(join(root, 'dist', 'rules', 'index.js')).href);
const rows = rules
  .filter((r) => !r.meta.experimental)
  .map((r) => {
    const m = r.meta;
    return `| ${m.code} | [${m.id}](docs/rules/${m.id}.md) | ${m.description.replace(/\|/g, '\\|')} | ${m.category} | ${m.recommended ? m.severity : `(${m.severity})`} | ${m.fixable ?? ''} | ${(m.aliases ?? []).join(', ')} |`;
  });
const exp = rules.filter((r) => r.meta.experimental).map((r) => `[${r.meta.id}](docs/rules/${r.meta.id}.md)`);
const table = [
  `${rules.length} rules. Severity in parentheses: not in the recommended preset (enable it by name or use \`--preset strict\`/\`all\`).${exp.length ? ` Experimental (enable by name): ${exp.join(', ')}.` : ''}`,
  '',
  '| code | rule | what it finds | category | severity | fix | aliases |',
  '|---|---|---|---|---|---|---|',
  ...rows,
].join('\n');
const file = join(root, 'README.md');
const readme = readFileSync(file, 'utf8');
const next = readme.replace(/<!-- rules-table:start -->[\s\S]*<!-- rules-table:end -->/, `<!-- rules-table:start -->\n${table}\n<!-- rules-table:end -->`);
writeFileSync(file, next);
console.log(`README: ${rows.length} rules in the table`);
