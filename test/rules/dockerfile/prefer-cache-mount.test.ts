import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../../src/engine/config.js';
import { fixText } from '../../../src/engine/fix.js';
import apkNoCache from '../../../src/rules/dockerfile/apk-no-cache.js';
import aptListsCleanup from '../../../src/rules/dockerfile/apt-lists-cleanup.js';
import noPackageCache from '../../../src/rules/dockerfile/no-package-cache-in-layer.js';
import pipNoCacheDir from '../../../src/rules/dockerfile/pip-no-cache-dir.js';
import rule from '../../../src/rules/dockerfile/prefer-cache-mount.js';
import { df } from '../../helpers/df.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    'FROM python:3.12\nRUN --mount=type=cache,target=/root/.cache/pip pip install flask\n',
    'FROM python:3.12\nRUN --mount=type=cache,target=/root/.cache pip install flask\n',
    'FROM node:20\nRUN --mount=type=cache,target=/root/.npm npm ci\n',
    'FROM node:20\nENV npm_config_cache=/cache/npm\nRUN --mount=type=cache,target=/cache/npm npm ci\n',
    df`
      FROM debian:bookworm
      RUN --mount=type=cache,target=/var/cache/apt,sharing=locked \\
          --mount=type=cache,target=/var/lib/apt,sharing=locked \\
          apt-get update && apt-get install -y curl
    `,
    'FROM golang:1.22\nRUN --mount=type=cache,target=/go/pkg/mod --mount=type=cache,target=/root/.cache/go-build go build ./...\n',
    'FROM golang:1.22\nRUN --mount=type=cache,target=/go/pkg/mod go mod download\n',
    'FROM alpine\nRUN echo hello\n',
    'FROM node:20\nRUN npm run test\n',
    'FROM debian\nRUN apt-get update\n',
    { name: 'exec form is not inspected', code: 'FROM node:20\nRUN ["npm", "ci"]\n' },
    { name: 'mount target with an ENV HOME', code: 'FROM node:20\nENV HOME=/home/node\nUSER node\nRUN --mount=type=cache,target=$HOME/.npm,uid=1000 npm ci\n' },
    { name: 'mount target with a build argument', code: 'FROM python:3.12\nARG CACHE=/c\nENV PIP_CACHE_DIR=/c\nRUN --mount=type=cache,target=${CACHE} pip install x\n' },
    { name: 'Windows images have no RUN --mount', code: 'FROM mcr.microsoft.com/dotnet/sdk:8.0-windowsservercore-ltsc2022\nRUN dotnet restore\n' },
    {
      name: 'a stage whose SHELL is Windows PowerShell runs on Windows, whatever its base is called',
      code: 'FROM python:3.11.9\nSHELL ["powershell", "-Command"]\nRUN pip install -r requirements.txt\n',
    },
    {
      name: 'cmd as SHELL in the stage this one is built on',
      code: 'FROM python:3.11 AS base\nSHELL ["cmd", "/S", "/C"]\nFROM base\nRUN pip install -r requirements.txt\n',
    },
  ],
  invalid: [
    {
      name: 'PowerShell 7 (pwsh) also runs on Linux: still a cache mount',
      code: 'FROM python:3.12\nSHELL ["pwsh", "-Command"]\nRUN pip install -r requirements.txt\n',
      errors: [{ line: 3 }],
      fix: 'unsafe',
    },
    {
      name: 'pip: mount added, --no-cache-dir dropped',
      code: 'FROM python:3.12\nRUN pip install --no-cache-dir flask\n',
      errors: [{ messageId: 'noCacheMount', line: 2, column: 5, text: 'pip install --no-cache-dir flask' }],
      fix: 'unsafe',
      output: null,
      unsafeOutput: 'FROM python:3.12\nRUN --mount=type=cache,target=/root/.cache/pip pip install flask\n',
    },
    {
      name: 'apt: both mounts, lists cleanup dropped, multi-line',
      code: df`
        FROM debian:bookworm
        RUN apt-get update \\
         && apt-get install -y --no-install-recommends curl \\
         && rm -rf /var/lib/apt/lists/*
      `,
      errors: [{ line: 3, column: 5, text: 'apt-get install -y --no-install-recommends curl' }],
      unsafeOutput: df`
        FROM debian:bookworm
        RUN --mount=type=cache,target=/var/cache/apt,sharing=locked \\
            --mount=type=cache,target=/var/lib/apt,sharing=locked \\
            apt-get update \\
         && apt-get install -y --no-install-recommends curl
      `,
    },
    {
      name: 'apt without update in the same RUN: no fix (the mount would hide the lists)',
      code: 'FROM debian\nRUN apt-get update\nRUN apt-get install -y curl\n',
      errors: [{ line: 3, column: 5 }],
      fix: null,
    },
    {
      name: 'apk --no-cache dropped, CRLF preserved',
      code: 'FROM alpine:3.20\r\nRUN apk add --no-cache curl\r\n',
      errors: [{ text: 'apk add --no-cache curl' }],
      unsafeOutput: 'FROM alpine:3.20\r\nRUN --mount=type=cache,target=/var/cache/apk apk add curl\r\n',
    },
    {
      name: 'multi-line RUN with CRLF: one flag per continuation line',
      code: 'FROM node:20\r\nRUN npm ci \\\r\n && npm run build\r\n',
      errors: [{ text: 'npm ci' }],
      unsafeOutput: 'FROM node:20\r\nRUN --mount=type=cache,target=/root/.npm \\\r\n    npm ci \\\r\n && npm run build\r\n',
    },
    {
      name: 'npm: cache clean dropped; non-root USER node resolves HOME and uid',
      code: 'FROM node:20\nUSER node\nRUN npm ci && npm cache clean --force\n',
      errors: [{ text: 'npm ci' }],
      unsafeOutput: 'FROM node:20\nUSER node\nRUN --mount=type=cache,target=/home/node/.npm,uid=1000,gid=1000 npm ci\n',
    },
    {
      name: 'BuildKit does not expand ~ in a mount target',
      code: 'FROM node:20\nRUN --mount=type=cache,target=~/.npm npm ci\n',
      errors: 1,
    },
    {
      name: 'unknown non-root user: report without a fix',
      code: 'FROM node:20\nUSER app2\nRUN npm ci\n',
      errors: [{ text: 'npm ci' }],
      fix: null,
    },
    {
      name: 'honours PIP_CACHE_DIR',
      code: 'FROM python:3.12\nENV PIP_CACHE_DIR=/pipcache\nRUN pip install -r requirements.txt\n',
      errors: 1,
      unsafeOutput: 'FROM python:3.12\nENV PIP_CACHE_DIR=/pipcache\nRUN --mount=type=cache,target=/pipcache pip install -r requirements.txt\n',
    },
    {
      name: 'go build: module and build cache on golang images',
      code: 'FROM golang:1.22 AS build\nRUN go build -o /out/app .\n',
      errors: [{ text: 'go build -o /out/app .' }],
      unsafeOutput: 'FROM golang:1.22 AS build\nRUN --mount=type=cache,target=/go/pkg/mod \\\n    --mount=type=cache,target=/root/.cache/go-build \\\n    go build -o /out/app .\n',
    },
    {
      name: 'only the missing mount is added',
      code: 'FROM golang:1.22\nRUN --mount=type=cache,target=/go/pkg/mod go build .\n',
      errors: 1,
      unsafeOutput: 'FROM golang:1.22\nRUN --mount=type=cache,target=/go/pkg/mod --mount=type=cache,target=/root/.cache/go-build go build .\n',
    },
    {
      name: 'one finding per manager: pip and npm in one RUN',
      code: 'FROM node:20\nRUN npm ci && npm install -g pnpm && python3 -m pip install x\n',
      errors: [{ text: 'npm ci' }, { text: 'python3 -m pip install x' }],
    },
    {
      name: 'cargo, rust image CARGO_HOME',
      code: 'FROM rust:1.79\nRUN cargo build --release\n',
      errors: 1,
      unsafeOutput: 'FROM rust:1.79\nRUN --mount=type=cache,target=/usr/local/cargo/registry \\\n    --mount=type=cache,target=/usr/local/cargo/git/db \\\n    cargo build --release\n',
    },
    {
      name: 'maven, gradle, bundler, composer',
      code: 'FROM x\nRUN mvn -B package\nRUN ./gradlew build\nRUN bundle install\nRUN composer install\n',
      errors: [{ line: 2 }, { line: 3 }, { line: 4 }, { line: 5 }],
      unsafeOutput:
        'FROM x\nRUN --mount=type=cache,target=/root/.m2/repository mvn -B package\nRUN --mount=type=cache,target=/root/.gradle/caches ./gradlew build\nRUN --mount=type=cache,target=/root/.gem bundle install\nRUN --mount=type=cache,target=/root/.cache/composer composer install\n',
    },
    {
      name: 'heredoc',
      code: 'FROM node:20\nRUN <<EOF\nset -e\nyarn install --frozen-lockfile\nyarn cache clean\nEOF\n',
      errors: [{ line: 4, column: 1, text: 'yarn install --frozen-lockfile' }],
      unsafeOutput: 'FROM node:20\nRUN --mount=type=cache,target=/root/.cache/yarn <<EOF\nset -e\nyarn install --frozen-lockfile\nEOF\n',
    },
    {
      name: 'ONBUILD RUN',
      code: 'FROM node:20\nONBUILD RUN npm ci\n',
      errors: [{ line: 2, column: 13, text: 'npm ci' }],
      unsafeOutput: 'FROM node:20\nONBUILD RUN --mount=type=cache,target=/root/.npm npm ci\n',
    },
    {
      name: 'a cache mount defeated by --no-cache-dir',
      code: 'FROM python:3.12\nRUN --mount=type=cache,target=/root/.cache/pip pip install --no-cache-dir flask\n',
      errors: [{ messageId: 'defeated', text: '--no-cache-dir' }],
      unsafeOutput: 'FROM python:3.12\nRUN --mount=type=cache,target=/root/.cache/pip pip install flask\n',
    },
    {
      name: 'rm inside the mounted apt cache',
      code: 'FROM debian\nRUN --mount=type=cache,target=/var/cache/apt,sharing=locked --mount=type=cache,target=/var/lib/apt,sharing=locked apt-get update && apt-get install -y x && rm -rf /var/lib/apt/lists/* /tmp/x\n',
      errors: [{ messageId: 'defeated', text: '/var/lib/apt/lists/*' }],
      unsafeOutput: 'FROM debian\nRUN --mount=type=cache,target=/var/cache/apt,sharing=locked --mount=type=cache,target=/var/lib/apt,sharing=locked apt-get update && apt-get install -y x && rm -rf /tmp/x\n',
    },
  ],
});

describe('together with the cleanup rules', () => {
  const rules = [rule, pipNoCacheDir, apkNoCache, aptListsCleanup, noPackageCache];
  const config = { ...DEFAULT_CONFIG, preset: 'none' as const, rules: Object.fromEntries(rules.map((r) => [r.meta.id, { severity: r.meta.severity }])) };
  const fixAll = async (code: string) => (await fixText('Dockerfile', code, { rules, config }, new Set(['safe', 'unsafe']))).output;

  it.each([
    ['FROM python:3.12\nRUN pip install flask\n', 'FROM python:3.12\nRUN --mount=type=cache,target=/root/.cache/pip pip install flask\n'],
    ['FROM alpine:3.20\nRUN apk add curl\n', 'FROM alpine:3.20\nRUN --mount=type=cache,target=/var/cache/apk apk add curl\n'],
    ['FROM node:20\nRUN npm ci\n', 'FROM node:20\nRUN --mount=type=cache,target=/root/.npm npm ci\n'],
    [
      'FROM debian\nRUN apt-get update && apt-get install -y curl\n',
      'FROM debian\nRUN --mount=type=cache,target=/var/cache/apt,sharing=locked \\\n    --mount=type=cache,target=/var/lib/apt,sharing=locked \\\n    apt-get update && apt-get install -y curl\n',
    ],
  ])('converges without a self-defeating cleanup: %s', async (code, expected) => {
    const out = await fixAll(code);
    expect(out).toBe(expected);
    expect(await fixAll(out)).toBe(out);
  });
});
