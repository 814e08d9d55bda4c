import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { categoryDigit } from '../../src/core/rule-meta.js';
import { placeholders } from '../../src/core/messages.js';
import { rules } from '../../src/rules/index.js';

const root = join(import.meta.dirname, '..', '..');

describe('rule registry', () => {
  const files = ['dockerfile', 'image'].flatMap((t) => {
    const dir = join(root, 'src', 'rules', t);
    return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.ts')).map((f) => ({ target: t, id: f.replace(/\.ts$/, '') })) : [];
  });

  it('registers every rule file exactly once (run scripts/sync-registry.mjs after adding one)', () => {
    expect(rules.map((r) => r.meta.id).sort()).toEqual(files.map((f) => f.id).sort());
  });

  it('ids are kebab-case and equal the file name; targets match the folder', () => {
    for (const f of files) {
      const r = rules.find((x) => x.meta.id === f.id);
      expect(r, f.id).toBeDefined();
      expect(r!.meta.id).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
      expect(r!.meta.target).toBe(f.target);
    }
  });

  it('codes are unique and in the range of their category', () => {
    const seen = new Set<string>();
    for (const r of rules) {
      const m = r.meta;
      expect(seen.has(m.code), `duplicate code ${m.code}`).toBe(false);
      seen.add(m.code);
      const prefix = m.target === 'dockerfile' ? 'DF' : 'IM';
      expect(m.code, m.id).toMatch(new RegExp(`^${prefix}${categoryDigit[m.category]}\\d\\d$`));
    }
  });

  it('aliases are unique across rules, except codes one rule splits by finding', () => {
    const owner = new Map<string, string>();
    for (const r of rules) {
      for (const a of r.meta.aliases ?? []) {
        expect(owner.get(a), `${a} claimed by ${owner.get(a)} and ${r.meta.id}`).toBeUndefined();
        owner.set(a, r.meta.id);
      }
    }
  });

  it('every rule has a test file and a docs page, and a one-line description', () => {
    for (const r of rules) {
      const m = r.meta;
      expect(existsSync(join(root, 'test', 'rules', m.target, `${m.id}.test.ts`)), `test for ${m.id}`).toBe(true);
      expect(existsSync(join(root, 'docs', 'rules', `${m.id}.md`)), `docs for ${m.id}`).toBe(true);
      expect(m.description).not.toMatch(/\n/);
      expect(m.description.length).toBeLessThan(200);
    }
  });

  it('message placeholders are well-formed and option defaults match their declared types', () => {
    for (const r of rules) {
      for (const msg of Object.values(r.meta.messages) as string[]) {
        for (const p of placeholders(msg)) expect(p, r.meta.id).toMatch(/^[A-Za-z][\w.]*$/);
      }
      const o = r.meta.options;
      if (o) {
        for (const [k, t] of Object.entries(o.types) as [string, string][]) {
          const v = (o.defaults as Record<string, unknown>)[k];
          if (t === 'string[]') expect(Array.isArray(v), `${r.meta.id}.${k}`).toBe(true);
          else expect(typeof v, `${r.meta.id}.${k}`).toBe(t);
        }
      }
    }
  });

  it('the README rules table is up to date (node scripts/rules-table.mjs)', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    for (const r of rules) if (!r.meta.experimental) expect(readme, r.meta.id).toContain(`[${r.meta.id}](docs/rules/${r.meta.id}.md)`);
  });
});
