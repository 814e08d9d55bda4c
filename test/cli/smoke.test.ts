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
