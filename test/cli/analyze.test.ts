import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { dockerArchiveLegacy } from '../layers/helpers/image-builder.js';
import { cli } from '../helpers/fake-io.js';
import { WASTEFUL, WASTEFUL_DOCKERFILE } from '../helpers/image-analysis.js';

let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ballast-analyze-'));
  writeFileSync(join(dir, 'image.tar'), await dockerArchiveLegacy(WASTEFUL));
  writeFileSync(join(dir, 'Dockerfile'), WASTEFUL_DOCKERFILE);
});

describe('ballast analyze', () => {
  it('prints the layer table, waste, leftovers and savings, and exits 0 without --ci', async () => {
    const r = await cli(['analyze', 'image.tar'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('17 MB in 4 layers');
    expect(r.stdout).toMatch(/1\s+11 MB\s+█+\s+3 MB\s+RUN apt-get update/);
    expect(r.stdout).toContain('3 MB  /tmp/tool.tar.gz  written by layer 1, deleted by layer 2');
    expect(r.stdout).toMatch(/now 17 MB, about 4 MB possible/);
    expect(r.stderr).toBe('');
  });

  it('--ci checks dive thresholds and exits 1 when crossed', async () => {
    const r = await cli(['analyze', 'image.tar', '--ci'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('FAIL lowestEfficiency: 70.59% (threshold 90.00%)');
  });

  it('--ci reads .dive-ci when .ballast.yaml has no thresholds', async () => {
    const d = mkdtempSync(join(tmpdir(), 'ballast-dive-'));
    writeFileSync(join(d, 'image.tar'), readFileSync(join(dir, 'image.tar')));
    writeFileSync(join(d, '.dive-ci'), 'rules:\n  lowestEfficiency: 0.5\n  highestWastedBytes: 20MB\n  highestUserWastedPercent: disabled\n');
    const r = await cli(['analyze', 'image.tar', '--ci'], { cwd: d });
    expect(r.stdout).toContain('PASS lowestEfficiency');
    expect(r.stdout).toContain('SKIP highestUserWastedPercent');
    expect(r.code).toBe(0);
    writeFileSync(join(d, '.dive-ci'), 'rules:\n  lowestEfficiency: 0.5\n  lowestEfficiency: 0.9\n');
    const dup = await cli(['analyze', 'image.tar', '--ci'], { cwd: d });
    expect(dup.code).toBe(2);
    expect(dup.stderr).toContain('map keys must be unique ("lowestEfficiency" appears twice)');
  });

  it('json is the documented contract', async () => {
    const r = await cli(['analyze', `docker-archive:${join(dir, 'image.tar')}`, '--format', 'json'], { cwd: dir });
    const doc = JSON.parse(r.stdout);
    expect(doc.version).toBe(1);
    expect(doc.layers[1]).toMatchObject({ index: 1, sizeBytes: 11_000_000, fileCount: 3 });
    expect(doc.layers[1].createdBy).toMatch(/apt-get update/);
    for (const k of ['totalBytes', 'finalBytes', 'wastedBytes', 'efficiency', 'userWastedPercent', 'duplicateContentBytes']) expect(doc, k).toHaveProperty(k);
    expect(doc.wastedBytes).toBe(5_000_000);
    expect(doc.findings.length).toBeGreaterThan(0);
    expect(doc.findings[0]).toHaveProperty('layer');
  });

  it('with --dockerfile, SARIF results point at the RUN line', async () => {
    const r = await cli(['analyze', 'image.tar', '--dockerfile', 'Dockerfile', '--format', 'sarif'], { cwd: dir });
    const sarif = JSON.parse(r.stdout);
    const lines = sarif.runs[0].results.map((x: any) => x.locations[0].physicalLocation.region.startLine);
    expect(lines).toContain(2);
    expect(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('Dockerfile');
  });

  it('bad input is a clear error with exit 2', async () => {
    writeFileSync(join(dir, 'garbage.tar'), 'not a tar at all, just text that goes on for a while'.repeat(20));
    for (const ref of ['garbage.tar', 'docker-archive:missing.tar', 'oci:/nonexistent']) {
      const r = await cli(['analyze', ref], { cwd: dir });
      expect(r.code, ref).toBe(2);
      expect(r.stderr).toMatch(/^ballast: /);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });
});
