import { describe, expect, it } from 'vitest';
import { applyEdits } from '../../../src/core/fixer.js';
import rule from '../../../src/rules/dockerfile/no-source-copy-before-install.js';
import { df } from '../../helpers/df.js';
import { ruleTester, runRule } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    df`
      FROM node:20-slim
      WORKDIR /app
      COPY package.json package-lock.json ./
      RUN npm ci
      COPY . .
      RUN npm run build
    `,
    'FROM python:3.12\nWORKDIR /app\nCOPY . .\nRUN pip install .\n',
    'FROM python:3.12\nWORKDIR /app\nCOPY . .\nRUN pip install -e .\n',
    'FROM node:20\nCOPY . .\nRUN npm run build\n',
    'FROM node:20 AS deps\nFROM node:20\nCOPY --from=deps . .\nRUN npm ci\n',
    'FROM golang:1.22\nWORKDIR /src\nCOPY go.mod go.sum ./\nRUN go mod download\nCOPY . .\nRUN go build -o /app .\n',
    { name: 'install in another stage', code: 'FROM node:20 AS a\nCOPY . .\nFROM node:20\nRUN npm ci\n' },
  ],
  invalid: [
    {
      code: 'FROM node:20-slim\nWORKDIR /app\nCOPY . .\nRUN npm ci\nRUN npm run build\n',
      errors: [{ messageId: 'sourceBeforeInstall', line: 3, column: 1, text: 'COPY . .' }],
      fix: 'display-only',
      output: null,
      unsafeOutput: null,
    },
    { name: 'go build after cd: reported, no rewrite (the prefetch would run elsewhere)', code: 'FROM golang:1.22\nCOPY . /src\nRUN cd /src && go build .\n', errors: 1, fix: null },
    { name: 'cargo: report without a fix', code: 'FROM rust:1\nCOPY . .\nRUN cargo build --release\n', errors: 1, fix: null },
  ],
});

async function fixed(code: string, files?: Record<string, string>): Promise<string | undefined> {
  const [f] = await runRule(rule, { code, files });
  expect(f, 'a finding').toBeDefined();
  return f.fix ? applyEdits(code, f.fix.edits) : undefined;
}

describe('no-source-copy-before-install display-only rewrites', () => {
  it('moves the COPY after a standalone npm install, copying the standard manifests first', async () => {
    expect(await fixed('FROM node:20-slim\nWORKDIR /app\nCOPY . .\nRUN npm ci\nRUN npm run build\n')).toBe(
      'FROM node:20-slim\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci\nCOPY . .\nRUN npm run build\n',
    );
  });

  it('uses only manifests that exist in the build context, keeps COPY flags, CRLF', async () => {
    const code = 'FROM node:20\r\nWORKDIR /app\r\nCOPY --chown=node:node . /app\r\nENV NODE_ENV=production\r\nRUN yarn install --frozen-lockfile\r\n';
    expect(await fixed(code, { 'package.json': '{}', 'yarn.lock': '', '.yarnrc.yml': '' })).toBe(
      'FROM node:20\r\nWORKDIR /app\r\nCOPY --chown=node:node package.json yarn.lock .yarnrc.yml /app/\r\nENV NODE_ENV=production\r\nRUN yarn install --frozen-lockfile\r\nCOPY --chown=node:node . /app\r\n',
    );
  });

  it('offers no rewrite when the manifests are missing from the context', async () => {
    expect(await fixed('FROM node:20\nCOPY . .\nRUN npm ci\n', { 'index.js': '' })).toBeUndefined();
  });

  it('splits a RUN that installs and then builds', async () => {
    const code = df`
      FROM node:20
      WORKDIR /app
      COPY . .
      RUN --mount=type=cache,target=/root/.npm npm ci \\
       && npm run build
    `;
    expect(await fixed(code)).toBe(df`
      FROM node:20
      WORKDIR /app
      COPY package.json package-lock.json ./
      RUN --mount=type=cache,target=/root/.npm npm ci
      COPY . .
      RUN --mount=type=cache,target=/root/.npm npm run build
    `);
  });

  it('pip: copies the requirement files (and the files they include)', async () => {
    const code = 'FROM python:3.12\nWORKDIR /app\nCOPY . .\nRUN pip install --no-cache-dir -r requirements/prod.txt\nCMD ["python", "app.py"]\n';
    const files = { 'requirements/prod.txt': '-r base.txt\nflask\n', 'requirements/base.txt': 'requests\n' };
    expect(await fixed(code, files)).toBe(
      'FROM python:3.12\nWORKDIR /app\nCOPY requirements/prod.txt ./requirements/prod.txt\nCOPY requirements/base.txt ./requirements/base.txt\nRUN pip install --no-cache-dir -r requirements/prod.txt\nCOPY . .\nCMD ["python", "app.py"]\n',
    );
  });

  it('go build: inserts a go mod download step before the sources', async () => {
    expect(await fixed('FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build -o /app .\n')).toBe(
      'FROM golang:1.22\nWORKDIR /src\nCOPY go.mod go.sum ./\nRUN go mod download\nCOPY . .\nRUN go build -o /app .\n',
    );
  });

  it('maven package: dependency:go-offline first', async () => {
    expect(await fixed('FROM maven:3-eclipse-temurin-21\nWORKDIR /src\nCOPY . .\nRUN mvn -B package\n', { 'pom.xml': '<project/>' })).toBe(
      'FROM maven:3-eclipse-temurin-21\nWORKDIR /src\nCOPY pom.xml ./\nRUN mvn -B dependency:go-offline\nCOPY . .\nRUN mvn -B package\n',
    );
  });

  it('no rewrite when a RUN between the COPY and the install may read the sources', async () => {
    expect(await fixed('FROM node:20\nCOPY . .\nRUN ./prepare.sh\nRUN npm ci\n')).toBeUndefined();
  });

  it('points the related location at the install', async () => {
    const [f] = await runRule(rule, { code: 'FROM node:20\nCOPY . .\nRUN pnpm install\n' });
    expect(f.related?.[0].location.kind === 'source' && f.related[0].location.start.line).toBe(3);
  });
});
