import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const main = join(root, 'src', 'cli', 'main.ts');
const tsx = join(root, 'node_modules', '.bin', 'tsx');

function run(args: string[], input?: string) {
  return spawnSync(tsx, [main, ...args], { input, encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined } });
}

describe('the real process', () => {
  it('reads stdin, writes stdout and sets the exit code', () => {
    const bad = run(['lint', '-', '--format', 'json'], 'FROM python:3.12\nRUN pip install flask\n');
    expect(bad.status).toBe(1);
    expect(JSON.parse(bad.stdout).summary.findings).toBeGreaterThan(0);
    const usage = run(['lint', '--no-such-flag']);
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain("unknown option '--no-such-flag'");
  });

  it('large JSON reports survive a pipe (no truncation)', () => {
    const text = 'FROM python:3.12\n' + 'RUN pip install flask\n'.repeat(3000);
    const r = run(['lint', '-', '--format', 'json', '--fail-on', 'none'], text);
    expect(r.status).toBe(0);
    expect(r.stdout.length).toBeGreaterThan(1_000_000);
    expect(() => JSON.parse(r.stdout)).not.toThrow();
  });
});

describe('the built CLI (dist/bin, made by npm install / npm run build)', () => {
  const bin = join(root, 'dist', 'bin', 'ballast.js');

  it('lints many files in worker threads with the same report as one thread', async () => {
    const { existsSync, mkdtempSync, writeFileSync, mkdirSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    expect(existsSync(bin), 'run `npm run build` first').toBe(true);
    const dir = mkdtempSync(join(tmpdir(), 'ballast-threads-'));
    for (let i = 0; i < 60; i++) {
      mkdirSync(join(dir, `svc${i}`));
      writeFileSync(join(dir, `svc${i}`, 'Dockerfile'), `FROM python:3.12\nRUN pip install flask==${i}.0\nCMD python app.py\n`);
    }
    const lint = (threads: string) =>
      spawnSync(process.execPath, [bin, 'lint', '.', '--format', 'json', '--disable', 'shellcheck'], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, BALLAST_THREADS: threads } });
    const one = lint('1');
    const two = lint('2');
    expect(one.status).toBe(1);
    expect(two.status).toBe(1);
    expect(JSON.parse(two.stdout)).toEqual(JSON.parse(one.stdout));
    expect(JSON.parse(two.stdout).results).toHaveLength(60);
  });
});
