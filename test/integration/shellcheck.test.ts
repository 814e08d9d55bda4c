import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pendingNotices, resetNotices } from '../../src/core/notices.js';
import { DEFAULT_CONFIG, type LintConfig } from '../../src/engine/config.js';
import { lintText } from '../../src/engine/lint-dockerfile.js';
import { setShellCheckRunner } from '../../src/dockerfile/shellcheck.js';
import rule from '../../src/rules/dockerfile/shellcheck.js';
import { df } from '../helpers/df.js';

// Runs the real binary: `npm run test:shellcheck` (CI installs the Debian package `shellcheck`).
const version = spawnSync('shellcheck', ['--version'], { encoding: 'utf8' });
if (version.status !== 0) throw new Error('shellcheck is not installed: apt-get install -y shellcheck');

const config: LintConfig = { ...DEFAULT_CONFIG, preset: 'all' };

async function lint(text: string, over: Partial<LintConfig> = {}) {
  const r = await lintText('Dockerfile', text, { rules: [rule], config: { ...config, ...over } });
  return r.findings.map((f) => ({
    code: f.aliases[0],
    line: f.location.kind === 'source' ? f.location.start.line : 0,
    column: f.location.kind === 'source' ? f.location.start.column : 0,
    text: f.location.kind === 'source' ? text.slice(f.location.span.start, f.location.span.end) : '',
    severity: f.severity,
  }));
}

describe('shellcheck (real binary)', () => {
  it('reports at the real line and column inside a multi-line RUN, with mapped severities', async () => {
    const text = df`
      FROM debian:12
      ARG VERSION
      RUN apt-get update \\
       && echo $VERSION \\
       && echo $undefined_var \\
       && cd /tmp
    `;
    expect(await lint(text)).toEqual([
      { code: 'SC2154', line: 5, column: 10, text: '$undefined_var', severity: 'warn' },
      { code: 'SC2086', line: 5, column: 10, text: '$undefined_var', severity: 'info' },
      { code: 'SC2164', line: 6, column: 5, text: 'cd /tmp', severity: 'warn' },
    ]);
  });

  it('knows the ARG/ENV names and the proxy variables; uses the stage SHELL', async () => {
    expect(await lint('FROM debian\nARG foo=1\nENV bar=2\nRUN echo "$foo" "$bar" "$HTTP_PROXY" "$no_proxy"\n')).toEqual([]);
    expect((await lint('FROM debian\nRUN echo "$RANDOM"\n')).map((f) => f.code)).toEqual(['SC3028']);
    expect(await lint('FROM debian\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN echo "$RANDOM"\n')).toEqual([]);
    expect(await lint('FROM debian\nSHELL ["pwsh", "-c"]\nRUN Get-Variable $x | Select-Object\n')).toEqual([]);
  });

  it('heredocs: a quoted body fed to bash is a bash script; line numbers are the Dockerfile lines', async () => {
    expect(await lint("FROM debian\nRUN bash <<'EOF'\nset -e\necho \"$RANDOM\" $zz\nEOF\n")).toEqual([
      { code: 'SC2154', line: 4, column: 16, text: '$zz', severity: 'warn' },
      { code: 'SC2086', line: 4, column: 16, text: '$zz', severity: 'info' },
    ]);
    expect((await lint('FROM debian\nRUN <<EOF\nset -e\nfor f in `ls`; do echo "$f"; done\nEOF\n')).map((f) => [f.code, f.line, f.column])).toEqual([
      ['SC2045', 4, 10],
      ['SC2006', 4, 10],
    ]);
  });

  it('SC codes in the configuration and in pragmas', async () => {
    const text = 'FROM debian\nRUN echo $x\n';
    expect((await lint(text, { rules: { SC2086: { severity: 'off' } } })).map((f) => f.code)).toEqual(['SC2154']);
    expect((await lint(text, { rules: { SC2154: { severity: 'error' } } })).map((f) => f.severity)).toEqual(['error', 'info']);
    expect(await lint('FROM debian\n# hadolint ignore=SC2086,SC2154\nRUN echo $x\n')).toEqual([]);
    expect((await lint(text, { rules: { shellcheck: { options: { exclude: ['SC2086'] } } } })).map((f) => f.code)).toEqual(['SC2154']);
  });

  it('one process per file, whatever the number of RUNs', async () => {
    const runs = Array.from({ length: 40 }, (_, k) => `RUN echo $v${k}`).join('\n');
    const t0 = Date.now();
    const f = await lint(`FROM debian\n${runs}\n`);
    expect(f.length).toBe(80);
    expect(f[0]).toMatchObject({ line: 2, column: 10 });
    expect(f[79]).toMatchObject({ line: 41, column: 10 });
    expect(Date.now() - t0).toBeLessThan(10_000);
  });

  it('a missing binary gives one notice and no findings', async () => {
    resetNotices();
    setShellCheckRunner();
    const over = { rules: { shellcheck: { options: { path: '/nonexistent/shellcheck' } } } };
    expect(await lint('FROM debian\nRUN echo $x\n', over)).toEqual([]);
    expect(await lint('FROM debian\nRUN echo $y\n', over)).toEqual([]);
    expect(pendingNotices()).toEqual([expect.stringMatching(/is not installed/)]);
  });

  it("the docs page's examples", async () => {
    const md = readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'rules', 'shellcheck.md'), 'utf8');
    const section = (h: string) => md.slice(md.indexOf(`\n${h}\n`), md.indexOf('\n## ', md.indexOf(`\n${h}\n`) + 3));
    const blocks = (s: string) => [...s.matchAll(/```dockerfile\n([\s\S]*?)```/g)].map((m) => m[1]);
    const incorrect = blocks(section('## Incorrect'));
    const correct = blocks(section('## Correct'));
    expect(incorrect.length).toBeGreaterThan(0);
    for (const b of incorrect) expect((await lint(b)).length, b).toBeGreaterThan(0);
    for (const b of correct) expect(await lint(b), b).toEqual([]);
  });
});
