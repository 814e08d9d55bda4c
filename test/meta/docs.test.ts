import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/engine/config.js';
import { lintText } from '../../src/engine/lint-dockerfile.js';
import { rules } from '../../src/rules/index.js';
import type { RuleSettings } from '../../src/rules/rule.js';
import { parse as parseYaml } from 'yaml';

const root = join(import.meta.dirname, '..', '..');
const hasShellcheck = spawnSync('shellcheck', ['--version']).status === 0;
const SECTIONS = ['## What it does', '## Why it matters', '## Incorrect', '## Correct', '## Fix safety', '## Options'];

function section(md: string, heading: string): string {
  const start = md.indexOf(`\n${heading}\n`);
  if (start < 0) return '';
  const rest = md.slice(start + heading.length + 2);
  const next = rest.search(/\n## /);
  return next < 0 ? rest : rest.slice(0, next);
}

/** Dockerfile examples, each with the ```dockerignore block that precedes it (if any) as its build context. */
function blocks(text: string): { code: string; dockerignore?: string }[] {
  const out: { code: string; dockerignore?: string }[] = [];
  let ignore: string | undefined;
  for (const m of text.matchAll(/```(dockerfile|dockerignore)\n([\s\S]*?)```/g)) {
    if (m[1] === 'dockerignore') ignore = m[2];
    else {
      out.push({ code: m[2], dockerignore: ignore });
      ignore = undefined;
    }
  }
  return out;
}

/** A build context where every file the example names exists, and an ignore file only when the page shows one. */
function contextOf(dockerignore: string | undefined) {
  const files: Record<string, string> = dockerignore === undefined ? {} : { '.dockerignore': dockerignore };
  return { dir: '/ctx', dockerfileName: 'Dockerfile', readFile: (p: string) => files[p], exists: (p: string) => (/\.dockerignore$/.test(p) ? p in files : true) };
}

/** Shared rule settings a page's examples use: its first ```yaml block (a `.ballast.yaml` excerpt). */
function settingsOf(md: string): RuleSettings {
  const m = /```yaml\n([\s\S]*?)```/.exec(md);
  const y = (m ? parseYaml(m[1]) : {}) as Record<string, unknown>;
  return {
    ...DEFAULT_CONFIG.settings,
    ...(y.trustedRegistries ? { trustedRegistries: y.trustedRegistries as string[] } : {}),
    ...(y.labelSchema ? { labelSchema: y.labelSchema as Record<string, string> } : {}),
    ...(y.strictLabels !== undefined ? { strictLabels: y.strictLabels === true } : {}),
  };
}

describe('rule docs', () => {
  for (const rule of rules) {
    const m = rule.meta;
    describe(m.id, () => {
      const md = readFileSync(join(root, 'docs', 'rules', `${m.id}.md`), 'utf8');
      it('has the title, description and sections', () => {
        expect(md.startsWith(`# ${m.id} (${m.code})\n`)).toBe(true);
        for (const s of SECTIONS) expect(md, s).toContain(`\n${s}\n`);
        for (const a of m.aliases ?? []) expect(md, `alias ${a}`).toContain(a);
        if ((m.aliases ?? []).some((a) => /^DL\d{4}$/.test(a))) expect(md).toContain('## Differences from hadolint');
      });
      if (m.target !== 'dockerfile') return;
      // the shellcheck rule's examples need the binary (npm run test:shellcheck runs them where it is installed)
      if (m.id === 'shellcheck' && !hasShellcheck) return;
      const config = { ...DEFAULT_CONFIG, preset: 'none' as const, rules: { [m.id]: { severity: m.severity } }, settings: settingsOf(md) };
      const incorrect = blocks(section(md, '## Incorrect'));
      const correct = blocks(section(md, '## Correct'));
      it('has examples', () => {
        expect(incorrect.length).toBeGreaterThan(0);
        expect(correct.length).toBeGreaterThan(0);
      });
      incorrect.forEach(({ code, dockerignore }, k) => {
        it(`incorrect example ${k + 1} triggers the rule`, async () => {
          const r = await lintText('Dockerfile', code, { rules, config, context: contextOf(dockerignore) });
          expect(r.findings.filter((f) => f.ruleId === m.id).length, code).toBeGreaterThan(0);
        });
      });
      correct.forEach(({ code, dockerignore }, k) => {
        it(`correct example ${k + 1} does not trigger the rule`, async () => {
          const r = await lintText('Dockerfile', code, { rules, config, context: contextOf(dockerignore) });
          expect(r.findings.filter((f) => f.ruleId === m.id).map((f) => f.message), code).toEqual([]);
        });
      });
    });
  }
});
