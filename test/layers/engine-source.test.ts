import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeImage, resolveSource, type ProgressEvent } from '../../src/layers/index.js';
import { dockerArchiveLegacy } from './helpers/image-builder.js';
import { scratch } from './helpers/files.js';

/** A fake Docker engine on a unix socket: ping, inspect and the image export. */
const tmp = scratch();
let server: Server;
let archive: Buffer;
const oldHost = process.env.DOCKER_HOST;

beforeAll(async () => {
  archive = await dockerArchiveLegacy({ layers: [[{ name: 'a', content: 'x'.repeat(4000) }], [{ name: '.wh.a' }, { name: 'b', content: 'y' }]] });
  server = createServer((req, res) => {
    const url = req.url ?? '';
    if (/\/_ping$/.test(url)) return void res.writeHead(200, { 'content-type': 'text/plain' }).end('OK');
    const m = /\/images\/([^/]+)\/(json|get)$/.exec(url);
    if (!m || decodeURIComponent(m[1]) !== 'app:1') return void res.writeHead(404, { 'content-type': 'application/json' }).end('{"message":"No such image"}');
    if (m[2] === 'json') return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ Id: 'sha256:x', Size: 4001 }));
    res.writeHead(200, { 'content-type': 'application/x-tar' });
    // dribble the export out in small chunks, like a daemon would
    let at = 0;
    const next = (): void => {
      if (at >= archive.length) return void res.end();
      res.write(archive.subarray(at, (at += 7000)), next);
    };
    next();
  });
  await new Promise<void>((r) => server.listen(`${tmp.dir}/docker.sock`, r));
  process.env.DOCKER_HOST = `unix://${tmp.dir}/docker.sock`;
});
afterAll(async () => {
  process.env.DOCKER_HOST = oldHost;
  if (oldHost === undefined) delete process.env.DOCKER_HOST;
  await new Promise((r) => server.close(r));
  tmp.cleanup();
});

describe('engine source', () => {
  it('streams the image export and reports progress', async () => {
    const events: ProgressEvent[] = [];
    const a = await analyzeImage('docker:app:1', { onProgress: (e) => events.push(e) });
    expect(a.source).toBe('docker');
    expect(a.totalBytes).toBe(4001);
    expect(a.wastedBytes).toBe(4000);
    expect(events[0]).toMatchObject({ kind: 'start', bytesTotal: 4001 });
    expect(events.filter((e) => e.kind === 'layer')).toHaveLength(2);
    expect(events.at(-1)).toEqual({ kind: 'analyzing' });
  });

  it('a bare reference uses the engine when it has the image', async () => {
    expect((await resolveSource('app:1')).kind).toBe('docker');
  });

  it('names a missing image', async () => {
    await expect(analyzeImage('docker:nope:1')).rejects.toMatchObject({ code: 'not-found', message: expect.stringMatching(/docker:nope:1: no such image/) });
  });
});
