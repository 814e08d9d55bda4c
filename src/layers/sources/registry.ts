import { readAllLimited, type ByteStream } from '../bytes.js';
import { ImageSourceError, isAbort } from '../errors.js';
import { readByManifest, type BlobStore } from './by-manifest.js';
import { defaultDockerConfigPath, findCredentials, type Credentials } from './credentials.js';
import { MANIFEST_ACCEPT, MAX_JSON_BYTES, parseManifest, sha256Of, verifyDigest, type Descriptor } from './image-json.js';
import { apiHost, isLoopbackHost, parseReference, type RegistryReference } from './reference.js';
import type { ImageSource, ReadContext, SourceResult } from './source.js';

const DEFAULT_TIMEOUT_MS = 30_000;
const MAX_REDIRECTS = 10;

export interface RegistryOptions {
  insecureRegistries?: string[];
  dockerConfigPath?: string;
  timeoutMs?: number;
  signal?: AbortSignal;
}

interface Session {
  ref: RegistryReference;
  base: string;
  host: string;
  plainHttpOk: (hostPort: string) => boolean;
  creds: Credentials | null | undefined;
  authHeader: string | null;
  opts: RegistryOptions;
  timeoutMs: number;
}

interface Challenge {
  scheme: string;
  params: Record<string, string>;
}

/** Parses `Bearer realm="…",service="…",scope="…"`. */
export function parseChallenge(header: string): Challenge {
  const m = /^\s*(\w+)\s*(.*)$/.exec(header);
  if (!m) return { scheme: '', params: {} };
  const params: Record<string, string> = {};
  for (const p of m[2].matchAll(/(\w+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))/g)) params[p[1].toLowerCase()] = p[2] ?? p[3] ?? '';
  return { scheme: m[1].toLowerCase(), params };
}

function startSession(refText: string, opts: RegistryOptions): Session {
  const ref = parseReference(refText);
  const host = apiHost(ref.registry);
  const insecure = new Set(opts.insecureRegistries ?? []);
  const plainHttpOk = (hp: string): boolean => isLoopbackHost(hp) || insecure.has(hp);
  const scheme = plainHttpOk(host) ? 'http' : 'https';
  return { ref, host, base: `${scheme}://${host}`, plainHttpOk, creds: undefined, authHeader: null, opts, timeoutMs: opts.timeoutMs ?? DEFAULT_TIMEOUT_MS };
}

async function credentials(s: Session): Promise<Credentials | null> {
  if (s.creds === undefined) s.creds = await findCredentials(s.ref.registry, s.opts.dockerConfigPath ?? defaultDockerConfigPath());
  return s.creds;
}

const basic = (c: Credentials): string => `Basic ${Buffer.from(`${c.username}:${c.password}`).toString('base64')}`;

interface Fetched {
  res: Response;
  controller: AbortController;
  url: string;
}

/** One HTTP request with a headers timeout, following redirects without forwarding credentials. */
async function httpGet(s: Session, url: string, headers: Record<string, string>, what: string): Promise<Fetched> {
  let current = url;
  let hdrs = { ...headers };
  const origin = new URL(url).origin;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    const u = new URL(current);
    if (u.protocol === 'http:' && !s.plainHttpOk(u.host)) {
      throw new ImageSourceError('network', `${what}: refusing plain HTTP to ${u.host} (use --insecure-registry ${u.host} if you trust it)`);
    }
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new ImageSourceError('network', `${what}: unsupported URL ${current}`);
    const controller = new AbortController();
    const onAbort = (): void => controller.abort();
    s.opts.signal?.addEventListener('abort', onAbort, { once: true });
    const timer = setTimeout(() => controller.abort(new ImageSourceError('timeout', `${what}: ${u.host} did not answer within ${Math.round(s.timeoutMs / 1000)} s`)), s.timeoutMs);
    let res: Response;
    try {
      res = await fetch(current, { headers: hdrs, redirect: 'manual', signal: controller.signal });
    } catch (e) {
      if (s.opts.signal?.aborted) throw new ImageSourceError('aborted', `${what}: aborted`);
      const reason: unknown = controller.signal.reason;
      if (reason instanceof ImageSourceError) throw reason;
      const cause = (e as { cause?: { code?: string; message?: string } }).cause;
      throw new ImageSourceError('network', `${what}: cannot reach ${u.host} (${cause?.code ?? cause?.message ?? (e as Error).message})`);
    } finally {
      clearTimeout(timer);
      s.opts.signal?.removeEventListener('abort', onAbort);
    }
    if (res.status >= 300 && res.status < 400 && res.headers.get('location')) {
      await res.body?.cancel().catch(() => undefined);
      const next = new URL(res.headers.get('location') as string, current);
      if (next.origin !== origin) {
        const { Authorization: _a, authorization: _b, ...rest } = hdrs;
        hdrs = rest;
      }
      current = next.toString();
      continue;
    }
    return { res, controller, url: current };
  }
  throw new ImageSourceError('network', `${what}: more than ${MAX_REDIRECTS} redirects`);
}

/** GET with registry auth: on 401 answers the challenge (bearer token or basic) and retries once. */
async function authedGet(s: Session, path: string, accept: string | null, what: string, from?: number): Promise<Fetched> {
  const url = `${s.base}${path}`;
  const headers = (): Record<string, string> => ({
    ...(accept ? { Accept: accept } : {}),
    ...(from !== undefined ? { Range: `bytes=${from}-` } : {}),
    ...(s.authHeader ? { Authorization: s.authHeader } : {}),
  });
  let got = await httpGet(s, url, headers(), what);
  if (got.res.status === 401) {
    const challenge = parseChallenge(got.res.headers.get('www-authenticate') ?? '');
    await got.res.body?.cancel().catch(() => undefined);
    s.authHeader = await answerChallenge(s, challenge, what);
    got = await httpGet(s, url, headers(), what);
    if (got.res.status === 401) {
      await got.res.body?.cancel().catch(() => undefined);
      const creds = await credentials(s);
      throw new ImageSourceError('auth', `${what}: ${s.host} refused ${creds ? `the credentials of ${creds.username}` : 'anonymous access'} (401)`);
    }
  }
  if (got.res.status === 403) throw new ImageSourceError('auth', `${what}: ${s.host} denied access (403)`);
  if (got.res.status === 404) throw new ImageSourceError('not-found', `${what}: not found on ${s.host} (404)`);
  const wanted = from === undefined ? 200 : 206;
  if (got.res.status !== wanted || (from !== undefined && !(got.res.headers.get('content-range') ?? '').startsWith(`bytes ${from}-`))) {
    await got.res.body?.cancel().catch(() => undefined);
    throw new ImageSourceError('network', `${what}: ${s.host} answered HTTP ${got.res.status}${from !== undefined ? ` to a request to resume at byte ${from}` : ''}`);
  }
  return got;
}

const MAX_RESUMES = 3;

/** A blob body that resumes with a Range request when the connection drops (digests are checked by the caller). */
async function* resumableBody(s: Session, first: Fetched, reopen: (from: number) => Promise<Fetched>, what: string): AsyncGenerator<Buffer> {
  let current = first;
  let got = 0;
  for (let resumes = 0; ; resumes++) {
    try {
      for await (const chunk of bodyStream(s, current, what)) {
        got += chunk.length;
        yield chunk;
      }
      return;
    } catch (e) {
      const retry = e instanceof ImageSourceError && (e.code === 'network' || e.code === 'timeout') && resumes < MAX_RESUMES && !s.opts.signal?.aborted;
      if (!retry) throw e;
      current = await reopen(got).catch(() => {
        throw e;
      });
    }
  }
}

async function answerChallenge(s: Session, c: Challenge, what: string): Promise<string> {
  const creds = await credentials(s);
  if (c.scheme === 'basic') {
    if (!creds) throw new ImageSourceError('auth', `${what}: ${s.host} wants a login and no credentials were found (docker login ${s.ref.registry})`);
    return basic(creds);
  }
  if (c.scheme !== 'bearer' || !c.params.realm) throw new ImageSourceError('auth', `${what}: ${s.host} sent an unsupported authentication challenge`);
  const realm = new URL(c.params.realm);
  if (c.params.service) realm.searchParams.set('service', c.params.service);
  realm.searchParams.set('scope', c.params.scope ?? `repository:${s.ref.repository}:pull`);
  const got = await httpGet(s, realm.toString(), creds ? { Authorization: basic(creds) } : {}, `${what}: token from ${realm.host}`);
  if (got.res.status !== 200) {
    await got.res.body?.cancel().catch(() => undefined);
    throw new ImageSourceError('auth', `${what}: the token service ${realm.host} answered HTTP ${got.res.status}${creds ? '' : ' (no credentials found)'}`);
  }
  const body = await readBody(s, got, 1024 * 1024, `${what}: token`);
  let token: unknown;
  try {
    const j = JSON.parse(body.toString('utf8')) as { token?: unknown; access_token?: unknown };
    token = j.token ?? j.access_token;
  } catch {
    token = undefined;
  }
  if (typeof token !== 'string' || token === '') throw new ImageSourceError('auth', `${what}: the token service ${realm.host} returned no token`);
  return `Bearer ${token}`;
}

/** The response body as a byte stream that fails when no data arrives for the idle timeout. */
function bodyStream(s: Session, got: Fetched, what: string): ByteStream {
  const body = got.res.body;
  const timeoutMs = s.timeoutMs;
  return (async function* () {
    if (!body) return;
    const reader = body.getReader();
    let done = false;
    try {
      for (;;) {
        let timer: ReturnType<typeof setTimeout> | undefined;
        const idle = new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new ImageSourceError('timeout', `${what}: no data for ${Math.round(timeoutMs / 1000)} s`)), timeoutMs);
        });
        let r: { done: boolean; value?: Uint8Array };
        try {
          r = await Promise.race([reader.read(), idle]);
        } catch (e) {
          if (e instanceof ImageSourceError) throw e;
          if (s.opts.signal?.aborted || isAbort(e)) throw new ImageSourceError('aborted', `${what}: aborted`);
          throw new ImageSourceError('network', `${what}: connection failed (${(e as Error).message})`);
        } finally {
          clearTimeout(timer);
        }
        if (r.done) {
          done = true;
          return;
        }
        const v = r.value as Uint8Array;
        yield Buffer.from(v.buffer, v.byteOffset, v.byteLength);
      }
    } finally {
      if (!done) {
        got.controller.abort();
        reader.releaseLock();
      }
    }
  })();
}

async function readBody(s: Session, got: Fetched, limit: number, what: string): Promise<Buffer> {
  const len = Number(got.res.headers.get('content-length') ?? '0');
  if (len > limit) {
    got.controller.abort();
    throw new ImageSourceError('limit', `${what}: ${len} bytes is too large`);
  }
  return readAllLimited(bodyStream(s, got, what), limit, what);
}

/** Pulls an image through the OCI distribution API, verifying every blob; nothing is written to disk. */
export function registrySource(refText: string, opts: RegistryOptions, ref = `registry:${refText}`): ImageSource {
  return {
    ref,
    kind: 'registry',
    async read(ctx: ReadContext): Promise<SourceResult> {
      const s = startSession(refText, { ...opts, signal: opts.signal ?? ctx.signal });
      const what = refText;
      const name = s.ref.repository;
      const reference = s.ref.digest ?? (s.ref.tag as string);
      const got = await authedGet(s, `/v2/${name}/manifests/${reference}`, MANIFEST_ACCEPT, `${what}: manifest`);
      const type = got.res.headers.get('content-type') ?? undefined;
      const headerDigest = got.res.headers.get('docker-content-digest');
      const buf = await readBody(s, got, MAX_JSON_BYTES, `${what}: manifest`);
      const digest = sha256Of(buf);
      if (s.ref.digest && digest !== s.ref.digest) {
        throw new ImageSourceError('digest-mismatch', `${what}: the registry returned a manifest hashing to ${digest}`);
      }
      if (headerDigest && headerDigest.startsWith('sha256:') && headerDigest !== digest) {
        throw new ImageSourceError('digest-mismatch', `${what}: the manifest hashes to ${digest} but the registry says ${headerDigest}`);
      }
      const store: BlobStore = {
        async json(d: Descriptor) {
          const path = `/v2/${name}/blobs/${d.digest}`;
          const label = `${what}: blob ${d.digest}`;
          const r = await authedGet(s, path, null, label);
          if (Number(r.res.headers.get('content-length') ?? '0') > MAX_JSON_BYTES) {
            r.controller.abort();
            throw new ImageSourceError('limit', `${label}: too large for image metadata`);
          }
          const b = await readAllLimited(resumableBody(s, r, (from) => authedGet(s, path, null, label, from), label), MAX_JSON_BYTES, label);
          verifyDigest(b, d.digest, label);
          return b;
        },
        async open(d: Descriptor) {
          const path = `/v2/${name}/blobs/${d.digest}`;
          const label = `${what}: blob ${d.digest}`;
          const r = await authedGet(s, path, null, label);
          return resumableBody(s, r, (from) => authedGet(s, path, null, label, from), label);
        },
      };
      return readByManifest(store, parseManifest(buf, `${what}: manifest`, type), digest, what, ctx);
    },
  };
}
