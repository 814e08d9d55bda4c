import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LintCache, recordingContext, type CacheDep } from '../../src/cli/lint-cache.js';
import { cli } from '../helpers/fake-io.js';
import { project } from '../helpers/project.js';

const DOCKERFILE = 'FROM python:3.12\nCOPY . /app\nRUN pip install flask\nCMD ["python", "/app/main.py"]\n';
const lint = (dir: string, ...extra: string[]) => cli(['lint', 'Dockerfile', '--format', 'json', '--cache', ...extra], { cwd: dir });
const ruleIds = (stdout: string) => (JSON.parse(stdout) as { results: { findings: { ruleId: string }[] }[] }).results[0]!.findings.map((f) => f.ruleId);

/** Marks the cached result of Dockerfile so that a run which uses it can be told from one that lints again. */
function markCached(dir: string): void {
  const file = join(dir, '.ballastcache');
  const data = JSON.parse(readFileSync(file, 'utf8'));
  for (const e of Object.values(data.entries) as { result: { findings: { message: string }[] } }[]) for (const f of e.result.findings) f.message = 'FROM THE CACHE';
  writeFileSync(file, JSON.stringify(data));
}
const fromCache = (stdout: string) => stdout.includes('FROM THE CACHE');

describe('lint --cache', () => {
  it('reuses the result of an unchanged file, with the same report', async () => {
    const dir = project({ Dockerfile: DOCKERFILE });
    const first = await lint(dir);
    expect(first.code).toBe(1);
    expect(existsSync(join(dir, '.ballastcache'))).toBe(true);
    const second = await lint(dir);
    expect(second.stdout).toBe(first.stdout);
    const tty = await cli(['lint', 'Dockerfile', '--cache'], { cwd: dir });
    const ttyFresh = await cli(['lint', 'Dockerfile'], { cwd: dir });
    expect(tty.stdout).toBe(ttyFresh.stdout); // code frames come from the file itself
    markCached(dir);
    expect(fromCache((await lint(dir)).stdout)).toBe(true);
  });

  it('lints again when the file changes', async () => {
    const dir = project({ Dockerfile: DOCKERFILE });
    await lint(dir);
    markCached(dir);
    writeFileSync(join(dir, 'Dockerfile'), DOCKERFILE.replace('flask', 'flask==3.0.0'));
    const r = await lint(dir);
    expect(fromCache(r.stdout)).toBe(false);
    expect(ruleIds(r.stdout)).not.toContain('pip-pin-versions');
  });

  it('lints again when the configuration changes', async () => {
    const dir = project({ Dockerfile: DOCKERFILE });
    await lint(dir);
    markCached(dir);
    writeFileSync(join(dir, '.ballast.yaml'), 'rules:\n  pip-no-cache-dir: off\n');
    const r = await lint(dir);
    expect(fromCache(r.stdout)).toBe(false);
    expect(ruleIds(r.stdout)).not.toContain('pip-no-cache-dir');
    expect(fromCache((await lint(dir, '--disable', 'require-image-tag')).stdout)).toBe(false);
  });

  it('lints again when a file of the build context the rules read changes (.dockerignore)', async () => {
    const dir = project({ Dockerfile: DOCKERFILE });
    const before = await lint(dir);
    expect(ruleIds(before.stdout)).toContain('require-dockerignore');
    markCached(dir);
    writeFileSync(join(dir, '.dockerignore'), '.git\n');
    const after = await lint(dir);
    expect(fromCache(after.stdout)).toBe(false);
    expect(ruleIds(after.stdout)).not.toContain('require-dockerignore');
  });

  it('a damaged cache is started afresh; one that cannot be written is reported and the lint goes on', async () => {
    const dir = project({ Dockerfile: DOCKERFILE });
    const fresh = await lint(dir);
    writeFileSync(join(dir, '.ballastcache'), '{"format": "ballast-lint-cache/1", "build": ');
    const damaged = await lint(dir);
    expect(damaged.stdout).toBe(fresh.stdout);
    expect(damaged.stderr).toBe('');
    expect(JSON.parse(readFileSync(join(dir, '.ballastcache'), 'utf8')).format).toBe('ballast-lint-cache/1');
    writeFileSync(join(dir, 'blocker'), '');
    const blocked = await lint(dir, '--cache-location', 'blocker/cache');
    expect(blocked.code).toBe(1);
    expect(blocked.stdout).toBe(fresh.stdout);
    expect(blocked.stderr).toMatch(/cannot write the cache blocker\/cache/);
  });

  it('an entry of the wrong shape (a hand-edited cache) is linted again, not reported from', async () => {
    const dir = project({ Dockerfile: DOCKERFILE });
    const fresh = await lint(dir);
    const file = join(dir, '.ballastcache');
    const data = JSON.parse(readFileSync(file, 'utf8'));
    for (const damage of [
      (r: { findings: Record<string, unknown>[] }) => void (r.findings[0]!.location = null),
      (r: { findings: Record<string, unknown>[] }) => void (r.findings[0]!.severity = 'fatal'),
      (r: { findings: Record<string, unknown>[] }) => void (r.findings[0]!.fix = { title: 't', applicability: 'safe', edits: [{ span: {}, text: 1 }] }),
      (r: { findings: Record<string, unknown>[] }) => void (r.findings = 'none' as never),
    ]) {
      const copy = structuredClone(data);
      const e = Object.values(copy.entries)[0] as { result: { findings: Record<string, unknown>[] } };
      for (const f of e.result.findings) f.message = 'FROM THE CACHE';
      damage(e.result);
      writeFileSync(file, JSON.stringify(copy));
      const r = await lint(dir);
      expect(r.stdout).toBe(fresh.stdout);
    }
  });

  it('--cache-location takes a file or a directory', async () => {
    const dir = project({ Dockerfile: DOCKERFILE, 'cache/.keep': '' });
    await lint(dir, '--cache-location', 'cache');
    expect(existsSync(join(dir, 'cache', '.ballastcache'))).toBe(true);
    await lint(dir, '--cache-location', 'my.cache');
    expect(existsSync(join(dir, 'my.cache'))).toBe(true);
  });

  it('is not used with --fix, and --quiet filters cached results too', async () => {
    const dir = project({ Dockerfile: DOCKERFILE });
    await lint(dir);
    const quiet = await lint(dir, '--quiet');
    expect(ruleIds(quiet.stdout)).toEqual([]);
    markCached(dir);
    await cli(['lint', 'Dockerfile', '--cache', '--fix'], { cwd: dir });
    expect(readFileSync(join(dir, 'Dockerfile'), 'utf8')).toContain('--no-cache-dir');
  });
});

describe('LintCache', () => {
  it('ignores a cache written by another build', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ballast-lint-cache-'));
    const file = join(dir, 'c');
    writeFileSync(file, JSON.stringify({ format: 'ballast-lint-cache/1', build: 'other', entries: { '/x/Dockerfile': { key: 'k', deps: [], failOn: 'warn', result: { subject: { kind: 'file', path: '/x/Dockerfile' }, findings: [], suppressed: 0 } } } }));
    const ctx = { readFile: () => undefined, exists: () => false };
    expect(LintCache.load(file, 'other').lookup('/x/Dockerfile', 'k', ctx, '')).toBeDefined();
    expect(LintCache.load(file, 'this').lookup('/x/Dockerfile', 'k', ctx, '')).toBeUndefined();
  });

  it('records what the rules read and checks it again', () => {
    const deps: CacheDep[] = [];
    const files: Record<string, string> = { 'package.json': '{}' };
    const ctx = recordingContext({ readFile: (p) => files[p], exists: (p) => p in files }, deps);
    ctx.readFile('package.json');
    ctx.exists('src');
    expect(deps.map((d) => [d[0], d[1]])).toEqual([
      ['package.json', 'read'],
      ['src', 'exists'],
    ]);
  });
});
