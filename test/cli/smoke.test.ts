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
    const { existsSync, mkdtempSync, writeFileSync, mkdirSync, readFileSync } = await import('node:fs');
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
    // --cache: workers send their results back for the cache; the next run answers from it
    const cached = (threads: string) =>
      spawnSync(process.execPath, [bin, 'lint', '.', '--format', 'json', '--disable', 'shellcheck', '--cache'], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, BALLAST_THREADS: threads } });
    const fill = cached('2');
    expect(JSON.parse(fill.stdout)).toEqual(JSON.parse(one.stdout));
    expect(Object.keys(JSON.parse(readFileSync(join(dir, '.ballastcache'), 'utf8')).entries)).toHaveLength(60);
    const reuse = cached('2');
    expect(JSON.parse(reuse.stdout)).toEqual(JSON.parse(one.stdout));
  });
});

describe('the compile cache of the built CLI', () => {
  const bin = join(root, 'dist', 'bin', 'ballast.js');
  const dockerfile = 'FROM python:3.12\nRUN pip install flask\nCMD python app.py\n';

  async function setup() {
    const { mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    return mkdtempSync(join(tmpdir(), 'ballast-cache-'));
  }
  const lint = (env: Record<string, string>) =>
    spawnSync(process.execPath, [bin, 'lint', '-', '--format', 'json', '--disable', 'shellcheck'], { input: dockerfile, encoding: 'utf8', env: { ...process.env, BALLAST_NO_COMPILE_CACHE: '', ...env } });

  it('is written on the first run of a command, used on the next, and does not change the report', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const dir = await setup();
    const first = lint({ BALLAST_CACHE_DIR: dir });
    const files = readdirSync(dir);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^[0-9a-f]{16}-v\d+\.\d+\.\d+-\w+-[0-9a-f]{8}-lint\.bin$/);
    const data = readFileSync(join(dir, files[0]!));
    expect(data.length).toBeGreaterThan(10_000);
    const second = lint({ BALLAST_CACHE_DIR: dir });
    expect(second.status).toBe(1);
    expect(second.stdout).toBe(first.stdout);
    expect(readFileSync(join(dir, files[0]!)).equals(data)).toBe(true); // used, not rewritten
  });

  it('a lint of many files (the shell parser then optimises itself) leaves the flags its cache is keyed on as they were', async () => {
    const { mkdirSync, readdirSync, readFileSync, writeFileSync } = await import('node:fs');
    const dir = await setup();
    const work = await setup();
    for (let i = 0; i < 70; i++) writeFileSync(join(work, `${i}.dockerfile`), `FROM debian:12\nRUN apt-get update && apt-get install -y curl=${i} | tee /log\n`);
    mkdirSync(join(work, 'one'));
    writeFileSync(join(work, 'one', 'Dockerfile'), 'FROM debian:12\nRUN apt-get update && apt-get install -y curl | tee /log\n');
    const many = (path: string) => spawnSync(process.execPath, [bin, 'lint', path, '--format', 'json', '--disable', 'shellcheck', '--fail-on', 'none'], { cwd: work, encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, BALLAST_NO_COMPILE_CACHE: '', BALLAST_CACHE_DIR: dir, BALLAST_THREADS: '1' } });
    // V8 keys a code cache on the flags as they are when it first computes the key: at exit in a run
    // that writes the cache, at start in one that reads it
    const first = many('.');
    expect(first.status).toBe(0);
    const [file] = readdirSync(dir);
    const data = readFileSync(join(dir, file!));
    const second = many('.');
    expect(second.stdout).toBe(first.stdout);
    expect(readFileSync(join(dir, file!)).equals(data)).toBe(true); // used, not rewritten
    // the same findings as a run over one file, which keeps the parser on the baseline compiler
    const report = JSON.parse(first.stdout) as { results: { file: string; findings: unknown[] }[] };
    expect(report.results).toHaveLength(71);
    const single = JSON.parse(many('one/Dockerfile').stdout) as typeof report;
    const fromMany = report.results.find((r) => r.file.endsWith('Dockerfile'));
    expect(fromMany?.findings).toEqual(single.results[0]?.findings);
  });

  it('is not written by --help or --version, which compile little of the command', async () => {
    const { readdirSync } = await import('node:fs');
    const dir = await setup();
    for (const args of [['lint', '--help'], ['--version']]) {
      const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...process.env, BALLAST_NO_COMPILE_CACHE: '', BALLAST_CACHE_DIR: dir } });
      expect(r.status).toBe(0);
    }
    expect(readdirSync(dir)).toEqual([]);
    lint({ BALLAST_CACHE_DIR: dir });
    expect(readdirSync(dir)).toHaveLength(1);
  });

  it('a damaged cache file is not used (without V8 checksums it crashed the process) and is rewritten', async () => {
    const { readdirSync, readFileSync, writeFileSync } = await import('node:fs');
    const dir = await setup();
    const first = lint({ BALLAST_CACHE_DIR: dir });
    const file = join(dir, readdirSync(dir)[0]!);
    const data = readFileSync(file);
    for (let i = 1000; i < 5000; i++) data[i] = data[i]! ^ 0x5a;
    writeFileSync(file, data);
    const again = lint({ BALLAST_CACHE_DIR: dir });
    expect(again.status).toBe(1);
    expect(again.stdout).toBe(first.stdout);
    expect(readFileSync(file).equals(data)).toBe(false);
  });

  it('goes under the user cache directory, but never creates a HOME that does not exist', async () => {
    const { existsSync, mkdirSync, readdirSync } = await import('node:fs');
    const dir = await setup();
    const home = join(dir, 'home');
    mkdirSync(home);
    expect(lint({ HOME: home, XDG_CACHE_HOME: '', BALLAST_CACHE_DIR: '' }).status).toBe(1);
    expect(readdirSync(join(home, '.cache', 'ballast'))).toHaveLength(1);
    expect(lint({ HOME: join(dir, 'nowhere'), XDG_CACHE_HOME: '', BALLAST_CACHE_DIR: '' }).status).toBe(1);
    expect(existsSync(join(dir, 'nowhere'))).toBe(false);
  });

  it('can be turned off, and a cache directory that cannot be written only means no cache', async () => {
    const { existsSync, writeFileSync } = await import('node:fs');
    const dir = await setup();
    const off = lint({ BALLAST_CACHE_DIR: join(dir, 'off'), BALLAST_NO_COMPILE_CACHE: '1' });
    expect(off.status).toBe(1);
    expect(existsSync(join(dir, 'off'))).toBe(false);
    writeFileSync(join(dir, 'file'), '');
    const blocked = lint({ BALLAST_CACHE_DIR: join(dir, 'file', 'cache') });
    expect(blocked.status).toBe(1);
    expect(blocked.stderr).toBe('');
    expect(JSON.parse(blocked.stdout).summary.findings).toBe(JSON.parse(off.stdout).summary.findings);
  });
});
