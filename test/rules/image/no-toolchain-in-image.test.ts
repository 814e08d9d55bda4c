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

describe('no-toolchain-in-image', () => {
  it('no-toolchain-in-image finds the compiler', () => {
    const f = run(['no-toolchain-in-image']);
    expect(f).toHaveLength(1);
    expect(f[0].message).toMatch(/6 MB of build toolchain/);
  });
});
