import { describe, expect, it } from 'vitest';
import { df } from '../helpers/df.js';
import { findings, run } from './helpers.js';

describe('apt-one-layer', () => {
  it('merges a lone apt-get update into the install RUN and adds -y; lists removed when no cache mount', async () => {
    const r = await run(
      df`
        FROM debian:bookworm
        RUN apt-get update
        RUN apt-get install curl
      `,
      { only: ['apt-one-layer'] },
    );
    expect(r.output).toBe(df`
      FROM debian:bookworm
      RUN apt-get update && \\
          apt-get install -y curl && \\
          rm -rf /var/lib/apt/lists/*
    `);
    expect(r.rewrites.map((w) => [w.id, w.applicability])).toEqual([['apt-one-layer', 'safe']]);
  });

  it('leaves the lists to the cache mounts when those are on', async () => {
    const r = await run(df`
      FROM debian:bookworm
      RUN apt-get update
      RUN apt-get install -y curl
    `, { only: ['apt-one-layer', 'cache-mounts'] });
    expect(r.output).toBe(df`
      FROM debian:bookworm
      RUN --mount=type=cache,target=/var/cache/apt,sharing=locked \\
          --mount=type=cache,target=/var/lib/apt,sharing=locked \\
          apt-get update && \\
          apt-get install -y curl
    `);
  });

  it('does not merge an update RUN followed by something else', async () => {
    const text = df`
      FROM debian:bookworm
      RUN apt-get update
      COPY a /a
      RUN apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
    `;
    const r = await run(text, { only: ['apt-one-layer'] });
    expect(r.output).toContain('RUN apt-get update && rm -rf /var/lib/apt/lists/*\nCOPY a /a');
  });
});

describe('apt-no-recommends', () => {
  it('adds --no-install-recommends and is marked for review', async () => {
    const r = await run('FROM debian:bookworm\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n', { only: ['apt-no-recommends'] });
    expect(r.output).toBe('FROM debian:bookworm\nRUN apt-get update && apt-get install --no-install-recommends -y curl && rm -rf /var/lib/apt/lists/*\n');
    expect(r.rewrites[0].applicability).toBe('unsafe');
    expect(r.rewrites[0].notes.join(' ')).toMatch(/recommended package/);
  });
});

describe('manifests-first', () => {
  it('copies package.json and the lock (only files that exist) and installs before the sources', async () => {
    const text = df`
      FROM node:20-slim
      WORKDIR /app
      COPY . .
      RUN npm ci
      RUN npm run build
    `;
    const r = await run(text, { only: ['manifests-first'] }, { 'package.json': '{"scripts":{"build":"tsc"}}', 'package-lock.json': '{}' });
    expect(r.output).toBe(df`
      FROM node:20-slim
      WORKDIR /app
      COPY package.json package-lock.json ./
      RUN npm ci
      COPY . .
      RUN npm run build
    `);
    expect(r.rewrites[0].applicability).toBe('safe');
  });

  it('is marked for review when npm lifecycle scripts run during the install', async () => {
    const r = await run('FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm ci\n', { only: ['manifests-first'] }, { 'package.json': '{"scripts":{"postinstall":"node fix.js"}}' });
    expect(r.rewrites[0].applicability).toBe('unsafe');
    expect(r.rewrites[0].notes[0]).toMatch(/postinstall/);
  });

  it('adds a go mod download step with go.mod (and no go.sum when the context has none)', async () => {
    const r = await run('FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build -o /app .\n', { only: ['manifests-first'] }, { 'go.mod': 'module x\n' });
    expect(r.output).toBe('FROM golang:1.22\nWORKDIR /src\nCOPY go.mod ./\nRUN go mod download\nCOPY . .\nRUN go build -o /app .\n');
  });

  it('is not offered when the manifests are not in the build context', async () => {
    const r = await run('FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm ci\n', { only: ['manifests-first'] }, {});
    expect(r.rewrites).toEqual([]);
  });
});

describe('cache-mounts', () => {
  it('mounts the pip cache and drops --no-cache-dir', async () => {
    const r = await run('FROM python:3.12\nRUN pip install --no-cache-dir -r requirements.txt\n', { only: ['cache-mounts'] });
    expect(r.output).toBe('FROM python:3.12\nRUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt\n');
  });

  it('mounts the apt caches and removes the list cleanup and apt-get clean', async () => {
    const r = await run('FROM debian:bookworm\nRUN apt-get update && apt-get install -y curl && apt-get clean && rm -rf /var/lib/apt/lists/*\n', { only: ['cache-mounts'] });
    expect(r.output).toBe(
      'FROM debian:bookworm\nRUN --mount=type=cache,target=/var/cache/apt,sharing=locked \\\n    --mount=type=cache,target=/var/lib/apt,sharing=locked \\\n    apt-get update && apt-get install -y curl\n',
    );
  });

  it('mounts the npm, Go and Cargo caches', async () => {
    const r = await run('FROM debian:bookworm\nRUN npm ci\nRUN go build -o /x .\nRUN cargo build --release\n', { only: ['cache-mounts'] });
    expect(r.output).toContain('RUN --mount=type=cache,target=/root/.npm npm ci');
    expect(r.output).toContain('--mount=type=cache,target=/root/go/pkg/mod');
    expect(r.output).toContain('--mount=type=cache,target=/root/.cache/go-build');
    expect(r.output).toContain('--mount=type=cache,target=/root/.cargo/registry');
  });

  it('never adds a # syntax= line', async () => {
    const r = await run('FROM debian:bookworm\nRUN npm ci\n', { only: ['cache-mounts'] });
    expect(r.output).not.toMatch(/syntax=/);
  });

  it('falls back to removing the apt lists where no mount can be added (unknown non-root user)', async () => {
    const r = await run('FROM debian:bookworm\nUSER someone\nRUN apt-get update && apt-get install -y curl\n', { only: ['cache-mounts'] });
    expect(r.output).toBe('FROM debian:bookworm\nUSER someone\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n');
  });
});

describe('pip-no-cache', () => {
  it('adds --no-cache-dir when cache mounts are skipped', async () => {
    const r = await run('FROM python:3.12\nRUN pip install -r requirements.txt\n', { skip: ['cache-mounts'] });
    expect(r.output).toBe('FROM python:3.12\nRUN pip install --no-cache-dir -r requirements.txt\n');
  });
});

describe('merge-runs', () => {
  it('merges consecutive build steps but never a dependency install', async () => {
    const text = df`
      FROM debian:bookworm
      RUN npm ci
      RUN make
      RUN make install
    `;
    const r = await run(text, { only: ['merge-runs'] });
    expect(r.output).toBe(df`
      FROM debian:bookworm
      RUN npm ci
      RUN make && \\
          make install
    `);
  });

  it('does not merge RUNs with different flags or heredocs', async () => {
    const text = 'FROM debian:bookworm\nRUN --network=none make\nRUN make install\nRUN <<EOF\necho hi\nEOF\nRUN true\n';
    const r = await run(text, { only: ['merge-runs'] });
    expect(r.rewrites).toEqual([]);
  });
});

describe('dockerignore', () => {
  it('proposes a .dockerignore for a whole-context COPY when none exists', async () => {
    const r = await run('FROM node:20\nWORKDIR /app\nCOPY . .\n', { only: ['dockerignore'] }, { 'package.json': '{}' });
    expect(r.dockerignore).toMatch(/^\.git$/m);
    expect(r.dockerignore).toMatch(/node_modules/);
    expect(r.rewrites[0]).toMatchObject({ id: 'dockerignore', file: '.dockerignore', applicability: 'unsafe' });
  });

  it('is not proposed when .dockerignore exists', async () => {
    const r = await run('FROM node:20\nCOPY . .\n', { only: ['dockerignore'] }, { '.dockerignore': '.git\n' });
    expect(r.dockerignore).toBeUndefined();
  });

  it('never excludes a path a COPY names', async () => {
    const r = await run('FROM node:20\nCOPY . .\nCOPY dist /srv/dist\n', { only: ['dockerignore'] }, { 'package.json': '{}' });
    expect(r.dockerignore).not.toMatch(/^dist$/m);
  });
});

describe('the whole pipeline', () => {
  const text = df`
    FROM debian:bookworm
    RUN apt-get update
    RUN apt-get install -y golang-go
    WORKDIR /src
    COPY . .
    ENV CGO_ENABLED=0
    RUN go build -o /usr/local/bin/app .
    CMD ["app"]
  `;
  const files = { 'go.mod': 'module x\n', 'main.go': 'package main\n' };

  it('lints with fewer findings, and a second run proposes nothing new', async () => {
    const r = await run(text, {}, files);
    expect(await findings(r.output, files)).toBeLessThan(await findings(text, files));
    const again = await run(r.output, {}, { ...files, '.dockerignore': r.dockerignore! });
    expect(again.rewrites).toEqual([]);
    expect(again.output).toBe(r.output);
  });

  it('keeps the input untouched with --only for a rewrite that does not apply', async () => {
    const r = await run('FROM scratch\nCOPY x /x\n', { only: ['multi-stage'] });
    expect(r.rewrites).toEqual([]);
    expect(r.output).toBe('FROM scratch\nCOPY x /x\n');
  });
});
