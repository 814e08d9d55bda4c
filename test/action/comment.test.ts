/**
 * The pull-request comment against a local HTTP server standing in for the GitHub REST API
 * (GITHUB_API_URL=http://127.0.0.1:<port>/api/v3, as on GitHub Enterprise Server).
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { COMMENT_MARKER } from '../../src/action/markdown.js';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dockerArchiveLegacy } from '../layers/helpers/image-builder.js';
import { pullRequestEvent, simulate, workspaceWith } from './helpers.js';

interface StoredComment {
  id: number;
  body: string;
  user: { login: string; type: string };
}

interface Recorded {
  method: string;
  path: string;
  query: string;
  authorization?: string;
  apiVersion?: string;
  body?: unknown;
}

/** Issue comments of octo/app#7, paginated like the real API (per_page, page, Link: rel="next"). */
class FakeGitHub {
  comments: StoredComment[] = [];
  requests: Recorded[] = [];
  nextId = 1000;
  failWith?: number;
  server!: Server;
  base = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/api/v3`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  seed(n: number, body: (i: number) => string = (i) => `a human comment ${i}`): void {
    for (let i = 0; i < n; i++) this.comments.push({ id: this.nextId++, body: body(i), user: { login: `user${i}`, type: 'User' } });
  }

  private async handle(req: IncomingMessage, res: import('node:http').ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const body = raw ? (JSON.parse(raw) as { body?: string }) : undefined;
    this.requests.push({ method: req.method ?? '', path: url.pathname, query: url.search, authorization: req.headers.authorization, apiVersion: req.headers['x-github-api-version'] as string | undefined, body });
    const send = (status: number, data: unknown, headers: Record<string, string> = {}): void => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(data));
    };
    if (this.failWith) return send(this.failWith, { message: 'Resource not accessible by integration' });
    if (req.headers.authorization !== 'Bearer ghs_test') return send(401, { message: 'Bad credentials' });
    const list = /^\/api\/v3\/repos\/octo\/app\/issues\/7\/comments$/.exec(url.pathname);
    const one = /^\/api\/v3\/repos\/octo\/app\/issues\/comments\/(\d+)$/.exec(url.pathname);
    if (list && req.method === 'GET') {
      const perPage = Math.min(Number(url.searchParams.get('per_page') ?? 30), 100);
      const page = Number(url.searchParams.get('page') ?? 1);
      const slice = this.comments.slice((page - 1) * perPage, page * perPage);
      const last = Math.max(1, Math.ceil(this.comments.length / perPage));
      const link = (p: number): string => `<${this.base}/repos/octo/app/issues/7/comments?per_page=${perPage}&page=${p}>`;
      const links = page < last ? [`${link(page + 1)}; rel="next"`, `${link(last)}; rel="last"`] : [];
      return send(200, slice.map((c) => ({ ...c, html_url: `https://github.com/octo/app/pull/7#issuecomment-${c.id}` })), links.length ? { link: links.join(', ') } : {});
    }
    if (list && req.method === 'POST') {
      const c = { id: this.nextId++, body: body?.body ?? '', user: { login: 'github-actions[bot]', type: 'Bot' } };
      this.comments.push(c);
      return send(201, { ...c, html_url: `https://github.com/octo/app/pull/7#issuecomment-${c.id}` });
    }
    if (one && req.method === 'PATCH') {
      const c = this.comments.find((x) => x.id === Number(one[1]));
      if (!c) return send(404, { message: 'Not Found' });
      c.body = body?.body ?? '';
      return send(200, { ...c, html_url: `https://github.com/octo/app/pull/7#issuecomment-${c.id}` });
    }
    send(404, { message: 'Not Found' });
  }
}

const BAD = 'FROM python:3.12\nRUN pip install flask\nUSER app\n';
const FIXED = 'FROM python:3.12\nRUN pip install --no-cache-dir flask\nUSER app\n';
const RULES = 'extends: none\nrules:\n  pip-no-cache-dir: warn\n';

let gh: FakeGitHub;
beforeEach(async () => {
  gh = new FakeGitHub();
  await gh.start();
});
afterEach(async () => {
  await gh.stop();
});

function ours(): StoredComment[] {
  return gh.comments.filter((c) => c.body.startsWith(COMMENT_MARKER));
}

describe('action: pull-request comment', () => {
  it('creates one comment with the results, then updates it in place on the next push', async () => {
    const first = await simulate({ files: { '.ballast.yaml': RULES, Dockerfile: BAD }, inputs: { comment: 'true' }, event: pullRequestEvent(), env: { GITHUB_API_URL: gh.base } });
    expect(first.code).toBe(1);
    expect(first.stdout).toMatch(/ballast: pull-request comment created: https:\/\/github\.com\/octo\/app\/pull\/7#issuecomment-\d+/);
    expect(ours()).toHaveLength(1);
    const body = ours()[0].body;
    expect(body.startsWith(`${COMMENT_MARKER}\n## ballast`)).toBe(true);
    expect(body).toContain('❌ **1 problem** (1 warning) in 1 of 1 Dockerfile');
    expect(body).toContain('<details><summary>All findings (1)</summary>');
    expect(body).toContain('[Dockerfile:2:5](https://github.com/octo/app/blob/feedfacefeedfacefeedfacefeedfacefeedface/Dockerfile#L2)');
    expect(body).toContain('feedfac · [run](https://github.com/octo/app/actions/runs/42)');
    expect(gh.requests.every((r) => r.authorization === 'Bearer ghs_test' && r.apiVersion === '2022-11-28')).toBe(true);

    // the next push: same workspace, fixed file, a new head commit
    const id = ours()[0].id;
    gh.requests = [];
    const second = await simulate({
      files: { '.ballast.yaml': RULES, Dockerfile: FIXED },
      inputs: { comment: 'true' },
      event: pullRequestEvent(7, 'abcdef0abcdef0abcdef0abcdef0abcdef0abcd'),
      env: { GITHUB_API_URL: gh.base },
    });
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('ballast: pull-request comment updated');
    expect(ours()).toHaveLength(1);
    expect(ours()[0].id).toBe(id);
    expect(ours()[0].body).toContain('✅ No problems in 1 Dockerfile.');
    expect(ours()[0].body).toContain('abcdef0');
    expect(gh.requests.map((r) => r.method)).toEqual(['GET', 'PATCH']);
  });

  it('finds its comment on a later page of a long discussion (pagination) and never duplicates it', async () => {
    gh.seed(150);
    gh.comments.push({ id: 5000, body: `${COMMENT_MARKER}\n## ballast\n\nold results`, user: { login: 'github-actions[bot]', type: 'Bot' } });
    gh.seed(120);
    // a comment that merely mentions the marker somewhere is not ours
    gh.comments.splice(3, 0, { id: 4000, body: `quoting:\n> ${COMMENT_MARKER}`, user: { login: 'someone', type: 'User' } });
    const r = await simulate({ files: { '.ballast.yaml': RULES, Dockerfile: BAD }, inputs: { comment: 'true' }, event: pullRequestEvent(), env: { GITHUB_API_URL: gh.base } });
    expect(r.stdout).toContain('ballast: pull-request comment updated');
    const gets = gh.requests.filter((x) => x.method === 'GET');
    expect(gets.map((x) => new URLSearchParams(x.query).get('page') ?? '1')).toEqual(['1', '2']);
    expect(gets[0].query).toContain('per_page=100');
    expect(gh.requests.filter((x) => x.method === 'POST')).toEqual([]);
    expect(gh.requests.find((x) => x.method === 'PATCH')?.path).toBe('/api/v3/repos/octo/app/issues/comments/5000');
    expect(gh.comments.find((c) => c.id === 5000)?.body).toContain('1 problem');
    expect(gh.comments.find((c) => c.id === 4000)?.body).toBe(`quoting:\n> ${COMMENT_MARKER}`);
    expect(ours()).toHaveLength(1);
  });

  it('creates the comment after reading every page when there is none yet', async () => {
    gh.seed(230);
    const r = await simulate({ files: { '.ballast.yaml': RULES, Dockerfile: FIXED }, inputs: { comment: 'true' }, event: pullRequestEvent(), env: { GITHUB_API_URL: gh.base } });
    expect(r.code).toBe(0);
    expect(gh.requests.map((x) => `${x.method} ${new URLSearchParams(x.query).get('page') ?? ''}`)).toEqual(['GET ', 'GET 2', 'GET 3', 'POST ']);
    expect(ours()).toHaveLength(1);
  });

  it('a read-only token (pull request from a fork) is a warning, not a failure', async () => {
    gh.failWith = 403;
    const r = await simulate({ files: { '.ballast.yaml': RULES, Dockerfile: FIXED }, inputs: { comment: 'true' }, event: pullRequestEvent(), env: { GITHUB_API_URL: gh.base } });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('::warning::ballast: could not post the pull-request comment: GET /api/v3/repos/octo/app/issues/7/comments: HTTP 403 (Resource not accessible by integration)');
    expect(r.outputs.findings).toBe('0');
  });

  it('outside a pull request, or with comment: false, no request is made', async () => {
    const push = await simulate({ files: { '.ballast.yaml': RULES, Dockerfile: FIXED }, inputs: { comment: 'true' }, event: { ref: 'refs/heads/main', repository: { full_name: 'octo/app' } }, env: { GITHUB_API_URL: gh.base } });
    expect(push.stdout).toContain('ballast: not a pull-request event; no comment posted');
    const off = await simulate({ files: { '.ballast.yaml': RULES, Dockerfile: FIXED }, event: pullRequestEvent(), env: { GITHUB_API_URL: gh.base } });
    expect(off.code).toBe(0);
    expect(gh.requests).toEqual([]);
  });

  it('carries the image size table and the thresholds', async () => {
    const ws = workspaceWith({ Dockerfile: FIXED, '.ballast.yaml': `${RULES}image:\n  highestWastedBytes: 1MB\n` });
    writeFileSync(join(ws, 'image.tar'), await dockerArchiveLegacy({ layers: [[{ name: 'a', content: Buffer.alloc(2_000_000) }], [{ name: '.wh.a', content: '' }], [{ name: 'b', content: 'b' }]] }));
    const r = await simulate({ workspace: ws, inputs: { comment: 'true', image: 'image.tar' }, event: pullRequestEvent(), env: { GITHUB_API_URL: gh.base } });
    expect(r.code).toBe(1);
    const body = ours()[0].body;
    expect(body).toContain('❌ Image `image.tar`: 2 MB, 2 MB wasted');
    expect(body).toContain('| highestWastedBytes | 1 MB | 2 MB | ❌ fail |');
    expect(body).toContain('<details><summary>Layers (3)</summary>');
    expect(body).toMatch(/\| 0 \| 2 MB \| 2 MB \| 1 \|/);
  });

  it('keeps the comment under GitHub\'s 65536-character limit', async () => {
    const lines = ['FROM python:3.12', 'USER app'];
    for (let i = 0; i < 400; i++) lines.push(`RUN pip install pkg${i}`);
    const r = await simulate({ files: { '.ballast.yaml': RULES, Dockerfile: `${lines.join('\n')}\n` }, inputs: { comment: 'true' }, event: pullRequestEvent(), env: { GITHUB_API_URL: gh.base } });
    expect(r.outputs.findings).toBe('400');
    const body = ours()[0].body;
    expect(body.length).toBeLessThanOrEqual(65536);
    expect(body).toMatch(/… and \d+ more: see the step log\./);
    expect(body).toContain('</details>');
  });
});
