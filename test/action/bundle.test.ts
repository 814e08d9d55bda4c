/**
 * The committed bundle (action/dist/index.js) as the runner starts it: `node action/dist/index.js`
 * in a separate process, with the current Node (20 here; the runner uses 24), no node_modules
 * reachable from the workspace, inputs and runner files in the environment.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseOutputFile, workspaceWith } from './helpers.js';

const ROOT = join(import.meta.dirname, '..', '..');
const BUNDLE = join(ROOT, 'action', 'dist', 'index.js');

function runBundle(env: Record<string, string>, cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BUNDLE], { cwd, env, encoding: 'utf8', timeout: 60_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout, stderr });
    });
  });
}

describe('action bundle', () => {
  it('exists, with the shell grammar next to it', () => {
    expect(existsSync(BUNDLE)).toBe(true);
    expect(existsSync(join(ROOT, 'action', 'dist', 'tree-sitter.wasm'))).toBe(true);
    expect(existsSync(join(ROOT, 'action', 'dist', 'tree-sitter-bash.wasm'))).toBe(true);
  });

  it('runs in its own process: lints (shell rules included), annotates, writes outputs, summary and SARIF', async () => {
    const ws = workspaceWith({ 'svc/Dockerfile': 'FROM python:3.12\nRUN pip install flask\nUSER app\n', '.ballast.yaml': 'extends: none\nrules:\n  pip-no-cache-dir: warn\n' });
    const runner = mkdtempSync(join(tmpdir(), 'ballast-action-bundle-'));
    writeFileSync(join(runner, 'out'), '');
    writeFileSync(join(runner, 'summary'), '');
    const r = await runBundle(
      {
        PATH: process.env.PATH ?? '',
        HOME: runner,
        NO_COLOR: '1',
        GITHUB_ACTIONS: 'true',
        GITHUB_WORKSPACE: ws,
        GITHUB_OUTPUT: join(runner, 'out'),
        GITHUB_STEP_SUMMARY: join(runner, 'summary'),
        'INPUT_SARIF-FILE': 'ballast.sarif',
        INPUT_ANNOTATE: 'true',
        INPUT_SUMMARY: 'true',
        INPUT_COMMENT: 'false',
      },
      ws,
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^::warning file=svc\/Dockerfile,line=2,endLine=2,col=5,endColumn=22,title=DF301 pip-no-cache-dir::/m);
    expect(r.stdout).toContain('svc/Dockerfile:2:5: warning DF301 pip-no-cache-dir');
    expect(parseOutputFile(readFileSync(join(runner, 'out'), 'utf8'))).toMatchObject({ findings: '1', warnings: '1', errors: '0', 'sarif-file': join(ws, 'ballast.sarif') });
    expect(readFileSync(join(runner, 'summary'), 'utf8')).toContain('### Findings by rule');
    const sarif = JSON.parse(readFileSync(join(ws, 'ballast.sarif'), 'utf8')) as { runs: { tool: { driver: { version: string; rules: { help: { markdown: string } }[] } } }[] };
    // the version and the rule docs come from package.json and docs/rules next to the bundle
    const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
    expect(sarif.runs[0].tool.driver.version).toBe(version);
    expect(sarif.runs[0].tool.driver.rules[0].help.markdown).toMatch(/^# pip-no-cache-dir/m);
  }, 60_000);
});
