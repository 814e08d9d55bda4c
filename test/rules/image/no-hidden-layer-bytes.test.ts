import { beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../../src/core/diagnostic.js';
import type { ImageAnalysis } from '../../../src/layers/model.js';
import { analyzeTestImage, imageRuleFindings, WASTEFUL } from '../../helpers/image-analysis.js';

let analysis: ImageAnalysis;
beforeAll(async () => {
  analysis = (await analyzeTestImage(WASTEFUL)).analysis;
});

const run = (ids: string[], dockerfile?: string, options?: Record<string, unknown>): Finding[] => imageRuleFindings(analysis, ids, dockerfile, options);

describe('no-hidden-layer-bytes', () => {
  it('no-hidden-layer-bytes reports deleted and overwritten bytes with the layer that hid them', () => {
    const f = run(['no-hidden-layer-bytes']);
    expect(f.map((x) => x.messageId).sort()).toEqual(['overwritten', 'removed']);
    const removed = f.find((x) => x.messageId === 'removed')!;
    expect(removed.message).toBe(
      'Layer 1 ships 3 MB in 1 file that layer 2 deletes: the bytes stay in the image. Delete them in the same RUN that creates them, or build them in a separate stage.',
    );
    expect(removed.related?.[0].location).toMatchObject({ kind: 'layer', layer: 2 });
  });
});
