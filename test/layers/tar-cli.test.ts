import { execFileSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeImageDetailed, displayPath, finalEntries, layerEntries } from '../../src/layers/index.js';
import { makeTar, sha256 } from './helpers/image-builder.js';
import { scratch } from './helpers/files.js';
import { readFileSync } from 'node:fs';

/**
 * Whiteouts, opaque directories, hardlinks, long and non-UTF-8 names, checked against GNU tar:
 * layers are made by the tar CLI from real directories, and the expected merged filesystem is
 * computed by extracting them with the tar CLI and applying the OCI whiteout rules in shell.
 */
const tmp = scratch();
afterAll(() => tmp.cleanup());
const sh = (script: string, ...args: string[]): Buffer =>
  execFileSync('bash', ['-euo', 'pipefail', '-c', script, 'sh', ...args], { maxBuffer: 64 * 1024 * 1024, env: { ...process.env, LC_ALL: 'C' } });

const LONG = 'deep/' + 'a-rather-long-directory-name-0123456789/'.repeat(4) + 'file-with-a-long-name.txt';

const MAKE_LAYERS = `
cd "$1"
mkdir -p l0/d/sub l0/etc "l0/$(dirname "$2")" l1/d l1/etc l2
printf 'x%.0s' $(seq 1 1000) > l0/d/x
printf 'y%.0s' $(seq 1 2000) > l0/d/y
printf 'z' > l0/d/sub/z
printf 'long' > "l0/$2"
printf 'latin1 name' > "l0/etc/caf$(printf '\\xe9')"
printf 'payload-payload' > l0/etc/orig
ln l0/etc/orig l0/etc/hard
ln -s ../etc/orig l0/etc/soft
ln -s loop-b l0/loop-a; ln -s loop-a l0/loop-b
mkfifo l0/pipe
printf 'new' > l1/d/new
: > l1/d/.wh..wh..opq
printf 'longer now' > "l1/$(basename "$2")"
mkdir -p "l1/$(dirname "$2")"; printf 'rewritten long' > "l1/$2"
: > l2/.wh.pipe
mkdir -p l2/etc; : > l2/etc/.wh.orig
: > "l2/etc/.wh.caf$(printf '\\xe9')"
tar --format=gnu -C l0 -cf layer0.tar .
tar --format=pax -C l1 -cf layer1.tar .
tar --format=gnu -C l2 -cf layer2.tar .
`;

const APPLY = `
root="$1"; shift
mkdir -p "$root"
for layer in "$@"; do
  tar -tf "$layer" --quoting-style=literal | sed 's#^\\./##' | while IFS= read -r name; do
    base="\${name##*/}"; dir="$(dirname "$name")"
    case "$base" in
      .wh..wh..opq) find "$root/$dir" -mindepth 1 -maxdepth 1 -exec rm -rf {} + ;;
      .wh.*) rm -rf "$root/$dir/\${base#.wh.}" ;;
    esac
  done
  tar -xf "$layer" -C "$root"
  find "$root" -name '.wh.*' -exec rm -rf {} +
done
`;

describe('against GNU tar', () => {
  it('the merged filesystem and byte totals equal the tar CLI extraction', async () => {
    sh(MAKE_LAYERS, tmp.dir, LONG);
    const layers = [0, 1, 2].map((i) => readFileSync(`${tmp.dir}/layer${i}.tar`));
    const config = Buffer.from(JSON.stringify({ os: 'linux', architecture: 'amd64', rootfs: { type: 'layers', diff_ids: layers.map((l) => sha256(l)) }, history: [] }));
    const archive = await makeTar([
      ...layers.map((l, i) => ({ name: `l${i}/layer.tar`, content: l })),
      { name: 'config.json', content: config },
      { name: 'manifest.json', content: JSON.stringify([{ Config: 'config.json', Layers: layers.map((_, i) => `l${i}/layer.tar`) }]) },
    ]);
    const { analysis, files } = await analyzeImageDetailed(`docker-archive:${tmp.write('image.tar', archive)}`);

    // per-layer entry names equal `tar -tf`
    for (let i = 0; i < 3; i++) {
      const listed = sh('tar -tf "$1" --quoting-style=literal', `${tmp.dir}/layer${i}.tar`)
        .toString('latin1')
        .split('\n')
        .map((n) => n.replace(/^\.\//, '').replace(/\/$/, ''))
        .filter((n) => n !== '' && n !== '.')
        .map((n) => `/${displayPath(n)}`)
        .sort();
      const ours = [...layerEntries(files, i)].map((e) => {
        if (e.kind === 'opaque') return `${e.path}/.wh..wh..opq`;
        if (e.kind === 'whiteout') return e.path.replace(/\/([^/]*)$/, '/.wh.$1');
        return e.path;
      });
      expect(ours.sort()).toEqual(listed);
    }

    sh(APPLY, `${tmp.dir}/root`, ...[0, 1, 2].map((i) => `${tmp.dir}/layer${i}.tar`));
    const found = sh('cd "$1" && find . -mindepth 1 -printf "%y %s %P\\0"', `${tmp.dir}/root`)
      .toString('latin1')
      .split('\0')
      .filter(Boolean)
      .map((line) => {
        const [type, size, ...rest] = line.split(' ');
        return { type, size: Number(size), path: `/${displayPath(rest.join(' '))}` };
      });
    const expectedSet = found.map((f) => `${f.type} ${f.path}`).sort();
    const oursSet = [...finalEntries(files)].map((e) => `${{ file: 'f', hardlink: 'f', dir: 'd', symlink: 'l', fifo: 'p' }[e.kind as string] ?? '?'} ${e.path}`).sort();
    expect(oursSet).toEqual(expectedSet);

    // file sizes and the hardlink-aware byte total
    const ourFiles = new Map([...finalEntries(files)].filter((e) => e.kind === 'file').map((e) => [e.path, e.sizeBytes]));
    for (const f of found) if (ourFiles.has(f.path)) expect([f.path, ourFiles.get(f.path)]).toEqual([f.path, f.size]);
    const diskBytes = Number(sh('cd "$1" && find . -type f -printf "%i %s\\n" | sort -u | awk \'{s+=$2} END {print s+0}\'', `${tmp.dir}/root`).toString().trim());
    expect(analysis.finalBytes).toBe(diskBytes);
    expect(analysis.layers.map((l) => l.digest)).toEqual(layers.map((l) => sha256(l)));
    expect(found.some((f) => f.path.includes('caf'))).toBe(false);
    expect(found.some((f) => f.path.endsWith('file-with-a-long-name.txt'))).toBe(true);
  });

  it('keeps non-UTF-8 names byte for byte and shows them escaped', async () => {
    sh('cd "$1" && mkdir -p n && printf 1 > "n/$(printf "\\xff\\xfe")" && printf 2 > "n/ok-é" && tar --format=gnu -C n -cf names.tar .', tmp.dir);
    const layer = readFileSync(`${tmp.dir}/names.tar`);
    const config = Buffer.from(JSON.stringify({ os: 'linux', architecture: 'amd64', rootfs: { type: 'layers', diff_ids: [sha256(layer)] } }));
    const archive = await makeTar([
      { name: 'l/layer.tar', content: layer },
      { name: 'c.json', content: config },
      { name: 'manifest.json', content: JSON.stringify([{ Config: 'c.json', Layers: ['l/layer.tar'] }]) },
    ]);
    const { files } = await analyzeImageDetailed(`docker-archive:${tmp.write('names-img.tar', archive)}`);
    expect([...finalEntries(files)].map((e) => e.path).sort()).toEqual(['/ok-é', '/\\xff\\xfe'].sort());
  });
});
