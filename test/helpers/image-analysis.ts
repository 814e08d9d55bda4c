import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Finding } from '../../src/core/diagnostic.js';
import { DockerfileSource } from '../../src/dockerfile/source.js';
import { analyzeImageFindings } from '../../src/engine/analyze-image.js';
import { DEFAULT_CONFIG } from '../../src/engine/config.js';
import { analyzeImage } from '../../src/layers/index.js';
import type { ImageAnalysis } from '../../src/layers/model.js';
import { rules } from '../../src/rules/index.js';
import { dockerArchiveLegacy, type TestImage } from '../layers/helpers/image-builder.js';

const MB = 1_000_000;
const blob = (n: number, fill = 'x') => Buffer.alloc(n, fill);

/** A small image with every kind of waste: caches, a deleted archive, an overwritten file, duplicates, a compiler. */
export const WASTEFUL: TestImage = {
  layers: [
    [
      { name: 'bin/', type: 'directory' },
      { name: 'bin/sh', content: blob(1000, 's') },
    ],
    [
      { name: 'var/lib/apt/lists/deb.debian.org_dists_bookworm_main_binary-amd64_Packages', content: blob(2 * MB, 'p') },
      { name: 'usr/bin/gcc-12', content: blob(6 * MB, 'g') },
      { name: 'tmp/tool.tar.gz', content: blob(3 * MB, 't') },
    ],
    [
      { name: 'tmp/.wh.tool.tar.gz' },
      { name: 'app/data.bin', content: blob(2 * MB, 'd') },
      { name: 'app/copy.bin', content: blob(2 * MB, 'd') },
    ],
    [{ name: 'app/data.bin', content: blob(2 * MB, 'd'), mode: 0o600 }],
  ],
  history: [
    { created_by: '/bin/sh -c #(nop) ADD file:abc in / ' },
    { created_by: 'RUN /bin/sh -c apt-get update && apt-get install -y gcc && curl -o /tmp/tool.tar.gz https://example.com/t # buildkit' },
    { created_by: 'ENV APP=1', empty_layer: true },
    { created_by: 'RUN /bin/sh -c rm /tmp/tool.tar.gz && cp /src/data.bin /app/data.bin && cp /app/data.bin /app/copy.bin # buildkit' },
    { created_by: 'RUN /bin/sh -c chmod 600 /app/data.bin # buildkit' },
  ],
};

/** The Dockerfile that built WASTEFUL (for provenance tests). */
export const WASTEFUL_DOCKERFILE = [
  'FROM debian:bookworm',
  'RUN apt-get update && apt-get install -y gcc && curl -o /tmp/tool.tar.gz https://example.com/t',
  'ENV APP=1',
  'RUN rm /tmp/tool.tar.gz && cp /src/data.bin /app/data.bin && cp /app/data.bin /app/copy.bin',
  'RUN chmod 600 /app/data.bin',
  '',
].join('\n');

/** Write the image as a `docker save` archive and analyse it. */
export async function analyzeTestImage(img: TestImage): Promise<{ analysis: ImageAnalysis; archive: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'ballast-img-'));
  const archive = join(dir, 'image.tar');
  writeFileSync(archive, await dockerArchiveLegacy(img));
  return { analysis: await analyzeImage(`docker-archive:${archive}`), archive };
}

/** Findings of the image rules `ids` (each at `warn`, with `options`) on `analysis`, with an optional Dockerfile for provenance. */
export function imageRuleFindings(analysis: ImageAnalysis, ids: string[], dockerfile?: string, options?: Record<string, unknown>): Finding[] {
  const config = { ...DEFAULT_CONFIG, preset: 'none' as const, rules: Object.fromEntries(ids.map((id) => [id, { severity: 'warn' as const, options }])) };
  return [...analyzeImageFindings(analysis, { rules, config, dockerfile: dockerfile ? DockerfileSource.parse('Dockerfile', dockerfile) : undefined }).findings];
}
