import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { pendingNotices, resetNotices } from '../../../src/core/notices.js';
import { DEFAULT_CONFIG, type LintConfig } from '../../../src/engine/config.js';
import { lintText } from '../../../src/engine/lint-dockerfile.js';
import {
  commentSpan,
  dialectOf,
  prepareScript,
  setShellCheckRunner,
  shebangProgram,
  spawnRunner,
  type ShellCheckComment,
  type ShellCheckRunner,
} from '../../../src/dockerfile/shellcheck.js';
import rule from '../../../src/rules/dockerfile/shellcheck.js';
import { df } from '../../helpers/df.js';
import { ruleTester } from '../../helpers/rule-tester.js';

/**
 * A stand-in for the binary: SC2154 (warning) for every `$name` the script neither exports nor assigns,
 * SC2006 (style) for backticks, SC3028 (warning) for $RANDOM in sh. Positions as json1 reports them.
 */
const calls: string[][] = [];
const fake: ShellCheckRunner = (scripts, options) => {
  calls.push([...scripts]);
  return {
    ok: true,
    comments: scripts.map((s) => {
      const out: ShellCheckComment[] = [];
      const lines = s.split('\n');
      const exported = new Set([...s.matchAll(/^export (\w+)=1$/gm)].map((m) => m[1]));
      const assigned = new Set([...s.matchAll(/(?:^|[\s;&|])(\w+)=/g)].map((m) => m[1]));
      const dialect = /^#!\/bin\/(\w+)/.exec(s)?.[1];
      lines.forEach((l, k) => {
        if (k === 0 || l.startsWith('export ')) return;
        const chars = Array.from(l);
        const text = chars.join('');
        for (const m of text.matchAll(/\$\{?([A-Za-z_]\w*)/g)) {
          const col = Array.from(text.slice(0, m.index)).length + 1;
          const end = col + Array.from(m[0]).length + (m[0].startsWith('${') ? 1 : 0);
          if (m[1] === 'RANDOM') {
            if (dialect === 'sh' || dialect === 'dash') out.push({ line: k + 1, column: col, endLine: k + 1, endColumn: end, level: 'warning', code: 3028, message: 'In POSIX sh, RANDOM is undefined.' });
            continue;
          }
          if (/^[A-Z_]+$/.test(m[1]) || exported.has(m[1]) || assigned.has(m[1])) continue;
          if (options.exclude.includes('SC2154')) continue;
          out.push({ line: k + 1, column: col, endLine: k + 1, endColumn: end, level: 'warning', code: 2154, message: `${m[1]} is referenced but not assigned.` });
        }
        for (const m of text.matchAll(/`[^`]*`/g)) {
          const col = Array.from(text.slice(0, m.index)).length + 1;
          out.push({ line: k + 1, column: col, endLine: k + 1, endColumn: col + Array.from(m[0]).length, level: 'style', code: 2006, message: 'Use $(...) notation instead of legacy backticks `...`.' });
        }
      });
      return out;
    }),
  };
};

setShellCheckRunner(fake);
afterAll(() => setShellCheckRunner());

describe('prepareScript and commentSpan', () => {
  it('declares the variables after a shebang for the dialect', () => {
    const p = prepareScript({ text: 'echo "$b"', map: [...Array(10).keys()] }, 'bash', ['b', 'a', 'not-a-name', 'a']);
    expect(p.text).toBe('#!/bin/bash\nexport a=1\nexport b=1\necho "$b"\n');
    expect(p.preludeLines).toBe(3);
  });

  it('maps a (line, column) of the script back through the logical map', () => {
    // `RUN echo a \` + `\n  && echo $x`: the logical text joins the lines
    const src = 'RUN echo a \\\n  && echo $x\n';
    const text = 'echo a   && echo $x';
    const map = [4, 5, 6, 7, 8, 9, 10, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25];
    expect(text.length + 1).toBe(map.length);
    const p = prepareScript({ text, map }, 'sh', []);
    const s = commentSpan(p, { line: 2, column: 18, endLine: 2, endColumn: 20 })!;
    expect(src.slice(s.start, s.end)).toBe('$x');
  });

  it('drops carriage returns and counts astral characters as one column', () => {
    const text = 'echo 😀 $x\r\necho $y\r\n';
    const map = [...Array(text.length + 1).keys()];
    const p = prepareScript({ text, map }, 'sh', []);
    expect(p.body).toBe('echo 😀 $x\necho $y\n');
    const a = commentSpan(p, { line: 2, column: 8, endLine: 2, endColumn: 10 })!;
    expect(text.slice(a.start, a.end)).toBe('$x');
    const b = commentSpan(p, { line: 3, column: 6, endLine: 3, endColumn: 8 })!;
    expect(text.slice(b.start, b.end)).toBe('$y');
  });

  it('ignores comments in the prelude and clamps columns past the line end', () => {
    const p = prepareScript({ text: 'echo', map: [0, 1, 2, 3, 4] }, 'sh', ['a']);
    expect(commentSpan(p, { line: 2, column: 1, endLine: 2, endColumn: 2 })).toBeUndefined();
    expect(commentSpan(p, { line: 3, column: 40, endLine: 3, endColumn: 41 })).toEqual({ start: 3, end: 4 });
  });

  it('knows the dialects', () => {
    expect(dialectOf('/bin/sh')).toBe('sh');
    expect(dialectOf('/usr/bin/bash')).toBe('bash');
    expect(dialectOf('/bin/ash')).toBe('dash');
    expect(dialectOf('mksh')).toBe('ksh');
    expect(dialectOf('pwsh')).toBe('skip');
    expect(dialectOf('C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe')).toBe('skip');
    expect(dialectOf('cmd.exe')).toBe('skip');
    expect(dialectOf('/bin/zsh')).toBe('unsupported');
    expect(shebangProgram('#!/usr/bin/env bash\necho')).toBe('bash');
    expect(shebangProgram('#!/bin/sh -e\n')).toBe('/bin/sh');
    expect(shebangProgram('echo')).toBeUndefined();
  });
});

ruleTester(rule, {
  valid: [
    'FROM debian\nRUN echo "$HTTP_PROXY" "$no_proxy"\n',
    'FROM debian\nARG foo\nENV bar=1 baz=2\nRUN echo "$foo" "$bar" "$baz"\n',
    'FROM debian\nRUN ["sh", "-c", "echo ok"]\n',
    'FROM debian\nRUN ["foobar", "$f"]\n',
    { name: 'non-POSIX SHELL is skipped', code: 'FROM mcr.microsoft.com/windows\nSHELL ["pwsh", "-c"]\nRUN echo $x\n' },
    { name: 'shell pragma', code: 'FROM mcr.microsoft.com/windows\n# hadolint shell=powershell\nRUN echo $x\n' },
    { name: 'bash SHELL knows RANDOM', code: 'FROM debian\nSHELL ["/bin/bash", "-c"]\nRUN echo $RANDOM\n' },
    { name: 'SHELL inherited through FROM <stage>', code: 'FROM debian AS base\nSHELL ["/bin/bash", "-c"]\nFROM base\nRUN echo $RANDOM\n' },
    { name: 'a python heredoc is not a shell script', code: 'FROM python\nRUN <<EOF\n#!/usr/bin/env python3\nprint($x)\nEOF\n' },
    { name: 'zsh cannot be checked', code: 'FROM debian\nSHELL ["/bin/zsh", "-c"]\nRUN echo $x\n' },
    { name: 'disabled by option', code: 'FROM debian\nRUN echo $x\n', options: { enabled: false } },
    { name: 'excluded code', code: 'FROM debian\nRUN echo $x\n', options: { exclude: ['SC2154'] } },
    { name: 'inline assignment', code: 'FROM debian\nRUN x=1 && echo "$x"\n' },
    { name: 'Windows base image: cmd by default', code: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN echo $x\n' },
    { name: 'PowerShell invoked by the RUN', code: 'FROM debian\nRUN pwsh -Command $x = 1; Write-Host $x\n' },
  ],
  invalid: [
    {
      code: 'FROM debian\nRUN echo $x\n',
      errors: [{ messageId: 'finding', line: 2, column: 10, text: '$x', aliases: ['SC2154'] }],
    },
    {
      name: 'the real line and column inside a multi-line RUN',
      code: df`
        FROM debian
        RUN apt-get update \\
         && echo $missing \\
         && echo done
      `,
      errors: [{ line: 3, column: 10, text: '$missing' }],
    },
    {
      name: 'comment lines inside the continuation',
      code: 'FROM debian\nRUN echo a \\\n# note\n    && echo `date` ${y}\n',
      errors: [
        { line: 4, column: 13, text: '`date`', aliases: ['SC2006'] },
        { line: 4, column: 20, text: '${y}', aliases: ['SC2154'] },
      ],
    },
    {
      name: 'heredoc body',
      code: 'FROM debian\nRUN <<EOF\nset -e\necho $RANDOM\nEOF\n',
      errors: [{ line: 4, column: 6, text: '$RANDOM', aliases: ['SC3028'] }],
    },
    {
      name: 'bash heredoc: sh expands the unquoted body first; each finding once',
      code: 'FROM debian\nRUN bash <<EOF\necho $RANDOM $zz\nEOF\n',
      errors: [
        { line: 3, column: 6, text: '$RANDOM', aliases: ['SC3028'] },
        { line: 3, column: 14, text: '$zz', aliases: ['SC2154'] },
      ],
    },
    {
      name: 'a shebang in a heredoc picks the dialect',
      code: 'FROM debian\nRUN <<EOF\n#!/bin/sh\necho $RANDOM\nEOF\n',
      errors: [{ line: 4, column: 6, text: '$RANDOM' }],
    },
    {
      name: 'ARGs of the previous stage are gone after FROM',
      code: 'FROM debian\nARG foo\nFROM debian\nRUN echo "$foo"\n',
      errors: [{ line: 4, column: 11, text: '$foo' }],
    },
    {
      name: 'ONBUILD: only ENV survives into the child build',
      code: 'FROM debian\nARG foo\nENV bar=1\nONBUILD RUN echo "$foo" "$bar"\n',
      errors: [{ line: 4, column: 19, text: '$foo' }],
    },
    {
      name: 'CRLF',
      code: 'FROM debian\r\nRUN echo a \\\r\n  && echo $x\r\n',
      errors: [{ line: 3, column: 11, text: '$x' }],
    },
    {
      name: 'the shell option overrides SHELL',
      code: 'FROM debian\nSHELL ["/bin/bash", "-c"]\nRUN echo $RANDOM\n',
      options: { shell: 'sh' },
      errors: [{ text: '$RANDOM' }],
    },
    {
      name: 'exec form sh -c',
      code: 'FROM debian\nRUN ["/bin/sh", "-c", "echo $x"]\n',
      errors: [{ line: 2, column: 29, text: '$x' }],
    },
  ],
});

describe('shellcheck rule', () => {
  const config = (over: Partial<LintConfig> = {}): LintConfig => ({ ...DEFAULT_CONFIG, preset: 'all', ...over });
  beforeEach(() => {
    calls.length = 0;
    setShellCheckRunner(fake);
    resetNotices();
  });

  it("maps ShellCheck's levels to severities, per finding", async () => {
    const r = await lintText('Dockerfile', 'FROM debian\nRUN echo `date` $x\n', { rules: [rule], config: config() });
    expect(r.findings.map((f) => [f.aliases[0], f.severity])).toEqual([
      ['SC2006', 'info'],
      ['SC2154', 'warn'],
    ]);
    const o = await lintText('Dockerfile', 'FROM debian\nRUN echo `date` $x\n', {
      rules: [rule],
      config: config({ rules: { shellcheck: { options: { styleSeverity: 'off', warningSeverity: 'error' } } } }),
    });
    expect(o.findings.map((f) => [f.aliases[0], f.severity])).toEqual([['SC2154', 'error']]);
  });

  it('a setting for an SC code wins, also over the rule setting; pragmas take SC codes', async () => {
    const text = 'FROM debian\nRUN echo `date` $x\n';
    const r = await lintText('Dockerfile', text, { rules: [rule], config: config({ rules: { shellcheck: { severity: 'error' }, SC2006: { severity: 'off' } } }) });
    expect(r.findings.map((f) => [f.aliases[0], f.severity])).toEqual([['SC2154', 'error']]);
    const p = await lintText('Dockerfile', 'FROM debian\n# hadolint ignore=SC2154\nRUN echo $x\n', { rules: [rule], config: config() });
    expect(p.findings).toEqual([]);
    expect(p.suppressed).toBe(1);
  });

  it('runs once per file for all RUNs and caches by script', async () => {
    const text = 'FROM debian\nRUN echo $a\nRUN echo $b\nONBUILD RUN echo $c\n';
    const r = await lintText('Dockerfile', text, { rules: [rule], config: config() });
    expect(r.findings.length).toBe(3);
    expect(calls.length).toBe(1);
    expect(calls[0].length).toBe(3);
    await lintText('Dockerfile', text, { rules: [rule], config: config() });
    expect(calls.length).toBe(1);
  });

  it('a missing binary is a notice given once, not findings', async () => {
    let runs = 0;
    setShellCheckRunner(() => {
      runs++;
      return { ok: false, missing: true, message: 'not found' };
    });
    for (let k = 0; k < 3; k++) {
      const r = await lintText('Dockerfile', `FROM debian\nRUN echo $x${k}\n`, { rules: [rule], config: config() });
      expect(r.findings).toEqual([]);
    }
    expect(runs).toBe(1);
    const n = pendingNotices();
    expect(n.length).toBe(1);
    expect(n[0]).toMatch(/ShellCheck \(shellcheck\) is not installed/);
  });

  it('a ShellCheck run that takes longer than the timeout option is stopped, with a notice', async () => {
    const { chmodSync, mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const slow = join(mkdtempSync(join(tmpdir(), 'ballast-slow-sc-')), 'shellcheck');
    writeFileSync(slow, '#!/bin/sh\nsleep 30\n');
    chmodSync(slow, 0o755);
    setShellCheckRunner(spawnRunner);
    const t0 = Date.now();
    const r = await lintText('Dockerfile', 'FROM debian\nRUN echo $x\n', { rules: [rule], config: config({ rules: { shellcheck: { options: { path: slow, timeout: 0.5 } } } }) });
    expect(Date.now() - t0).toBeLessThan(20_000);
    expect(r.findings).toEqual([]);
    expect(pendingNotices().join('\n')).toMatch(/took over 0.5 s .* and was stopped/);
  });
});
