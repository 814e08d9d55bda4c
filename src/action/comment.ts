/**
 * One pull-request comment per pull request: found again by a hidden marker at the start of its body
 * (every page of the issue's comments is searched) and updated in place; created only when there is
 * none. Uses the REST API at GITHUB_API_URL with the global fetch.
 */
import { readFileSync } from 'node:fs';
import { COMMENT_MARKER } from './markdown.js';

export interface PullRequestRef {
  readonly owner: string;
  readonly repo: string;
  readonly number: number;
  /** The head commit, for the comment footer. */
  readonly headSha?: string;
}

interface EventPayload {
  readonly number?: number;
  readonly pull_request?: { readonly number?: number; readonly head?: { readonly sha?: string } };
  readonly issue?: { readonly number?: number; readonly pull_request?: unknown };
  readonly repository?: { readonly full_name?: string };
}

/** The pull request of this run, from GITHUB_EVENT_PATH (pull_request, pull_request_target, issue_comment on a PR). */
export function pullRequestFromEvent(env: Readonly<Record<string, string | undefined>>): PullRequestRef | undefined {
  const path = env.GITHUB_EVENT_PATH;
  if (!path) return undefined;
  let payload: EventPayload;
  try {
    payload = JSON.parse(readFileSync(path, 'utf8')) as EventPayload;
  } catch {
    return undefined;
  }
  const number = payload.pull_request?.number ?? (payload.issue?.pull_request ? payload.issue.number : undefined);
  const fullName = env.GITHUB_REPOSITORY ?? payload.repository?.full_name;
  if (typeof number !== 'number' || !fullName || !fullName.includes('/')) return undefined;
  const [owner, repo] = fullName.split('/', 2);
  return { owner, repo, number, headSha: payload.pull_request?.head?.sha };
}

export interface CommentResult {
  readonly action: 'created' | 'updated';
  readonly id: number;
  readonly url?: string;
}

export class GitHubApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

interface Comment {
  readonly id: number;
  readonly body?: string | null;
  readonly html_url?: string;
}

function nextLink(link: string | null): string | undefined {
  if (!link) return undefined;
  for (const part of link.split(',')) {
    const m = /<([^>]+)>\s*;\s*rel="?next"?/.exec(part);
    if (m) return m[1];
  }
  return undefined;
}

export interface CommentOptions {
  readonly apiUrl: string;
  readonly token: string;
  readonly fetch: typeof globalThis.fetch;
  /** Stop after this many pages of comments (100 each). */
  readonly maxPages?: number;
}

async function call(opts: CommentOptions, method: string, url: string, body?: unknown): Promise<Response> {
  const res = await opts.fetch(url, {
    method,
    headers: {
      accept: 'application/vnd.github+json',
      authorization: `Bearer ${opts.token}`,
      'x-github-api-version': '2022-11-28',
      'user-agent': 'ballast-action',
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) {
    let detail = '';
    try {
      detail = ((await res.json()) as { message?: string }).message ?? '';
    } catch {
      detail = '';
    }
    throw new GitHubApiError(`${method} ${new URL(url).pathname}: HTTP ${res.status}${detail ? ` (${detail})` : ''}`, res.status);
  }
  return res;
}

/** The first comment whose body starts with the marker, searching every page. */
export async function findComment(pr: PullRequestRef, opts: CommentOptions, marker = COMMENT_MARKER): Promise<Comment | undefined> {
  const base = opts.apiUrl.replace(/\/+$/, '');
  let url: string | undefined = `${base}/repos/${encodeURIComponent(pr.owner)}/${encodeURIComponent(pr.repo)}/issues/${pr.number}/comments?per_page=100`;
  for (let page = 0; url && page < (opts.maxPages ?? 50); page++) {
    const res = await call(opts, 'GET', url);
    const comments = (await res.json()) as Comment[];
    const found = comments.find((c) => typeof c.body === 'string' && c.body.trimStart().startsWith(marker));
    if (found) return found;
    url = nextLink(res.headers.get('link'));
  }
  return undefined;
}

/** Update the action's comment in place, or create it when the pull request has none. */
export async function upsertComment(pr: PullRequestRef, body: string, opts: CommentOptions, marker = COMMENT_MARKER): Promise<CommentResult> {
  if (!body.trimStart().startsWith(marker)) throw new Error('the comment body must start with the marker');
  const base = opts.apiUrl.replace(/\/+$/, '');
  const repo = `${base}/repos/${encodeURIComponent(pr.owner)}/${encodeURIComponent(pr.repo)}`;
  const existing = await findComment(pr, opts, marker);
  if (existing) {
    const res = await call(opts, 'PATCH', `${repo}/issues/comments/${existing.id}`, { body });
    const c = (await res.json()) as Comment;
    return { action: 'updated', id: existing.id, url: c.html_url };
  }
  const res = await call(opts, 'POST', `${repo}/issues/${pr.number}/comments`, { body });
  const c = (await res.json()) as Comment;
  return { action: 'created', id: c.id, url: c.html_url };
}
