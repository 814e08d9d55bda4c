// Writes a synthetic legacy `docker save` archive to stdout: LAYERS layers, FILES files in all,
// about BYTES bytes of file content. Later layers overwrite and delete some earlier files so the
// analysis has waste to find. Content is cheap (a shared block with a unique prefix per file).
// Usage: node bench/helpers/synthetic-image.mjs [files=200000] [bytes=6e9] [layers=10] | ...
import { createHash } from 'node:crypto';

const FILES = Number(process.argv[2] ?? 200_000);
const BYTES = Number(process.argv[3] ?? 6e9);
const LAYERS = Number(process.argv[4] ?? 10);
const BLOCK = Buffer.alloc(1 << 20);
for (let i = 0; i < BLOCK.length; i++) BLOCK[i] = (i * 2654435761) >>> 24;

function header(name, size, type = '0') {
  const h = Buffer.alloc(512);
  h.write(name, 0, 100, 'utf8');
  h.write(type === '5' ? '0000755\0' : '0000644\0', 100);
  h.write('0000000\0', 108);
  h.write('0000000\0', 116);
  h.write(size.toString(8).padStart(11, '0') + '\0', 124);
  h.write('14000000000\0', 136);
  h.write(type, 156);
  h.write('ustar\0', 257);
  h.write('00', 263);
  h.fill(0x20, 148, 156);
  let sum = 0;
  for (const b of h) sum += b;
  h.write(sum.toString(8).padStart(6, '0') + '\0 ', 148);
  return h;
}
const pad = (n) => (512 - (n % 512)) % 512;

/** Entries of layer k: [name, size, kind] with kind 'f' file, 'd' dir, 'w' whiteout. */
function layerPlan(k) {
  const per = Math.floor(FILES / LAYERS);
  const avg = BYTES / FILES;
  const out = [];
  for (let d = 0; d < 20; d++) out.push([`l${k}/d${d}/`, 0, 'd']);
  for (let i = 0; i < per; i++) {
    const size = Math.max(0, Math.round(avg * (0.25 + ((i * 7919) % 1500) / 1000)));
    out.push([`l${k}/d${i % 20}/f${i}`, size, 'f']);
  }
  if (k > 0) {
    // overwrite 5% and delete 5% of the previous layer's files
    for (let i = 0; i < per / 20; i++) out.push([`l${k - 1}/d${(i * 20) % 20}/f${i * 20}`, 1000, 'f']);
    for (let i = 0; i < per / 20; i++) out.push([`l${k - 1}/d${(i * 20 + 10) % 20}/.wh.f${i * 20 + 10}`, 0, 'w']);
  }
  return out;
}

const out = process.stdout;
async function write(buf) {
  if (!out.write(buf)) await new Promise((r) => out.once('drain', r));
}
async function writeFileContent(seed, size, hash) {
  let left = size;
  const prefix = Buffer.from(`${seed}:`.padEnd(32, '.'));
  let first = true;
  while (left > 0) {
    let chunk = first ? Buffer.concat([prefix, BLOCK.subarray(0, Math.min(left, BLOCK.length) - Math.min(left, 32))]).subarray(0, Math.min(left, BLOCK.length)) : BLOCK.subarray(0, Math.min(left, BLOCK.length));
    first = false;
    hash.update(chunk);
    await write(chunk);
    left -= chunk.length;
  }
}

const diffIds = [];
const names = [];
for (let k = 0; k < LAYERS; k++) {
  const plan = layerPlan(k);
  let tarSize = 1024;
  for (const [, size] of plan) tarSize += 512 + size + pad(size);
  const dir = `layer${String(k).padStart(3, '0')}`;
  names.push(`${dir}/layer.tar`);
  await write(header(`${dir}/`, 0, '5'));
  await write(header(`${dir}/layer.tar`, tarSize));
  const hash = createHash('sha256');
  for (const [name, size, kind] of plan) {
    const h = header(name, size, kind === 'd' ? '5' : '0');
    hash.update(h);
    await write(h);
    if (size > 0) {
      await writeFileContent(`${k}/${name}`, size, hash);
      const p = Buffer.alloc(pad(size));
      hash.update(p);
      await write(p);
    }
  }
  const end = Buffer.alloc(1024);
  hash.update(end);
  await write(end);
  await write(Buffer.alloc(pad(tarSize)));
  diffIds.push(`sha256:${hash.digest('hex')}`);
}
const config = Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: diffIds }, history: diffIds.map((_, i) => ({ created_by: `synthetic layer ${i}` })) }));
const configName = `${createHash('sha256').update(config).digest('hex')}.json`;
const manifest = Buffer.from(JSON.stringify([{ Config: configName, RepoTags: ['synthetic:1'], Layers: names }]));
for (const [name, body] of [[configName, config], ['manifest.json', manifest]]) {
  await write(header(name, body.length));
  await write(body);
  await write(Buffer.alloc(pad(body.length)));
}
await write(Buffer.alloc(1024));
out.end();
