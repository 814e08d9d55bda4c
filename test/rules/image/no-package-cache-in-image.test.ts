import { beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../../src/core/diagnostic.js';
import type { ImageAnalysis } from '../../../src/layers/model.js';
import { analyzeTestImage, imageRuleFindings, WASTEFUL } from '../../helpers/image-analysis.js';

let analysis: ImageAnalysis;
beforeAll(async () => {
  analysis = (await analyzeTestImage(WASTEFUL)).analysis;
});

const run = (ids: string[], dockerfile?: string, options?: Record<string, unknown>): Finding[] => imageRuleFindings(analysis, ids, dockerfile, options);

describe('no-package-cache-in-image', () => {
  it('no-package-cache-in-image finds apt lists', () => {
    const f = run(['no-package-cache-in-image']);
    expect(f).toHaveLength(1);
    expect(f[0].message).toMatch(/^2 MB of apt lists left in the image at \/?var\/lib\/apt\/lists/);
  });
});
