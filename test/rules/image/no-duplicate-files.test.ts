import { beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../../src/core/diagnostic.js';
import type { ImageAnalysis } from '../../../src/layers/model.js';
import { analyzeTestImage, imageRuleFindings, WASTEFUL } from '../../helpers/image-analysis.js';

let analysis: ImageAnalysis;
beforeAll(async () => {
  analysis = (await analyzeTestImage(WASTEFUL)).analysis;
});

const run = (ids: string[], dockerfile?: string, options?: Record<string, unknown>): Finding[] => imageRuleFindings(analysis, ids, dockerfile, options);

describe('no-duplicate-files', () => {
  it('no-duplicate-files finds equal content at two paths', () => {
    const f = run(['no-duplicate-files']);
    expect(f).toHaveLength(1);
    expect(f[0].message).toMatch(/^2 copies of the same 2 MB file/);
  });
});
