import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sarifValidator } from '../formatters/sarif-schema.js';
import { commands, pullRequestEvent, simulate } from './helpers.js';

const BAD = 'FROM python:3.12\nRUN pip install flask\nUSER app\n';
const CLEAN = 'FROM python:3.12\nRUN pip install --no-cache-dir flask\nUSER app\n';
const ERRORS = 'FROM python:3.12\nWORKDIR app\nUSER app\n';
/** A fixed rule set, so the counts below do not move when rules are added to the presets. */
const RULES = 'extends: none\nrules:\n  pip-no-cache-dir: warn\n  prefer-cache-mount: info\n  require-absolute-workdir: error\n';

describe('action: lint with a simulated runner', () => {
  it('annotates findings, prints the full report, writes outputs and the summary, and fails at warn', async () => {
    const r = await simulate({ files: { '.ballast.yaml': RULES, 'services/api/Dockerfile': BAD, 'web/Dockerfile': CLEAN, 'README.md': '# app\n' }, event: pullRequestEvent() });
    expect(r.code).toBe(1);
    // annotations: workflow commands with workspace-relative files, escaped messages
    const warnings = commands(r.stdout, 'warning');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^::warning file=services\/api\/Dockerfile,line=2,endLine=2,col=5,endColumn=22,title=DF301 pip-no-cache-dir::pip install keeps its cache/);
    expect(warnings[0]).toContain('%0AFix (ballast lint --fix): Add --no-cache-dir%0ADocs: https://');
    // the full report is in the log too (path:line:col), beyond GitHub's 10 annotations
    expect(r.stdout).toContain('services/api/Dockerfile:2:5: warning DF301 pip-no-cache-dir');
    expect(r.stdout).toContain('::error::ballast: 1 finding at or above the failure threshold (warn)');
    expect(r.outputs).toMatchObject({ findings: '3', errors: '0', warnings: '1', 'sarif-file': '', 'image-size': '', 'wasted-bytes': '', efficiency: '' });
    // job summary: headline, findings by rule, the findings with links to the head commit
    expect(r.summary).toContain('## ballast');
    expect(r.summary).toContain('❌ **3 problems** (1 warning, 2 info) in 2 of 2 Dockerfiles; 1 at or above the failure threshold (warn).');
    expect(r.summary).toContain('### Findings by rule');
    expect(r.summary).toMatch(/\| \[pip-no-cache-dir\]\(https:\/\/github\.com\/ballast-tools\/ballast\/blob\/main\/docs\/rules\/pip-no-cache-dir\.md\) \| DF301 \| 🟡 warning \| 1 \| 1 \|/);
    expect(r.summary).toContain('[services/api/Dockerfile:2:5](https://github.com/octo/app/blob/feedfacefeedfacefeedfacefeedfacefeedface/services/api/Dockerfile#L2)');
    expect(r.stdout).not.toMatch(/\x1b\[/);
  });

  it('passes on clean files and reports no problems', async () => {
    const r = await simulate({ files: { '.ballast.yaml': RULES, Dockerfile: CLEAN } });
    expect(r.code).toBe(0);
    expect(commands(r.stdout, 'error')).toEqual([]);
    expect(r.outputs.findings).toBe('1'); // prefer-cache-mount (info) stays below the threshold
    expect(r.summary).toContain('⚠️ **1 problem** (1 info) in 1 of 1 Dockerfile; 0 at or above the failure threshold (warn).');
  });

  it('reads hyphenated inputs (INPUT_FAIL-ON) and the config input', async () => {
    const files = { '.ballast.yaml': RULES, 'docker/Dockerfile': BAD, 'ci/ballast.yaml': 'extends: none\nrules:\n  pip-no-cache-dir: error\n' };
    const strict = await simulate({ files, inputs: { 'fail-on': 'error' } });
    expect(strict.code).toBe(0);
    const withConfig = await simulate({ files, inputs: { 'fail-on': 'error', config: 'ci/ballast.yaml' } });
    expect(withConfig.code).toBe(1);
    expect(commands(withConfig.stdout, 'error')[0]).toMatch(/^::error file=docker\/Dockerfile,line=2,.*title=DF301 pip-no-cache-dir::/);
    expect(withConfig.outputs).toMatchObject({ findings: '1', errors: '1', warnings: '0' });
    const none = await simulate({ files: { '.ballast.yaml': RULES, Dockerfile: ERRORS }, inputs: { 'fail-on': 'none' } });
    expect(none.code).toBe(0);
    expect(none.outputs.errors).toBe('1');
  });

  it('finds the nearest .ballast.yaml above each Dockerfile, as the CLI does', async () => {
    const r = await simulate({ files: { 'a/Dockerfile': BAD, 'b/Dockerfile': BAD, 'b/.ballast.yaml': 'rules:\n  pip-no-cache-dir: off\n' } });
    expect(r.stdout).toContain('a/Dockerfile:2:5: warning DF301');
    expect(r.stdout).not.toContain('b/Dockerfile:2:5: warning DF301');
  });

  it('dockerfiles: globs, lists (newline or comma), exclusions; patterns matching nothing are warnings', async () => {
    const files = { 'a/Dockerfile': BAD, 'b/Dockerfile.prod': BAD, 'c/app.dockerfile': BAD, 'vendor/Dockerfile': BAD };
    const r = await simulate({ files, inputs: { dockerfiles: '**/Dockerfile*\n  c/app.dockerfile, missing/*.dockerfile\n!vendor/**' } });
    expect(r.stdout).toContain('a/Dockerfile:2:5');
    expect(r.stdout).toContain('b/Dockerfile.prod:2:5');
    expect(r.stdout).toContain('c/app.dockerfile:2:5');
    expect(r.stdout).not.toContain('vendor/Dockerfile:2:5');
    expect(commands(r.stdout, 'warning').filter((l) => l.startsWith('::warning::'))).toEqual(['::warning::ballast: dockerfiles: no files match missing/*.dockerfile']);
    expect(r.summary).toContain('> dockerfiles: no files match missing/*.dockerfile');
    // default: every Dockerfile in the repository
    const all = await simulate({ files });
    expect(all.stdout).toContain('vendor/Dockerfile:2:5');
    expect(all.stdout).toContain('in 4 files');
  });

  it('annotate: false and summary: false turn those off; the log report stays', async () => {
    const r = await simulate({ files: { Dockerfile: BAD }, inputs: { annotate: 'false', summary: 'false' } });
    expect(commands(r.stdout, 'warning')).toEqual([]);
    expect(r.stdout).toContain('Dockerfile:2:5: warning DF301 pip-no-cache-dir');
    expect(r.summary).toBe('');
    expect(r.code).toBe(1);
  });

  it('a bad input or configuration fails with one clear error', async () => {
    const bool = await simulate({ files: { Dockerfile: CLEAN }, inputs: { annotate: 'yes' } });
    expect(bool.code).toBe(1);
    expect(bool.stdout).toBe('::error::ballast: input "annotate" must be true or false (got "yes")\n');
    const failOn = await simulate({ files: { Dockerfile: CLEAN }, inputs: { 'fail-on': 'sometimes' } });
    expect(failOn.stdout).toContain('::error::ballast: input "fail-on" must be one of info, warn, error, none (got "sometimes")');
    const config = await simulate({ files: { Dockerfile: CLEAN, '.ballast.yaml': 'rules:\n  pip-no-cache-dri: off\n' } });
    expect(config.code).toBe(1);
    expect(config.stdout).toMatch(/^::error::ballast: .*\.ballast\.yaml:2:3: unknown rule "pip-no-cache-dri" \(did you mean "pip-no-cache-dir"\?\)/m);
    const missing = await simulate({ files: { Dockerfile: CLEAN }, inputs: { config: 'nope.yaml' } });
    expect(missing.stdout).toContain('::error::ballast: input "config": nope.yaml: configuration file not found');
  });

  it('writes SARIF 2.1.0 that validates against the schema, with repository-relative URIs', async () => {
    const r = await simulate({ files: { '.ballast.yaml': RULES, 'services/api/Dockerfile': BAD, 'web/Dockerfile': ERRORS }, inputs: { 'sarif-file': 'reports/ballast.sarif' } });
    const path = join(r.workspace, 'reports', 'ballast.sarif');
    expect(r.outputs['sarif-file']).toBe(path);
    const doc = JSON.parse(readFileSync(path, 'utf8')) as { version: string; runs: { tool: { driver: { name: string; rules: { id: string; help?: { markdown?: string } }[] } }; results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] };
    const validate = sarifValidator();
    expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
    expect(doc.version).toBe('2.1.0');
    const run = doc.runs[0];
    expect(run.tool.driver.name).toBe('ballast');
    expect(run.results.map((x) => x.locations[0].physicalLocation.artifactLocation.uri).sort()).toEqual(['services/api/Dockerfile', 'services/api/Dockerfile', 'web/Dockerfile']);
    // rule help is the docs page (read from docs/rules next to the action)
    expect(run.tool.driver.rules.find((x) => x.id === 'pip-no-cache-dir')?.help?.markdown).toMatch(/^# pip-no-cache-dir/m);
  });

  it('outputs use the heredoc form with a delimiter absent from the value', async () => {
    const r = await simulate({ files: { Dockerfile: CLEAN } });
    const blocks = r.outputFile.match(/^[a-z-]+<<ghadelimiter_[0-9a-f-]{36}$/gm) ?? [];
    expect(blocks.map((b) => b.split('<<')[0])).toEqual(['findings', 'errors', 'warnings', 'sarif-file', 'image-size', 'wasted-bytes', 'efficiency']);
  });

  it('escapes workflow-command data and properties (file names with , : % and newlines in messages)', async () => {
    const r = await simulate({ files: { 'odd,name:50%/Dockerfile': BAD } });
    const w = commands(r.stdout, 'warning')[0];
    expect(w).toMatch(/^::warning file=odd%2Cname%3A50%25\/Dockerfile,line=2,/);
    expect(w.split('::').length).toBe(3);
  });

  it('keeps the summary under 1 MiB with thousands of findings, and says what it left out', async () => {
    const lines = ['FROM python:3.12'];
    for (let i = 0; i < 200; i++) lines.push(`RUN pip install flask${i}`, `WORKDIR w${i}`);
    const files: Record<string, string> = { '.ballast.yaml': RULES };
    for (let k = 0; k < 10; k++) files[`svc${k}/Dockerfile`] = `${lines.join('\n')}\n`;
    const r = await simulate({ files });
    expect(Number(r.outputs.findings)).toBeGreaterThan(5000);
    expect(Buffer.byteLength(r.summary)).toBeLessThan(1024 * 1024);
    expect(r.summary).toMatch(/… and \d+ more: see the step log or the SARIF file\./);
    // every finding is still in the log, and GitHub's per-step limit is called out
    expect(r.stdout).toContain('ballast: GitHub shows at most 10 error annotations per step');
  }, 60_000);

  it('no Dockerfiles: a warning, success', async () => {
    const r = await simulate({ files: { 'README.md': 'hi\n' } });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('::warning::ballast: no Dockerfiles found to lint');
    expect(r.outputs.findings).toBe('0');
  });
});
