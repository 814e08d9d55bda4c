/** The `image` input: a real image archive read by the layers library, thresholds from the configuration. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkThresholds, formatBytes, oneLine } from '../../src/action/image.js';
import type { ImageAnalysis } from '../../src/layers/model.js';
import { dockerArchiveLegacy } from '../layers/helpers/image-builder.js';
import { commands, pullRequestEvent, simulate, workspaceWith } from './helpers.js';

const MB = 1000 * 1000;
const DOCKERFILE = 'FROM alpine:3.20\nRUN apk add --no-cache curl=8.9.1-r0\nUSER app\n';

async function imageWorkspace(config: string): Promise<string> {
  const ws = workspaceWith({ 'app/Dockerfile': DOCKERFILE, 'app/.ballast.yaml': config });
  const archive = await dockerArchiveLegacy({
    layers: [
      [
        { name: 'bin/', type: 'directory' },
        { name: 'bin/sh', content: Buffer.alloc(800_000, 1) },
      ],
      [
        { name: 'tmp/', type: 'directory' },
        { name: 'tmp/tool.tar.gz', content: Buffer.alloc(1_500_000, 2) },
        { name: 'var/cache/apk/', type: 'directory' },
        { name: 'var/cache/apk/APKINDEX.tar.gz', content: Buffer.alloc(300_000, 3) },
      ],
      [{ name: 'tmp/.wh.tool.tar.gz', content: '' }],
      [{ name: 'app/run.sh', content: '#!/bin/sh\necho | hi\n' }],
    ],
    history: [
      { created_by: '/bin/sh -c #(nop) ADD file:abc in / ' },
      { created_by: 'RUN /bin/sh -c apk add --no-cache curl && wget -O /tmp/tool.tar.gz https://example.com # buildkit' },
      { created_by: 'RUN /bin/sh -c rm /tmp/tool.tar.gz # buildkit' },
      { created_by: 'COPY run.sh /app/run.sh # buildkit' },
    ],
  });
  writeFileSync(join(ws, 'image.tar'), archive);
  return ws;
}

describe('action: image analysis', () => {
  it('analyses the image, checks the thresholds from the Dockerfile\'s configuration, reports size, waste, layers and savings', async () => {
    const ws = await imageWorkspace('extends: none\nimage:\n  lowestEfficiency: 0.9\n  highestWastedBytes: 1MB\n  highestUserWastedPercent: disabled\n');
    const r = await simulate({
      workspace: ws,
      inputs: { image: 'docker-archive:image.tar', 'dockerfile-for-image': 'app/Dockerfile', dockerfiles: 'app/Dockerfile' },
      event: pullRequestEvent(),
    });
    expect(r.code).toBe(1);
    expect(Number(r.outputs['image-size'])).toBe(800_000 + 1_800_000 + 20);
    expect(r.outputs['wasted-bytes']).toBe('1500000');
    expect(Number(r.outputs.efficiency)).toBeGreaterThan(0);
    expect(Number(r.outputs.efficiency)).toBeLessThan(0.9);
    expect(r.outputs.findings).toBe('0');
    // thresholds: efficiency and wasted bytes crossed, user wasted percent disabled
    const errors = commands(r.stdout, 'error');
    expect(errors.some((e) => /efficiency \d+\.\d\d%25 is below lowestEfficiency 90\.00%25$/.test(e))).toBe(true);
    expect(errors.some((e) => /wasted bytes 1\.5 MB exceeds highestWastedBytes 1 MB/.test(e))).toBe(true);
    expect(errors.some((e) => e.includes('highestUserWastedPercent'))).toBe(false);
    expect(errors.at(-1)).toBe('::error::ballast: image docker-archive:image.tar crossed 2 thresholds (2.6 MB)');
    // the log has the layer table
    expect(r.stdout).toMatch(/layer {2}1 +1\.8 MB {2}wasted +1\.5 MB {2}RUN apk add --no-cache curl && wget -O \/tmp\/tool\.tar\.gz https:\/\/example\.com/);
    // the summary: figures, thresholds, layers, leftovers, savings
    const s = r.summary;
    expect(s).toContain('### Image `docker-archive:image.tar`');
    expect(s).toContain('Built from `app/Dockerfile`.');
    expect(s).toContain('| total size (4 layers) | 2.6 MB |');
    expect(s).toContain('| wasted (overwritten or deleted in a later layer) | 1.5 MB |');
    expect(s).toMatch(/\| lowestEfficiency \| 90\.0% \| \d+\.\d% \| ❌ fail \|/);
    expect(s).toContain('| highestWastedBytes | 1 MB | 1.5 MB | ❌ fail |');
    expect(s).toContain('| 1 | 1.8 MB | 1.5 MB | 2 | `RUN apk add --no-cache curl && wget -O /tmp/tool.tar.gz https://example.com` |');
    expect(s).toContain('| 3 | 20 B |  | 1 | `COPY run.sh /app/run.sh` |');
    expect(s).toContain('| apk-cache | `/var/cache/apk` | 300 kB | 1 |');
    expect(s).toMatch(/\*\*Savings:\*\* now 2\.6 MB, about [\d.]+ [kM]B possible/);
    expect(s).toContain('| `/tmp/tool.tar.gz` | 1.5 MB | 1 | 2 (removed) |');
  });

  it('reports the image rules in annotations and SARIF, on the Dockerfile line that made the layer', async () => {
    const ws = await imageWorkspace('image:\n  lowestEfficiency: 0.1\n');
    writeFileSync(join(ws, 'app/Dockerfile'), 'FROM alpine:3.20\nRUN apk add --no-cache curl && wget -O /tmp/tool.tar.gz https://example.com\nRUN rm /tmp/tool.tar.gz\nCOPY run.sh /app/run.sh\n');
    const r = await simulate({
      workspace: ws,
      inputs: { image: 'docker-archive:image.tar', 'dockerfile-for-image': 'app/Dockerfile', dockerfiles: 'app/Dockerfile', 'sarif-file': 'out/ballast.sarif' },
      event: pullRequestEvent(),
    });
    const hidden = commands(r.stdout, 'warning').filter((c) => c.includes('no-hidden-layer-bytes'));
    expect(hidden.length).toBe(1);
    expect(hidden[0]).toMatch(/file=app\/Dockerfile,line=2,/);
    const sarif = JSON.parse(readFileSync(join(ws, 'out/ballast.sarif'), 'utf8'));
    const result = sarif.runs[0].results.find((x: { ruleId: string }) => x.ruleId === 'no-hidden-layer-bytes');
    expect(result.locations[0].physicalLocation.artifactLocation.uri).toBe('app/Dockerfile');
    expect(result.locations[0].physicalLocation.region.startLine).toBe(2);
  });

  it('passes when the thresholds are met (an engine image, through an injected analyzer)', async () => {
    const ws = await imageWorkspace('extends: none\nimage:\n  lowestEfficiency: 0.1\n');
    const analysis = await import('../../src/layers/index.js').then((m) => m.analyzeImage(`docker-archive:${join(ws, 'image.tar')}`));
    const r = await simulate({ workspace: ws, inputs: { image: 'app:ci', 'dockerfile-for-image': 'app/Dockerfile', dockerfiles: 'app/Dockerfile' }, analyzeImage: async (ref) => ({ ...analysis, ref }) });
    expect(r.code).toBe(0);
    expect(r.summary).toMatch(/\| lowestEfficiency \| 10\.0% \| \d+\.\d% \| ✅ pass \|/);
    expect(r.summary).toContain('📦 Image `app:ci`: 2.6 MB, 1.5 MB wasted');
    expect(r.summary).toContain('thresholds met');
  });

  it('an image that cannot be read fails the step with a clear message', async () => {
    const r = await simulate({ files: { Dockerfile: DOCKERFILE }, inputs: { image: 'docker-archive:/nonexistent/image.tar' } });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^::error::ballast: .*\/nonexistent\/image\.tar.*$/m);
  });
});

describe('thresholds and formatting', () => {
  const base = { efficiency: 0.8, diveWastedBytes: 5 * MB, userWastedPercent: 0.3 } as ImageAnalysis;
  it('follows dive: -1 (disabled) and absent thresholds are skipped; limits are inclusive', () => {
    expect(checkThresholds(base, {})).toEqual([]);
    expect(checkThresholds(base, { lowestEfficiency: -1, highestWastedBytes: -1, highestUserWastedPercent: -1 })).toEqual([]);
    const c = checkThresholds(base, { lowestEfficiency: 0.8, highestWastedBytes: 5 * MB, highestUserWastedPercent: 0.29 });
    expect(c.map((x) => [x.name, x.pass])).toEqual([
      ['lowestEfficiency', true],
      ['highestWastedBytes', true],
      ['highestUserWastedPercent', false],
    ]);
  });

  it('formats sizes in decimal units and history lines on one line', () => {
    expect([0, 999, 1000, 1_234_567, 123_456_789, 2e9].map(formatBytes)).toEqual(['0 B', '999 B', '1 kB', '1.23 MB', '123 MB', '2 GB']);
    expect(oneLine('/bin/sh -c #(nop)  CMD ["sh"]', 80)).toBe('CMD ["sh"]');
    expect(oneLine('/bin/sh -c apt-get update &&     apt-get install -y x', 80)).toBe('RUN apt-get update && apt-get install -y x');
    expect(oneLine('', 80)).toBe('(no history)');
    expect(oneLine('x'.repeat(100), 10)).toBe(`${'x'.repeat(9)}…`);
  });
});
