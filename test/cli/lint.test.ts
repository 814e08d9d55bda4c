import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/fake-io.js';
import { project } from '../helpers/project.js';

const BAD = 'FROM python:3.12\nRUN pip install flask\n';
const GOOD = 'FROM python:3.12\nRUN pip install --no-cache-dir flask\n';

describe('ballast lint', () => {
  it('exits 0 on a clean file and 1 on findings', async () => {
    const dir = project({ 'Dockerfile': GOOD, 'bad/Dockerfile': BAD });
    expect((await cli(['lint', 'Dockerfile'], { cwd: dir })).code).toBe(0);
    const r = await cli(['lint', 'bad/Dockerfile'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('bad/Dockerfile:2:5: warning DF301 pip-no-cache-dir');
    expect(r.stdout).toContain('2 | RUN pip install flask');
    expect(r.stdout).toContain('+RUN pip install --no-cache-dir flask');
    expect(r.stdout).toMatch(/1 fixable with `ballast lint --fix`/);
    expect(r.stdout).not.toMatch(/\x1b\[/);
  });

  it('cuts long lines in code frames and fix diffs to a window around the finding, caret aligned', async () => {
    const MAX_SHOWN = 160;
    const pad = 'a'.repeat(3000);
    const dir = project({ Dockerfile: `FROM python:3.12\nRUN echo ${pad} && pip install flask && echo ${pad}\n` });
    const r = await cli(['lint', 'Dockerfile'], { cwd: dir });
    expect(r.code).toBe(1);
    const lines = r.stdout.split('\n');
    expect(r.stdout).not.toContain('a'.repeat(MAX_SHOWN + 1));
    const at = lines.findIndex((l) => l.includes('2 | …'));
    expect(at).toBeGreaterThan(0);
    // the caret line marks `pip install flask` (the finding's span) in the windowed line above it
    const shown = lines[at]!;
    const marks = lines[at + 1]!;
    const first = marks.indexOf('^');
    expect(shown.slice(first, marks.lastIndexOf('^') + 1)).toBe('pip install flask');
    expect(r.stdout).toMatch(/\+RUN echo a+…/);
  });

  it('--fail-on decides the exit code', async () => {
    const dir = project({ Dockerfile: BAD });
    expect((await cli(['lint', '--fail-on', 'error'], { cwd: dir })).code).toBe(0);
    expect((await cli(['lint', '--fail-on', 'info'], { cwd: dir })).code).toBe(1);
    expect((await cli(['lint', '--fail-on', 'bogus'], { cwd: dir })).code).toBe(2);
  });

  it('walks directories for Dockerfile names and respects .gitignore', async () => {
    const dir = project({
      'a/Dockerfile': BAD,
      'b/Dockerfile.prod': BAD,
      'c/app.dockerfile': BAD,
      'd/Containerfile': BAD,
      'vendor/Dockerfile': BAD,
      'node_modules/x/Dockerfile': BAD,
      'notes.txt': 'x',
      '.gitignore': 'vendor/\n',
    });
    const r = await cli(['lint', '.', '--format', 'json'], { cwd: dir });
    const files = JSON.parse(r.stdout).results.map((x: { file: string }) => x.file).sort();
    expect(files).toEqual(['a/Dockerfile', 'b/Dockerfile.prod', 'c/app.dockerfile', 'd/Containerfile']);
  });

  it('reads stdin with --stdin-filename', async () => {
    const dir = project({});
    const r = await cli(['lint', '-', '--stdin-filename', 'svc/Dockerfile', '--format', 'json'], { cwd: dir, stdin: BAD });
    const doc = JSON.parse(r.stdout);
    expect(doc.version).toBe(1);
    expect(doc.results[0].file).toBe('svc/Dockerfile');
    expect(doc.results[0].findings[0]).toMatchObject({ ruleId: 'pip-no-cache-dir', code: 'DF301', aliases: ['DL3042'], severity: 'warn', line: 2, column: 5, endLine: 2, endColumn: 22 });
    expect(doc.results[0].findings[0].fix.applicability).toBe('safe');
  });

  it('--fix writes atomically, keeps CRLF and BOM, and a second run changes nothing', async () => {
    const text = '\uFEFFFROM python:3.12\r\n# keep me\r\nRUN pip install flask\r\n';
    const dir = project({ Dockerfile: text });
    const r = await cli(['lint', '--fix', 'Dockerfile'], { cwd: dir });
    expect(r.code).toBe(0);
    const fixed = readFileSync(join(dir, 'Dockerfile'), 'utf8');
    expect(fixed).toBe('\uFEFFFROM python:3.12\r\n# keep me\r\nRUN pip install --no-cache-dir flask\r\n');
    expect(readdirSync(dir)).toEqual(['Dockerfile']);
    await cli(['lint', '--fix', 'Dockerfile'], { cwd: dir });
    expect(readFileSync(join(dir, 'Dockerfile'), 'utf8')).toBe(fixed);
  });

  it('--diff prints a unified diff and writes nothing', async () => {
    const dir = project({ Dockerfile: BAD });
    const r = await cli(['lint', '--diff', 'Dockerfile'], { cwd: dir });
    expect(r.stdout).toContain('--- a/Dockerfile');
    expect(r.stdout).toContain('+RUN pip install --no-cache-dir flask');
    expect(readFileSync(join(dir, 'Dockerfile'), 'utf8')).toBe(BAD);
  });

  it('--fix on stdin prints the fixed text and reports on stderr', async () => {
    const r = await cli(['lint', '--fix', '-'], { stdin: BAD });
    expect(r.stdout).toBe(GOOD);
  });

  it('a Dockerfile that does not parse is a finding with a location (exit 1)', async () => {
    const dir = project({ Dockerfile: 'FROM alpine\nRUN <<EOF\necho never ends\n' });
    const r = await cli(['lint', 'Dockerfile'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('Dockerfile:2:5: error DF100 syntax-error');
    expect(r.stdout).toContain('unterminated heredoc EOF');
  });

  it('usage errors exit 2 without a stack trace', async () => {
    for (const argv of [['lint', '--bogus'], ['lint', 'missing-file'], ['lint', '--format', 'xml', '-'], ['nope']]) {
      const r = await cli(argv, { stdin: GOOD });
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('a bad config exits 2 naming the file, line, column and key', async () => {
    const dir = project({ Dockerfile: GOOD, '.ballast.yaml': 'rules:\n  pip-no-cache-dri: off\n' });
    const r = await cli(['lint', 'Dockerfile'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('.ballast.yaml:2:3: unknown rule "pip-no-cache-dri" (did you mean "pip-no-cache-dir"?)');
  });

  it('a config key given twice is an error at its second place, also in a map of 20,000 keys', async () => {
    const dup = project({ Dockerfile: GOOD, '.ballast.yaml': 'rules:\n  DL3042: off\n  DL3042: warn\n' });
    const r = await cli(['lint', 'Dockerfile'], { cwd: dup });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('.ballast.yaml:3:3: invalid YAML: map keys must be unique ("DL3042" appears twice)');
    // the YAML library's own check is quadratic in a map's size; this one is a set
    const many = Array.from({ length: 20_000 }, (_, i) => `  r${i}: off\n`).join('');
    const big = project({ Dockerfile: GOOD, '.ballast.yaml': `rules:\n${many}  r0: off\n` });
    const b = await cli(['lint', 'Dockerfile'], { cwd: big });
    expect(b.code).toBe(2);
    expect(b.stderr).toContain('.ballast.yaml:20002:3: invalid YAML: map keys must be unique ("r0" appears twice)');
  });

  it('.ballast.yaml is found upward and can turn rules off by alias', async () => {
    const dir = project({ 'svc/Dockerfile': BAD, '.ballast.yaml': 'failOn: error\nrules:\n  DL3042: off\n' });
    const r = await cli(['lint', 'Dockerfile', '--format', 'json'], { cwd: join(dir, 'svc') });
    const ids = JSON.parse(r.stdout).results[0].findings.map((f: { ruleId: string }) => f.ruleId);
    expect(ids).not.toContain('pip-no-cache-dir');
    expect(r.code).toBe(0);
  });

  it('reads .hadolint.yaml when there is no .ballast.yaml', async () => {
    const dir = project({ Dockerfile: BAD, '.hadolint.yaml': 'ignored:\n  - DL3042\nfailure-threshold: error\n' });
    const r = await cli(['lint', 'Dockerfile', '--format', 'json'], { cwd: dir });
    expect(r.code).toBe(0);
    const ids = JSON.parse(r.stdout).results[0].findings.map((f: { ruleId: string }) => f.ruleId);
    expect(ids).not.toContain('pip-no-cache-dir');
    // a hadolint configuration runs every rule, as hadolint does
    expect(ids).toContain('pip-pin-versions');
  });

  it('honours ballast, hadolint and BuildKit ignore pragmas', async () => {
    for (const pragma of ['# ballast ignore=pip-no-cache-dir', '# hadolint ignore=DL3042', '# ballast ignore=DF301 -- vendored image']) {
      const dir = project({ Dockerfile: `FROM python:3.12\n${pragma}\nRUN pip install flask\n` });
      const r = await cli(['lint', 'Dockerfile', '--format', 'json'], { cwd: dir });
      expect(JSON.parse(r.stdout).results[0].suppressed, pragma).toBe(1);
    }
  });

  it('--disable and --enable take ids, codes and aliases', async () => {
    const dir = project({ Dockerfile: BAD });
    expect((await cli(['lint', '--disable', 'DL3042'], { cwd: dir })).code).toBe(0);
    expect((await cli(['lint', '--disable', 'no-such-rule'], { cwd: dir })).code).toBe(2);
  });

  it('colours only on a terminal, never with NO_COLOR', async () => {
    const dir = project({ Dockerfile: BAD });
    expect((await cli(['lint'], { cwd: dir, tty: true })).stdout).toMatch(/\x1b\[/);
    expect((await cli(['lint'], { cwd: dir, tty: true, env: { NO_COLOR: '1' } })).stdout).not.toMatch(/\x1b\[/);
    expect((await cli(['lint'], { cwd: dir, env: { FORCE_COLOR: '1' } })).stdout).toMatch(/\x1b\[/);
  });

  it('--output-file writes the report', async () => {
    const dir = project({ Dockerfile: BAD });
    const r = await cli(['lint', '-f', 'json', '-o', 'report.json'], { cwd: dir });
    expect(r.stdout).toBe('');
    expect(JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')).summary.warnings).toBe(1);
  });

  it('--output-file writes through a symlink and into a FIFO or device instead of replacing it', async () => {
    const { execFileSync, spawn } = await import('node:child_process');
    const { lstatSync, symlinkSync } = await import('node:fs');
    const dir = project({ Dockerfile: BAD, 'reports/real.json': '' });
    symlinkSync('reports/real.json', join(dir, 'link.json'));
    await cli(['lint', '-f', 'json', '-o', 'link.json'], { cwd: dir });
    expect(lstatSync(join(dir, 'link.json')).isSymbolicLink()).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, 'reports/real.json'), 'utf8')).summary.warnings).toBe(1);
    // a FIFO (like /dev/stdout or /dev/null, not a regular file): a rename would have put a file in its place
    execFileSync('mkfifo', [join(dir, 'pipe')]);
    const reader = spawn('cat', [join(dir, 'pipe')]);
    let got = '';
    reader.stdout.on('data', (d: Buffer) => (got += d.toString()));
    const done = new Promise<void>((r) => reader.on('close', () => r()));
    await cli(['lint', '-f', 'json', '-o', 'pipe'], { cwd: dir });
    await done;
    expect(lstatSync(join(dir, 'pipe')).isFIFO()).toBe(true);
    expect(JSON.parse(got).summary.warnings).toBe(1);
  });
});

describe('ballast rules', () => {
  it('lists rules and prints a rule page', async () => {
    const list = await cli(['rules']);
    expect(list.stdout).toContain('pip-no-cache-dir');
    const page = await cli(['rules', 'DL3042']);
    expect(page.stdout).toContain('# pip-no-cache-dir (DF301)');
    expect((await cli(['rules', 'nope'])).code).toBe(2);
  });

  it('--version and --help exit 0', async () => {
    expect((await cli(['--version'])).stdout).toMatch(/^\d+\.\d+\.\d+/);
    expect((await cli(['--help'])).code).toBe(0);
  });
});
