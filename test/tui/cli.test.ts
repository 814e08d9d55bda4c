import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/fake-io.js';

describe('ballast explore (CLI)', () => {
  it('refuses to run without a terminal, suggests analyze, exits 2', async () => {
    const r = await cli(['explore', 'fixtures/images/example.tar']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('standard output is not a terminal');
    expect(r.stderr).toContain('ballast analyze fixtures/images/example.tar');
  });

  it('is listed in the help', async () => {
    const r = await cli(['--help']);
    expect(r.stdout).toMatch(/explore \[options\] <image>/);
  });
});
