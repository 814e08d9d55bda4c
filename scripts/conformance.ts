/**
 * Conformance against hadolint's rule test cases (../shared/corpus/hadolint-cases/cases.jsonl):
 * for every DL code some ballast rule answers to, the share of cases where ballast agrees with
 * hadolint on "violation" / "no violation" (and the count, where the case asserts one).
 *
 *   npx tsx scripts/conformance.ts [--rule DL3042] [--verbose] [--json]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DEFAULT_CONFIG, type LintConfig } from '../src/engine/config.js';
import { lintText } from '../src/engine/lint-dockerfile.js';
import type { Rule } from '../src/rules/rule.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const corpus = join(root, '..', 'shared', 'corpus', 'hadolint-cases', 'cases.jsonl');
const args = process.argv.slice(2);
const only = args.includes('--rule') ? args[args.indexOf('--rule') + 1]?.toUpperCase() : undefined;
const verbose = args.includes('--verbose');

if (!existsSync(corpus)) {
  console.log(`hadolint cases not found at ${corpus}; nothing to compare`);
  process.exit(0);
}

async function loadRules(): Promise<Rule[]> {
  const dir = join(root, 'src', 'rules', 'dockerfile');
  const out: Rule[] = [];
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.ts')).sort()) {
    const m = await import(pathToFileURL(join(dir, f)).href);
    if (m.default?.meta) out.push(m.default);
  }
  return out;
}

interface Case {
  rule: string;
  dockerfile: string;
  expect: 'violation' | 'no-violation';
  count?: number;
  config?: Record<string, unknown>;
  name: string;
  variant: string;
}

const rules = await loadRules();
const byAlias = new Map<string, Rule[]>();
for (const r of rules) for (const a of r.meta.aliases ?? []) byAlias.set(a.toUpperCase(), [...(byAlias.get(a.toUpperCase()) ?? []), r]);
// hadolint's ShellCheck cases (rule "SC"): evaluated when the shellcheck binary is installed
const shellcheckRule = rules.find((r) => r.meta.id === 'shellcheck');
if (shellcheckRule && spawnSync('shellcheck', ['--version']).status === 0) byAlias.set('SC', [shellcheckRule]);
else if (shellcheckRule) console.log('shellcheck is not installed: the SC cases are skipped');
const answersTo = (alias: string, code: string) => alias.toUpperCase() === code || (code === 'SC' && /^SC\d+$/i.test(alias));

const cases: Case[] = readFileSync(corpus, 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l));

const stats = new Map<string, { agree: number; total: number; failures: string[] }>();
for (const c of cases) {
  const code = c.rule.toUpperCase();
  if (only && code !== only) continue;
  const rs = byAlias.get(code);
  if (!rs) continue;
  const cfg = c.config ?? {};
  const config: LintConfig = {
    ...DEFAULT_CONFIG,
    preset: 'none',
    rules: Object.fromEntries(rs.map((r) => [r.meta.id, { severity: r.meta.severity }])),
    settings: {
      trustedRegistries: (cfg.trustedRegistries as string[]) ?? [],
      labelSchema: (cfg['label-schema'] as Record<string, string>) ?? {},
      strictLabels: Boolean(cfg['strict-labels']),
    },
  };
  let n: number;
  try {
    const res = await lintText('Dockerfile', c.dockerfile, { rules: rs, config });
    n = res.findings.filter((f) => f.aliases.some((a) => answersTo(a, code))).length;
  } catch (e) {
    n = -1;
    if (verbose) console.error(`crash on ${c.name}: ${(e as Error).message}`);
  }
  const ok = c.expect === 'violation' ? n > 0 && (c.count === undefined || c.count === n) : n === 0;
  const s = stats.get(code) ?? { agree: 0, total: 0, failures: [] };
  s.total++;
  if (ok) s.agree++;
  else s.failures.push(`${c.name} [${c.variant}] expected ${c.expect}${c.count !== undefined ? ` x${c.count}` : ''}, got ${n}\n${c.dockerfile}`);
  stats.set(code, s);
}

let agree = 0;
let total = 0;
const rows = [...stats.entries()].sort(([a], [b]) => a.localeCompare(b));
if (args.includes('--json')) {
  console.log(JSON.stringify(Object.fromEntries(rows.map(([k, v]) => [k, { agree: v.agree, total: v.total }])), null, 2));
} else {
  console.log('| code | rule | agree | cases | % |');
  console.log('|---|---|---:|---:|---:|');
  for (const [code, s] of rows) {
    agree += s.agree;
    total += s.total;
    console.log(`| ${code} | ${byAlias.get(code)!.map((r) => r.meta.id).join(', ')} | ${s.agree} | ${s.total} | ${((100 * s.agree) / s.total).toFixed(1)} |`);
    if (verbose) for (const f of s.failures) console.log(`  - ${f.replace(/\n/g, '\n    ')}`);
  }
  console.log(`| all | | ${agree} | ${total} | ${total ? ((100 * agree) / total).toFixed(1) : '0'} |`);
}
