import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { readInputs } from '../../src/action/run.js';
import { formatOutput, getBooleanInput, getInput, getListInput, inputEnvName, InputError } from '../../src/action/runtime.js';
import { cell, codeCell } from '../../src/action/markdown.js';
import { parseOutputFile } from './helpers.js';

const ROOT = join(import.meta.dirname, '..', '..');

describe('action runtime: inputs', () => {
  it('names inputs as the runner does: INPUT_ + upper case, spaces to _, hyphens kept', () => {
    expect(inputEnvName('fail-on')).toBe('INPUT_FAIL-ON');
    expect(inputEnvName('dockerfile-for-image')).toBe('INPUT_DOCKERFILE-FOR-IMAGE');
    expect(inputEnvName('a b')).toBe('INPUT_A_B');
    expect(getInput({ 'INPUT_FAIL-ON': '  error \n' }, 'fail-on')).toBe('error');
    expect(getInput({}, 'fail-on')).toBe('');
  });

  it('booleans: the YAML 1.2 core forms only; empty is the default', () => {
    for (const t of ['true', 'True', 'TRUE']) expect(getBooleanInput({ INPUT_ANNOTATE: t }, 'annotate', false)).toBe(true);
    for (const f of ['false', 'False', 'FALSE']) expect(getBooleanInput({ INPUT_ANNOTATE: f }, 'annotate', true)).toBe(false);
    expect(getBooleanInput({}, 'annotate', true)).toBe(true);
    expect(() => getBooleanInput({ INPUT_ANNOTATE: 'yes' }, 'annotate', true)).toThrow(InputError);
  });

  it('lists: lines and commas, blanks and # comments dropped', () => {
    const env = { INPUT_DOCKERFILES: 'Dockerfile\n# the services\nservices/*/Dockerfile, docker/*.dockerfile ,\n\n  !vendor/**  \r\n' };
    expect(getListInput(env, 'dockerfiles')).toEqual(['Dockerfile', 'services/*/Dockerfile', 'docker/*.dockerfile', '!vendor/**']);
  });

  it('every input of action.yml is read, and every output written, under its action.yml name', () => {
    const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as { inputs: Record<string, { default?: string }>; outputs: Record<string, unknown>; runs: { using: string; main: string } };
    expect(action.runs).toEqual({ using: 'node24', main: 'action/dist/index.js' });
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(action.inputs)) env[inputEnvName(k)] = v.default?.startsWith('${{') ? 'token' : (v.default ?? '');
    const inputs = readInputs(env);
    expect(Object.keys(action.inputs).sort()).toEqual(['annotate', 'comment', 'config', 'dockerfile-for-image', 'dockerfiles', 'fail-on', 'github-token', 'image', 'sarif-file', 'summary']);
    expect(inputs).toMatchObject({ dockerfiles: [], annotate: true, summary: true, comment: false, githubToken: 'token', sarifFile: '', image: '' });
    expect(Object.keys(action.outputs).sort()).toEqual(['efficiency', 'errors', 'findings', 'image-size', 'sarif-file', 'warnings', 'wasted-bytes']);
  });
});

describe('action runtime: outputs and Markdown', () => {
  it('writes outputs in the heredoc form, any value included', () => {
    const value = 'line 1\nline 2 with name<<EOF\n%0A::';
    const text = formatOutput('report', value, 'ghadelimiter_x');
    expect(text).toBe(`report<<ghadelimiter_x\n${value}\nghadelimiter_x\n`);
    expect(parseOutputFile(text)).toEqual({ report: value });
    expect(() => formatOutput('x', 'a ghadelimiter_x b', 'ghadelimiter_x')).toThrow(/delimiter/);
    expect(formatOutput('n', '1')).toMatch(/^n<<ghadelimiter_[0-9a-f-]{36}\n1\nghadelimiter_[0-9a-f-]{36}\n$/);
  });

  it('escapes table cells and code spans', () => {
    expect(cell('a | b <script> & c\nd')).toBe('a \\| b &lt;script&gt; &amp; c<br>d');
    expect(codeCell('RUN a | b')).toBe('`RUN a \\| b`');
    expect(codeCell('echo `date`')).toBe('`` echo `date` ``');
  });
});

describe('action docs', () => {
  it('the example workflows use only inputs and outputs that action.yml declares', () => {
    const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as { inputs: Record<string, unknown>; outputs: Record<string, unknown> };
    for (const name of ['lint-pull-request.yml', 'image-size.yml']) {
      const text = readFileSync(join(ROOT, 'docs', 'examples', name), 'utf8');
      const wf = parse(text) as { jobs: Record<string, { steps: { id?: string; uses?: string; with?: Record<string, unknown> }[] }> };
      const steps = Object.values(wf.jobs).flatMap((j) => j.steps);
      const ours = steps.filter((s) => s.uses?.startsWith('ballast-tools/ballast@'));
      expect(ours.length, name).toBe(1);
      for (const k of Object.keys(ours[0].with ?? {})) expect(Object.keys(action.inputs), `${name}: input ${k}`).toContain(k);
      for (const m of text.matchAll(/steps\.ballast\.outputs\.([a-z-]+)/g)) expect(Object.keys(action.outputs), `${name}: output ${m[1]}`).toContain(m[1]);
    }
  });
});
