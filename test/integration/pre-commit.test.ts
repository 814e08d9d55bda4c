/**
 * The pre-commit hooks (.pre-commit-hooks.yaml) exercised with the real pre-commit, as a user's
 * repository would use them: `repo:` is a git repository holding a snapshot of this working tree (a
 * commit made in a temporary repository), `rev:` that commit. pre-commit installs the hook the way it
 * installs every `language: node` hook: `npm install --dev --prod` in a clone, `npm pack`, then
 * `npm install -g` of the tarball into its own node environment. That install takes minutes, so it is
 * done once (beforeAll) and reused by every test through a shared PRE_COMMIT_HOME.
 *
 * Run with `npm run test:pre-commit` (needs `pre-commit` on PATH and the npm registry, or a warm npm
 * cache). Not part of `npm test`.
 */
import { execFile, execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const work = mkdtempSync(join(tmpdir(), 'ballast-pre-commit-'));
const PRE_COMMIT_HOME = join(work, 'cache');
const HOOK_REPO = join(work, 'hook-repo');
let rev = '';

const GIT_ENV = {
  GIT_AUTHOR_NAME: 'ballast test',
  GIT_AUTHOR_EMAIL: 'test@example.invalid',
  GIT_COMMITTER_NAME: 'ballast test',
  GIT_COMMITTER_EMAIL: 'test@example.invalid',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
};

function env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    ...GIT_ENV,
    PRE_COMMIT_HOME,
    PRE_COMMIT_COLOR: 'never',
    NO_COLOR: '1',
    // use the npm cache first: the hook install needs the registry only for what the cache lacks
    npm_config_prefer_offline: 'true',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
    ...extra,
  };
}

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, env: env(), encoding: 'utf8' });
}

interface Run {
  code: number;
  out: string;
}

function run(cmd: string, args: string[], cwd: string, extraEnv: Record<string, string> = {}, timeout = 120_000): Promise<Run> {
  return new Promise((resolve) => {
    execFile(cmd, args, { cwd, env: env(extraEnv), encoding: 'utf8', timeout, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? ((err as { code: number }).code) : -1) : 0;
      resolve({ code, out: `${stdout}${stderr}` });
    });
  });
}

/** A snapshot of this working tree (tracked and untracked, not ignored files) committed in a new repository. */
function snapshotHookRepo(): string {
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' })
    .split('\0')
    .filter((f) => f && existsSync(join(ROOT, f)));
  for (const f of files) {
    mkdirSync(dirname(join(HOOK_REPO, f)), { recursive: true });
    cpSync(join(ROOT, f), join(HOOK_REPO, f));
  }
  git(HOOK_REPO, 'init', '-q', '-b', 'main');
  git(HOOK_REPO, 'add', '-A');
  git(HOOK_REPO, 'commit', '-q', '--no-verify', '-m', 'snapshot of the working tree');
  return git(HOOK_REPO, 'rev-parse', 'HEAD').trim();
}

let userRepos = 0;

/** A user's repository with the given files (staged) and a .pre-commit-config.yaml using `hooks`. */
function userRepo(files: Record<string, string>, hooks: string[], hookArgs: Record<string, string[]> = {}): string {
  const dir = join(work, `user-${++userRepos}`);
  mkdirSync(dir, { recursive: true });
  git(dir, 'init', '-q', '-b', 'main');
  const hookLines = hooks.map((h) => `      - id: ${h}${hookArgs[h] ? `\n        args: ${JSON.stringify(hookArgs[h])}` : ''}`);
  const config = ['repos:', `  - repo: ${JSON.stringify(HOOK_REPO)}`, `    rev: ${rev}`, '    hooks:', ...hookLines, ''].join('\n');
  writeFileSync(join(dir, '.pre-commit-config.yaml'), config);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  git(dir, 'add', '-A');
  return dir;
}

function preCommit(dir: string, ...args: string[]): Promise<Run> {
  return run('pre-commit', ['run', '--all-files', '--color', 'never', ...args], dir);
}

const BAD = 'FROM ubuntu\nRUN pip install flask==3.0.0\n';
const CLEAN = 'FROM alpine:3.20\nCOPY app /app\nUSER nobody\nCMD ["/app"]\n';
const FIXABLE = 'FROM alpine:3.20\nRUN pip install flask==3.0.0\nUSER nobody\n';

beforeAll(async () => {
  const which = await run('sh', ['-c', 'command -v pre-commit'], work);
  if (which.code !== 0) throw new Error('pre-commit is not on PATH (apt-get install -y pre-commit)');
  rev = snapshotHookRepo();
  // install the hook environment once; every test below reuses it
  const dir = userRepo({ Dockerfile: CLEAN }, ['ballast-lint', 'ballast-fix']);
  const r = await run('pre-commit', ['install-hooks'], dir, {}, 900_000);
  if (r.code !== 0) throw new Error(`pre-commit install-hooks failed (${r.code}):\n${r.out}`);
}, 960_000);

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

describe('pre-commit hooks (real pre-commit)', () => {
  it('installs a working ballast bin from the repository (npm install, npm pack, npm install -g)', () => {
    const bins = findFiles(PRE_COMMIT_HOME, (p) => p.endsWith('/bin/ballast'));
    expect(bins.length).toBeGreaterThan(0);
    const out = execFileSync(bins[0], ['--version'], { encoding: 'utf8', env: env() });
    const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
    expect(out).toContain(version);
  });

  it('refuses a bad Dockerfile with path:line:col output', async () => {
    const dir = userRepo({ 'services/api/Dockerfile': BAD }, ['ballast-lint']);
    const r = await preCommit(dir);
    expect(r.code, r.out).toBe(1);
    expect(r.out).toMatch(/ballast lint\.+Failed/);
    expect(r.out).toContain('- hook id: ballast-lint');
    expect(r.out).toContain('services/api/Dockerfile:1:6: warning DF501 require-image-tag');
    expect(r.out).toContain('services/api/Dockerfile:2:5: warning DF301 pip-no-cache-dir');
    expect(r.out).toContain('1 fixable with `ballast lint --fix`');
  });

  it('refuses the commit itself when installed as the git hook', async () => {
    const dir = userRepo({ Dockerfile: BAD }, ['ballast-lint']);
    const install = await run('pre-commit', ['install'], dir);
    expect(install.code, install.out).toBe(0);
    const commit = await run('git', ['commit', '-m', 'add a Dockerfile'], dir);
    expect(commit.code, commit.out).not.toBe(0);
    expect(commit.out).toMatch(/ballast lint\.+Failed/);
    expect(commit.out).toContain('Dockerfile:2:5: warning DF301 pip-no-cache-dir');
    expect((await run('git', ['rev-parse', '--verify', '-q', 'HEAD'], dir)).code).not.toBe(0);

    writeFileSync(join(dir, 'Dockerfile'), CLEAN);
    git(dir, 'add', 'Dockerfile');
    const ok = await run('git', ['commit', '-m', 'add a clean Dockerfile'], dir);
    expect(ok.code, ok.out).toBe(0);
    expect(ok.out).toMatch(/ballast lint\.+Passed/);
  });

  it('passes a clean Dockerfile', async () => {
    const dir = userRepo({ Dockerfile: CLEAN, 'README.md': '# app\n' }, ['ballast-lint']);
    const r = await preCommit(dir);
    expect(r.code, r.out).toBe(0);
    expect(r.out).toMatch(/ballast lint\.+Passed/);
  });

  it('matches every Dockerfile naming convention, and nothing else', async () => {
    const names = ['Dockerfile', 'docker/Dockerfile.prod', 'Dockerfile-dev', 'web/app.dockerfile', 'Containerfile', 'lower/dockerfile', 'build/Containerfile.ci'];
    const others = { 'notes.txt': BAD, 'mydockerfile': BAD, 'Dockerfiles/README.md': '# not a Dockerfile\n' };
    const dir = userRepo({ ...Object.fromEntries(names.map((n) => [n, BAD])), ...others }, ['ballast-lint']);
    const r = await preCommit(dir);
    expect(r.code, r.out).toBe(1);
    for (const n of names) expect(r.out, n).toContain(`${n}:2:5: warning DF301 pip-no-cache-dir`);
    for (const n of Object.keys(others)) expect(r.out, n).not.toContain(`${n}:`);
  });

  it('honours the user configuration (.ballast.yaml) and hook args', async () => {
    const dir = userRepo({ Dockerfile: BAD, '.ballast.yaml': 'extends: none\n' }, ['ballast-lint']);
    const off = await preCommit(dir);
    expect(off.code, off.out).toBe(0);
    const infoOnly = 'extends: none\nrules:\n  prefer-cache-mount: info\n';
    const strict = userRepo({ Dockerfile: CLEAN.replace('COPY app /app\n', 'RUN apk add --no-cache curl=8.9.1-r0\n'), '.ballast.yaml': infoOnly }, ['ballast-lint'], { 'ballast-lint': ['--fail-on', 'info'] });
    const r = await preCommit(strict);
    expect(r.code, r.out).toBe(1);
    expect(r.out).toContain('Dockerfile:2:5: info DF201 prefer-cache-mount');
  });

  it('ballast-fix rewrites a fixable file and pre-commit reports it modified', async () => {
    const dir = userRepo({ Dockerfile: FIXABLE, 'Dockerfile.clean': CLEAN }, ['ballast-fix']);
    const r = await preCommit(dir);
    expect(r.code, r.out).toBe(1);
    expect(r.out).toMatch(/ballast fix\.+Failed/);
    expect(r.out).toContain('- files were modified by this hook');
    expect(readFileSync(join(dir, 'Dockerfile'), 'utf8')).toBe('FROM alpine:3.20\nRUN pip install --no-cache-dir flask==3.0.0\nUSER nobody\n');
    expect(readFileSync(join(dir, 'Dockerfile.clean'), 'utf8')).toBe(CLEAN);
    // fixing twice changes nothing: the second run passes
    git(dir, 'add', '-A');
    const again = await preCommit(dir);
    expect(again.code, again.out).toBe(0);
    expect(again.out).toMatch(/ballast fix\.+Passed/);
  });

  it('ballast-fix still fails on what it cannot fix', async () => {
    const dir = userRepo({ Dockerfile: BAD }, ['ballast-fix']);
    const r = await preCommit(dir);
    expect(r.code, r.out).toBe(1);
    expect(r.out).toContain('- files were modified by this hook');
    expect(r.out).toContain('Dockerfile:1:6: warning DF501 require-image-tag');
    expect(readFileSync(join(dir, 'Dockerfile'), 'utf8')).toBe('FROM ubuntu\nRUN pip install --no-cache-dir flask==3.0.0\n');
  });

  it('the language: system hooks run a ballast found on PATH', async () => {
    const bin = findFiles(PRE_COMMIT_HOME, (p) => p.endsWith('/bin/ballast'))[0];
    const dir = userRepo({ Dockerfile: BAD, 'Dockerfile.clean': CLEAN }, ['ballast-lint-system']);
    const path = `${dirname(bin)}:${process.env.PATH ?? ''}`;
    const r = await run('pre-commit', ['run', '--all-files', '--color', 'never'], dir, { PATH: path });
    expect(r.code, r.out).toBe(1);
    expect(r.out).toMatch(/ballast lint \(installed ballast\)\.+Failed/);
    expect(r.out).toContain('Dockerfile:2:5: warning DF301 pip-no-cache-dir');

    const fix = userRepo({ Dockerfile: FIXABLE }, ['ballast-fix-system']);
    const f = await run('pre-commit', ['run', '--all-files', '--color', 'never'], fix, { PATH: path });
    expect(f.code, f.out).toBe(1);
    expect(f.out).toContain('- files were modified by this hook');
    expect(readFileSync(join(fix, 'Dockerfile'), 'utf8')).toContain('pip install --no-cache-dir flask');
  });
});

function findFiles(dir: string, match: (p: string) => boolean, depth = 0): string[] {
  if (depth > 6) return [];
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.name === 'node_modules') continue;
    if (match(p)) out.push(p);
    else if (e.isDirectory()) out.push(...findFiles(p, match, depth + 1));
  }
  return out;
}
