import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeRegistryOptions {
  /** Blobs and manifests by digest; manifests by tag too. */
  blobs: Map<string, Buffer>;
  manifests: Map<string, { body: Buffer; type: string }>;
  auth?: 'none' | 'bearer' | 'basic';
  user?: string;
  password?: string;
  /** Redirect blob downloads to this base URL (another origin). */
  redirectBlobsTo?: string;
  /** Replace the body of this blob digest with other bytes. */
  lieAbout?: string;
  /** Never answer requests for blobs. */
  hangBlobs?: boolean;
  /** Cut the connection after this many bytes of the first download of every blob (Range is supported). */
  dropAfter?: number;
}

export interface FakeServer {
  url: string;
  host: string;
  requests: Array<{ url: string; authorization: string | undefined; range?: string }>;
  close: () => Promise<void>;
}

function listen(server: Server): Promise<string> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`127.0.0.1:${(server.address() as AddressInfo).port}`)));
}

/** A loopback OCI distribution registry: just enough of the API, with auth, redirects and lies on demand. */
export async function startFakeRegistry(o: FakeRegistryOptions): Promise<FakeServer> {
  const requests: FakeServer['requests'] = [];
  const token = 'tok-123';
  let host = '';
  const sockets = new Set<import('node:net').Socket>();
  const dropped = new Set<string>();
  const authorized = (req: IncomingMessage): boolean => {
    const h = req.headers.authorization;
    if (o.auth === 'bearer') return h === `Bearer ${token}`;
    if (o.auth === 'basic') return h === `Basic ${Buffer.from(`${o.user}:${o.password}`).toString('base64')}`;
    return true;
  };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    requests.push({ url: req.url ?? '', authorization: req.headers.authorization, ...(req.headers.range ? { range: req.headers.range } : {}) });
    const url = new URL(req.url ?? '/', `http://${host}`);
    if (url.pathname === '/token') {
      const basic = req.headers.authorization;
      if (o.user && basic !== `Basic ${Buffer.from(`${o.user}:${o.password}`).toString('base64')}`) {
        res.writeHead(401).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ token }));
      return;
    }
    if (!authorized(req)) {
      const challenge = o.auth === 'bearer' ? `Bearer realm="http://${host}/token",service="fake",scope="repository:test/app:pull"` : 'Basic realm="fake"';
      res.writeHead(401, { 'www-authenticate': challenge }).end();
      return;
    }
    const m = /^\/v2\/(.+)\/(manifests|blobs)\/([^/]+)$/.exec(url.pathname);
    if (!m) {
      res.writeHead(404).end();
      return;
    }
    const [, , kind, ref] = m;
    if (kind === 'manifests') {
      const man = o.manifests.get(ref);
      if (!man) return void res.writeHead(404).end();
      res.writeHead(200, { 'content-type': man.type, 'docker-content-digest': [...o.manifests].find(([k, v]) => v === man && k.startsWith('sha256:'))?.[0] ?? '' }).end(man.body);
      return;
    }
    if (o.hangBlobs) return; // never answers
    if (o.redirectBlobsTo) {
      res.writeHead(307, { location: `${o.redirectBlobsTo}${url.pathname}` }).end();
      return;
    }
    let blob = o.blobs.get(ref);
    if (!blob) return void res.writeHead(404).end();
    if (ref === o.lieAbout) blob = Buffer.from(blob).fill(0x41, 0, Math.min(64, blob.length));
    const range = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
    if (range) {
      const from = Number(range[1]);
      res.writeHead(206, { 'content-type': 'application/octet-stream', 'content-length': String(blob.length - from), 'content-range': `bytes ${from}-${blob.length - 1}/${blob.length}` }).end(blob.subarray(from));
      return;
    }
    if (o.dropAfter !== undefined && !dropped.has(ref) && blob.length > o.dropAfter) {
      dropped.add(ref);
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(blob.length) });
      res.write(blob.subarray(0, o.dropAfter), () => res.socket?.destroy());
      return;
    }
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(blob.length) }).end(blob);
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  host = await listen(server);
  return {
    url: `http://${host}`,
    host,
    requests,
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
