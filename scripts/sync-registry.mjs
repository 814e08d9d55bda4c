#!/usr/bin/env node
// Rewrites src/rules/index.ts so it imports every rule file in src/rules/dockerfile and src/rules/image.
// The registry stays an explicit, reviewable list; test/meta/registry.test.ts fails when it is out of date.
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const camel = (s) => s.replace(/-([a-z0-9])/g, (_, c) => c.toUpperCase());
const entries = [];
for (const target of ['dockerfile', 'image']) {
  const dir = join(root, 'src', 'rules', target);
  if (!existsSync(dir)) continue;
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.ts')).sort()) {
    const id = f.replace(/\.ts$/, '');
    entries.push({ name: camel(id), path: `./${target}/${id}.js` });
  }
}
const text = `import { compareText } from '../core/text.js';
import type { Rule } from './rule.js';
${entries.map((e) => `import ${e.name} from '${e.path}';`).join('\n')}

/** Every rule, sorted by code. */
export const rules: readonly Rule[] = [
${entries.map((e) => `  ${e.name},`).join('\n')}
].sort((a, b) => compareText(a.meta.code, b.meta.code));

/** A rule by id, code or alias (case-insensitive). */
export function findRule(idOrCode: string): Rule | undefined {
  const k = idOrCode.toLowerCase();
  return rules.find((r) => r.meta.id === k || r.meta.code.toLowerCase() === k) ?? rules.find((r) => r.meta.aliases?.some((a) => a.toLowerCase() === k));
}
`;
writeFileSync(join(root, 'src', 'rules', 'index.ts'), text);
console.log(`registry: ${entries.length} rules`);
