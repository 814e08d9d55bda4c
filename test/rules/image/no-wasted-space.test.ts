import { beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../../src/core/diagnostic.js';
import type { ImageAnalysis } from '../../../src/layers/model.js';
import { analyzeTestImage, imageRuleFindings, WASTEFUL } from '../../helpers/image-analysis.js';

let analysis: ImageAnalysis;
beforeAll(async () => {
  analysis = (await analyzeTestImage(WASTEFUL)).analysis;
});

const run = (ids: string[], dockerfile?: string, options?: Record<string, unknown>): Finding[] => imageRuleFindings(analysis, ids, dockerfile, options);

describe('no-wasted-space', () => {
  it('no-wasted-space applies dive thresholds', () => {
    const f = run(['no-wasted-space']);
    expect(f.map((x) => x.messageId).sort()).toEqual(['efficiency', 'userWasted']);
    expect(f[0].location).toMatchObject({ kind: 'layer', image: analysis.ref });
    expect(run(['no-wasted-space'], undefined, { lowestEfficiency: 0.1, highestUserWastedPercent: 0.99 })).toEqual([]);
    expect(run(['no-wasted-space'], undefined, { lowestEfficiency: -1, highestUserWastedPercent: -1, highestWastedBytes: 1_000_000 }).map((x) => x.messageId)).toEqual(['wastedBytes']);
  });
});
