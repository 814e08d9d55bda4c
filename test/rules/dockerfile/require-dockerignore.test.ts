import { expect, it } from 'vitest';
import rule from '../../../src/rules/dockerfile/require-dockerignore.js';
import { ruleTester, runRule } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    { name: 'context unknown: skipped', code: 'FROM node:20\nCOPY . .\n' },
    { code: 'FROM node:20\nCOPY . /app\n', files: { '.dockerignore': 'node_modules\n' } },
    { name: 'per-Dockerfile ignore file', code: 'FROM node:20\nCOPY ./ /app\n', files: { 'Dockerfile.dockerignore': '.git\n' } },
    { name: 'specific sources only', code: 'FROM node:20\nCOPY package.json src/ ./\n', files: { 'package.json': '{}' } },
    { name: 'from another stage', code: 'FROM node:20 AS a\nFROM node:20\nCOPY --from=a . .\n', files: { 'package.json': '{}' } },
  ],
  invalid: [
    {
      code: 'FROM node:20\nWORKDIR /app\nCOPY . .\n',
      files: { 'package.json': '{}' },
      errors: [{ messageId: 'missing', line: 3, column: 6, text: '.' }],
      fix: null,
    },
    { name: 'ADD ./ and only the first is reported', code: 'FROM python:3.12\nADD ./ /src\nCOPY . /other\n', files: { 'requirements.txt': 'flask\n' }, errors: [{ line: 2, column: 5, text: './' }] },
    { name: 'ONBUILD COPY', code: 'FROM node:20\nONBUILD COPY . /app\n', files: {}, errors: [{ line: 2, column: 14 }] },
  ],
});

it('suggests a starter tailored to the ecosystem, keeping paths the Dockerfile copies', async () => {
  const [f] = await runRule(rule, { code: 'FROM node:20\nCOPY dist/ /app/dist/\nCOPY . /app\n', files: { 'package.json': '{}' } });
  const starter = String(f.facts?.dockerignore);
  expect(starter).toContain('**/node_modules\n');
  expect(starter).toContain('.git\n');
  expect(starter).not.toMatch(/^dist$/m);
  expect(f.message).toContain('Create .dockerignore with, for example: .git, ');
});
