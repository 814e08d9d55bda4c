import { beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../../src/core/diagnostic.js';
import { DockerfileSource } from '../../../src/dockerfile/source.js';
import { DEFAULT_CONFIG } from '../../../src/engine/config.js';
import { analyzeImageFindings } from '../../../src/engine/analyze-image.js';
import type { ImageAnalysis } from '../../../src/layers/model.js';
import { rules } from '../../../src/rules/index.js';
import { analyzeTestImage, WASTEFUL } from '../../helpers/image-analysis.js';

let analysis: ImageAnalysis;
beforeAll(async () => {
  analysis = (await analyzeTestImage(WASTEFUL)).analysis;
});

function run(ids: string[], dockerfile?: string, options?: Record<string, unknown>): Finding[] {
  const config = { ...DEFAULT_CONFIG, preset: 'none' as const, rules: Object.fromEntries(ids.map((id) => [id, { severity: 'warn' as const, options }])) };
  return [...analyzeImageFindings(analysis, { rules, config, dockerfile: dockerfile ? DockerfileSource.parse('Dockerfile', dockerfile) : undefined }).findings];
}

describe('no-wasted-space', () => {
  it('no-wasted-space applies dive thresholds', () => {
    const f = run(['no-wasted-space']);
    expect(f.map((x) => x.messageId).sort()).toEqual(['efficiency', 'userWasted']);
    expect(f[0].location).toMatchObject({ kind: 'layer', image: analysis.ref });
    expect(run(['no-wasted-space'], undefined, { lowestEfficiency: 0.1, highestUserWastedPercent: 0.99 })).toEqual([]);
    expect(run(['no-wasted-space'], undefined, { lowestEfficiency: -1, highestUserWastedPercent: -1, highestWastedBytes: 1_000_000 }).map((x) => x.messageId)).toEqual(['wastedBytes']);
  });
});
