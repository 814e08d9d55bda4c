import { beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../src/core/diagnostic.js';
import type { ImageAnalysis } from '../../src/layers/model.js';
import { analyzeTestImage, imageRuleFindings, WASTEFUL, WASTEFUL_DOCKERFILE } from '../helpers/image-analysis.js';

let analysis: ImageAnalysis;
beforeAll(async () => {
  analysis = (await analyzeTestImage(WASTEFUL)).analysis;
});

const run = (ids: string[], dockerfile?: string, options?: Record<string, unknown>): Finding[] => imageRuleFindings(analysis, ids, dockerfile, options);

describe('provenance', () => {
  it('with the Dockerfile, findings land on the RUN that made the layer', () => {
    const f = run(['no-hidden-layer-bytes', 'no-package-cache-in-image'], WASTEFUL_DOCKERFILE);
    for (const x of f) expect(x.location.kind).toBe('source');
    const cache = f.find((x) => x.ruleId === 'no-package-cache-in-image')!;
    expect(cache.location.kind === 'source' && cache.location.start.line).toBe(2);
    const overwritten = f.find((x) => x.messageId === 'overwritten')!;
    expect(overwritten.location.kind === 'source' && overwritten.location.start.line).toBe(4);
    expect(overwritten.related?.some((r) => r.location.kind === 'source' && r.location.start.line === 5)).toBe(true);
  });
});

describe('normalizeCreatedBy', () => {
  it('keeps flags of the command and drops the builder decoration', async () => {
    const { normalizeCreatedBy } = await import('../../src/engine/provenance.js');
    expect(normalizeCreatedBy('RUN /bin/sh -c apk add --no-cache curl # buildkit')).toEqual({ keyword: 'RUN', body: 'apk add --no-cache curl' });
    expect(normalizeCreatedBy('RUN --mount=type=cache,target=/root/.npm /bin/sh -c npm ci # buildkit')).toEqual({ keyword: 'RUN', body: 'npm ci' });
    expect(normalizeCreatedBy('RUN |2 A=1 B=2 /bin/sh -c make install # buildkit')).toEqual({ keyword: 'RUN', body: 'make install' });
    expect(normalizeCreatedBy('/bin/sh -c #(nop) COPY dir:abc in /app ')).toEqual({ keyword: 'COPY', body: 'dir:abc in /app' });
    expect(normalizeCreatedBy('/bin/sh -c apt-get update')).toEqual({ keyword: 'RUN', body: 'apt-get update' });
  });
});
