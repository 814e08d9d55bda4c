import { describe, expect, it } from 'vitest';
import { formatBytes, formatPercent } from '../../src/core/bytes.js';

describe('formatBytes', () => {
  it('uses SI units like docker and dive', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(999)).toBe('999 B');
    expect(formatBytes(1000)).toBe('1 kB');
    expect(formatBytes(400_000)).toBe('400 kB');
    expect(formatBytes(1_230_000_000)).toBe('1.23 GB');
    expect(formatBytes(45_600_000)).toBe('45.6 MB');
    expect(formatBytes(10_000_000)).toBe('10 MB');
    expect(formatBytes(-2_500_000)).toBe('-2.5 MB');
  });
  it('formats ratios as percentages', () => {
    expect(formatPercent(0.8512)).toBe('85.1%');
    expect(formatPercent(null)).toBe('n/a');
  });
});
