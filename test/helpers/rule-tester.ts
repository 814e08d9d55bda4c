import { expect, it, describe } from 'vitest';
import type { Applicability, Finding } from '../../src/core/diagnostic.js';
import { placeholders } from '../../src/core/messages.js';
import { DEFAULT_CONFIG, type LintConfig } from '../../src/engine/config.js';
import { fixText } from '../../src/engine/fix.js';
import { lintText } from '../../src/engine/lint-dockerfile.js';
import { DockerfileSource, type BuildContext } from '../../src/dockerfile/source.js';
import type { DockerfileRule, RuleSettings } from '../../src/rules/rule.js';
import syntaxError from '../../src/rules/dockerfile/syntax-error.js';

export interface ValidCase {
  code: string;
  name?: string;
  options?: Record<string, unknown>;
  settings?: Partial<RuleSettings>;
  files?: Record<string, string>;
}

export interface ExpectedError {
  messageId?: string;
  line?: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
  /** Text the finding's span covers. */
  text?: string;
  /** Expected subset of aliases on this finding. */
  aliases?: string[];
}

export interface InvalidCase extends ValidCase {
  errors: number | ExpectedError[];
  /** Result of safe fixes (null: no safe fix changes the text). */
  output?: string | null;
  /** Result of safe + unsafe fixes. */
  unsafeOutput?: string | null;
  /** Applicability of the first finding's fix, or null when it has none. */
  fix?: Applicability | null;
}

function contextOf(files: Record<string, string> | undefined): BuildContext | undefined {
  if (!files) return undefined;
  return { dir: '/ctx', readFile: (p) => files[p], exists: (p) => p in files || Object.keys(files).some((k) => k.startsWith(`${p}/`)) };
}

function configFor(rule: DockerfileRule, c: ValidCase): LintConfig {
  return {
    ...DEFAULT_CONFIG,
    preset: 'none',
    rules: { [rule.meta.id]: { severity: rule.meta.severity, options: c.options } },
    settings: { ...DEFAULT_CONFIG.settings, ...c.settings },
  };
}

export async function runRule(rule: DockerfileRule, c: ValidCase): Promise<Finding[]> {
  const r = await lintText('Dockerfile', c.code, { rules: [rule, syntaxError], config: configFor(rule, c), context: contextOf(c.files) });
  return r.findings.filter((f) => f.ruleId === rule.meta.id) as Finding[];
}

async function fixWith(rule: DockerfileRule, c: ValidCase, allow: Applicability[]): Promise<string> {
  const r = await fixText('Dockerfile', c.code, { rules: [rule, syntaxError], config: configFor(rule, c), context: contextOf(c.files) }, new Set(allow));
  return r.output;
}

/** ESLint-style harness: valid cases report nothing; invalid ones report the errors and fix to the outputs. */
export function ruleTester(rule: DockerfileRule, cases: { valid: (ValidCase | string)[]; invalid: InvalidCase[] }): void {
  const seen = new Set<string>();
  const norm = (c: ValidCase | string): ValidCase => (typeof c === 'string' ? { code: c } : c);
  describe(rule.meta.id, () => {
    it('has message templates whose placeholders are filled', () => {
      for (const m of Object.values(rule.meta.messages) as string[]) expect(typeof m).toBe('string');
    });
    for (const raw of cases.valid) {
      const c = norm(raw);
      const key = `valid:${c.code}:${JSON.stringify(c.options ?? {})}:${JSON.stringify(c.settings ?? {})}`;
      it(`valid: ${c.name ?? c.code.split('\n').slice(0, 3).join(' ⏎ ')}`, async () => {
        expect(seen.has(key), 'duplicate test case').toBe(false);
        seen.add(key);
        const findings = await runRule(rule, c);
        expect(findings.map((f) => `${f.location.kind === 'source' ? f.location.start.line : 0}: ${f.message}`)).toEqual([]);
      });
    }
    for (const c of cases.invalid) {
      const key = `invalid:${c.code}:${JSON.stringify(c.options ?? {})}:${JSON.stringify(c.settings ?? {})}`;
      it(`invalid: ${c.name ?? c.code.split('\n').slice(0, 3).join(' ⏎ ')}`, async () => {
        expect(seen.has(key), 'duplicate test case').toBe(false);
        seen.add(key);
        const findings = await runRule(rule, c);
        const expected = typeof c.errors === 'number' ? c.errors : c.errors.length;
        expect(findings.length, findings.map((f) => f.message).join('\n')).toBe(expected);
        for (const f of findings) {
          for (const p of placeholders(f.message)) expect.fail(`unfilled placeholder {{${p}}} in: ${f.message}`);
        }
        if (Array.isArray(c.errors)) {
          c.errors.forEach((e, k) => {
            const f = findings[k];
            if (f.location.kind !== 'source') throw new Error('expected a source location');
            if (e.messageId) expect(f.messageId).toBe(e.messageId);
            if (e.line !== undefined) expect(f.location.start.line).toBe(e.line);
            if (e.column !== undefined) expect(f.location.start.column).toBe(e.column);
            if (e.endLine !== undefined) expect(f.location.end.line).toBe(e.endLine);
            if (e.endColumn !== undefined) expect(f.location.end.column).toBe(e.endColumn);
            if (e.text !== undefined) expect(c.code.slice(f.location.span.start, f.location.span.end)).toBe(e.text);
            if (e.aliases) expect(f.aliases).toEqual(expect.arrayContaining(e.aliases));
          });
        }
        if (c.fix !== undefined) expect(findings[0]?.fix?.applicability ?? null).toBe(c.fix);
        if (c.output !== undefined) {
          const out = await fixWith(rule, c, ['safe']);
          expect(out).toBe(c.output ?? c.code);
          if (c.output !== null) {
            expect(DockerfileSource.parse('Dockerfile', out).problems.length, 'fixed output parses').toBe(DockerfileSource.parse('Dockerfile', c.code).problems.length);
            expect(await fixWith(rule, { ...c, code: out }, ['safe']), 'fixing twice equals fixing once').toBe(out);
          }
        }
        if (c.unsafeOutput !== undefined) {
          const out = await fixWith(rule, c, ['safe', 'unsafe']);
          expect(out).toBe(c.unsafeOutput ?? c.code);
          if (c.unsafeOutput !== null) expect(await fixWith(rule, { ...c, code: out }, ['safe', 'unsafe'])).toBe(out);
        }
      });
    }
  });
}
