import type * as Sarif from 'sarif';
import { describe, expect, it } from 'vitest';
import type { LintResult } from '../../src/core/diagnostic.js';
import { applyEdits as applyEditsForTest } from '../../src/core/fixer.js';
import { SARIF_SCHEMA, pascalCase, sarif } from '../../src/formatters/sarif.js';
import {
  API_FILE,
  API_RESULT,
  API_SOURCE,
  CLEAN_RESULT,
  IMAGE_REF,
  IMAGE_RESULT,
  NASTY_MESSAGE,
  RESULTS,
  SPACED_RESULT,
  ctx,
} from './fixtures.js';
import { isUri, isUriReference, sarifErrors } from './sarif-schema.js';

const render = (results: readonly LintResult[] = RESULTS, c = ctx): Sarif.Log => JSON.parse(sarif(results, c)) as Sarif.Log;
const run = (log: Sarif.Log): Sarif.Run => log.runs[0];

describe('sarif', () => {
  it('is valid against the official SARIF 2.1.0 schema', () => {
    expect(sarifErrors(render())).toEqual([]);
    expect(sarifErrors(render([]))).toEqual([]);
    expect(sarifErrors(render([CLEAN_RESULT]))).toEqual([]);
  });

  it('the validator really validates (rejects broken logs)', () => {
    const log = render();
    const broken = structuredClone(log);
    run(broken).results![0].locations![0].physicalLocation!.region!.startLine = 0;
    expect(sarifErrors(broken).join('\n')).toMatch(/startLine/);
    const badUri = structuredClone(log);
    run(badUri).results![0].locations![0].physicalLocation!.artifactLocation!.uri = 'has space/Dockerfile';
    expect(sarifErrors(badUri).join('\n')).toMatch(/format/);
    expect(sarifErrors({ version: '2.1.0' })).not.toEqual([]);
    expect(isUri('docker:app:1.0')).toBe(true);
    expect(isUriReference('a%2')).toBe(false);
  });

  it('has the top level, one run, the driver and utf16 columns', () => {
    const log = render();
    expect(log.$schema).toBe(SARIF_SCHEMA);
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    const r = run(log);
    expect(r.columnKind).toBe('utf16CodeUnits');
    const { rules: _rules, ...driver } = r.tool.driver;
    expect(driver).toEqual({ name: 'ballast', version: '0.1.0', semanticVersion: '0.1.0', informationUri: 'https://github.com/ballast-tools/ballast' });
    expect(run(render(RESULTS, { ...ctx, toolVersion: 'dev' })).tool.driver.semanticVersion).toBeUndefined();
  });

  it('meets the fields GitHub code scanning requires', () => {
    const r = run(render());
    const rules = r.tool.driver.rules!;
    expect(rules.length).toBeGreaterThan(0);
    for (const rule of rules) {
      expect(rule.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(rule.shortDescription?.text).toBeTruthy();
      expect(rule.shortDescription!.text.length).toBeLessThanOrEqual(1024);
      expect(rule.fullDescription?.text).toBeTruthy();
      expect(rule.fullDescription!.text.length).toBeLessThanOrEqual(1024);
      expect(rule.help?.text).toBeTruthy();
      expect(rule.help?.markdown).toBeTruthy();
      expect(rule.name!.length).toBeLessThanOrEqual(255);
      expect(rule.helpUri).toBe(ctx.docsUrl(rule.id));
      expect(['note', 'warning', 'error']).toContain(rule.defaultConfiguration?.level);
      const p = rule.properties!;
      expect((p.tags as string[]).length).toBeLessThanOrEqual(20);
      expect(['very-high', 'high', 'medium', 'low']).toContain(p.precision);
      expect(['error', 'warning', 'recommendation']).toContain(p['problem.severity']);
    }
    for (const res of r.results!) {
      expect(res.message.text).toBeTruthy();
      expect(res.locations!.length).toBeGreaterThanOrEqual(1);
      expect(res.locations!.length).toBeLessThanOrEqual(10);
      expect(res.partialFingerprints?.primaryLocationLineHash).toMatch(/^[0-9a-f]{16}:\d+$/);
      expect(rules[res.ruleIndex!].id).toBe(res.ruleId);
      expect(['note', 'warning', 'error']).toContain(res.level);
    }
  });

  it('lists in driver.rules exactly the rules that produced findings, sorted by code', () => {
    const rules = run(render()).tool.driver.rules!;
    expect(rules.map((x) => `${x.properties!.code} ${x.id} ${x.name}`)).toEqual([
      'DF100 syntax-error SyntaxError',
      'DF201 apt-cache-mount AptCacheMount',
      'DF301 pip-no-cache-dir PipNoCacheDir',
      'DF302 toolchain-shipped ToolchainShipped',
      'DF401 add-remote-unchecked AddRemoteUnchecked',
      'IM301 apt-lists-left AptListsLeft',
    ]);
    expect(run(render([CLEAN_RESULT])).tool.driver.rules).toEqual([]);
  });

  it('describes a rule: tags, severities, security-severity only for security rules, docs text as help', () => {
    const byId = (log: Sarif.Log, id: string) => run(log).tool.driver.rules!.find((x) => x.id === id)!;
    const pip = byId(render(), 'pip-no-cache-dir');
    expect(pip.properties).toMatchObject({ tags: ['size', 'dockerfile', 'DL3042'], precision: 'high', 'problem.severity': 'warning', aliases: ['DL3042'] });
    expect(pip.properties!['security-severity']).toBeUndefined();
    expect(pip.defaultConfiguration).toEqual({ level: 'warning' });
    expect(pip.help!.markdown).toContain(`](${ctx.docsUrl('pip-no-cache-dir')})`);
    const add = byId(render(), 'add-remote-unchecked');
    expect(add.properties).toMatchObject({ tags: ['security', 'dockerfile', 'DL3020', 'DL3047'], 'security-severity': '7.5', 'problem.severity': 'error' });
    expect(byId(render(), 'toolchain-shipped').properties!.precision).toBe('medium');
    expect(byId(render(), 'apt-lists-left').properties!.tags).toEqual(['size', 'image']);

    const docs = '# pip-no-cache-dir\n\nLong **markdown** page.';
    const withDocs = byId(render(RESULTS, { ...ctx, docsText: (id) => (id === 'pip-no-cache-dir' ? docs : undefined) }), 'pip-no-cache-dir');
    expect(withDocs.help).toEqual({ text: docs, markdown: docs });

    const long = 'x'.repeat(2000);
    const clipped = byId(render([API_RESULT], { ...ctx, rules: new Map([...ctx.rules].map(([k, m]) => [k, { ...m, description: long }])) }), 'pip-no-cache-dir');
    expect(clipped.shortDescription!.text).toHaveLength(1024);
    expect(clipped.fullDescription!.text).toHaveLength(1024);
  });

  it('describes a rule missing from ctx.rules from its finding', () => {
    const log = render([API_RESULT], { ...ctx, rules: new Map() });
    expect(sarifErrors(log)).toEqual([]);
    expect(run(log).tool.driver.rules!.map((x) => x.id)).toContain('pip-no-cache-dir');
  });

  it('points at repo-relative files with 1-based regions, endColumn exclusive, and a snippet', () => {
    const results = run(render()).results!;
    const add = results.find((x) => x.ruleId === 'add-remote-unchecked')!;
    expect(add.message.text).toBe(NASTY_MESSAGE);
    expect(add.locations![0].physicalLocation).toEqual({
      artifactLocation: { uri: 'services/api/Dockerfile', uriBaseId: '%SRCROOT%' },
      region: { startLine: 4, startColumn: 5, endLine: 4, endColumn: 30, snippet: { text: 'https://example.com/x.tgz' } },
    });
    // the region's width in columns equals the snippet's length
    const reg = add.locations![0].physicalLocation!.region!;
    expect(reg.endColumn! - reg.startColumn!).toBe(reg.snippet!.text!.length);
    expect(add.relatedLocations).toEqual([
      expect.objectContaining({ id: 1, message: { text: 'the stage starts here' } }),
    ]);
    expect(add.properties).toEqual({ code: 'DF401', aliases: ['DL3020', 'DL3047'] });
  });

  it('percent-encodes paths and does not let a span spill onto the next line', () => {
    const res = run(render([SPACED_RESULT])).results![0];
    const loc = res.locations![0].physicalLocation!;
    expect(loc.artifactLocation).toEqual({ uri: 'docker/my%20app/Dockerfile', uriBaseId: '%SRCROOT%' });
    // the span '"unterminated\n' ends at 3:1; the region ends at the end of line 2 instead
    expect(loc.region).toMatchObject({ startLine: 2, startColumn: 10, endLine: 2, endColumn: 23 });
  });

  it('uses an absolute file: URI (no uriBaseId) for files outside cwd, and windows-style paths get forward slashes', () => {
    const outside: LintResult = { ...API_RESULT, subject: { kind: 'file', path: '/elsewhere/ü/Dockerfile' }, findings: API_RESULT.findings.slice(1, 2).map((f) => ({ ...f, location: { ...f.location, file: '/elsewhere/ü/Dockerfile' } as typeof f.location })) };
    const log = render([outside]);
    expect(sarifErrors(log)).toEqual([]);
    expect(run(log).results![0].locations![0].physicalLocation!.artifactLocation).toEqual({ uri: 'file:///elsewhere/%C3%BC/Dockerfile' });
  });

  it('fingerprints: stable hash of rule + line text + occurrence', () => {
    const fp = (log: Sarif.Log) => run(log).results!.map((x) => `${x.ruleId} ${x.partialFingerprints!.primaryLocationLineHash}`);
    const base = fp(render([API_RESULT]));
    const pips = base.filter((x) => x.startsWith('pip-no-cache-dir'));
    // the two `pip install flask` lines differ only in indentation: same hash, occurrences 1 and 2
    expect(pips).toHaveLength(2);
    expect(pips[0].replace(/:\d+$/, '')).toBe(pips[1].replace(/:\d+$/, ''));
    expect(pips.map((x) => x.slice(-2))).toEqual([':1', ':2']);
    expect(new Set(base).size).toBe(base.length);

    // the engine's order does not matter
    const reversed = { ...API_RESULT, findings: [...API_RESULT.findings].reverse() };
    expect(fp(render([reversed])).sort()).toEqual([...base].sort());

    // inserting lines above moves every finding but keeps every fingerprint
    const shift = '# a comment\n\n';
    const moved: LintResult = {
      ...API_RESULT,
      source: shift + API_SOURCE,
      findings: API_RESULT.findings.map((f) => {
        if (f.location.kind !== 'source') return f;
        const l = f.location;
        return {
          ...f,
          location: { ...l, span: { start: l.span.start + shift.length, end: l.span.end + shift.length }, start: { ...l.start, line: l.start.line + 2 }, end: { ...l.end, line: l.end.line + 2 } },
        };
      }),
    };
    expect(fp(render([moved]))).toEqual(base);

    // a different rule on the same line gets a different hash
    const apt = base.find((x) => x.startsWith('apt-cache-mount'))!.split(' ')[1];
    const tool = base.find((x) => x.startsWith('toolchain-shipped'))!.split(' ')[1];
    expect(apt).not.toBe(tool);
  });

  it('turns safe and unsafe fixes into SARIF fixes (display-only ones are left out)', () => {
    const results = run(render([API_RESULT])).results!;
    const pip = results.find((x) => x.ruleId === 'pip-no-cache-dir')!;
    expect(pip.fixes).toEqual([
      {
        description: { text: 'Add --no-cache-dir' },
        artifactChanges: [
          {
            artifactLocation: { uri: 'services/api/Dockerfile', uriBaseId: '%SRCROOT%' },
            replacements: [
              { deletedRegion: { charOffset: 32, charLength: 0, startLine: 2, startColumn: 16, endLine: 2, endColumn: 16 }, insertedContent: { text: ' --no-cache-dir' } },
            ],
          },
        ],
        properties: { applicability: 'safe' },
      },
    ]);
    const apt = results.find((x) => x.ruleId === 'apt-cache-mount')!;
    expect(apt.fixes).toHaveLength(1);
    expect(apt.fixes![0].description!.text).toBe('Add cache mounts for apt (unsafe fix)');
    expect(apt.fixes![0].artifactChanges[0].replacements).toHaveLength(2);
    expect(results.find((x) => x.ruleId === 'toolchain-shipped')!.fixes).toBeUndefined();
    expect(results.find((x) => x.ruleId === 'toolchain-shipped')!.properties!.fix).toEqual({ title: 'Split into a build stage', applicability: 'display-only' });

    // applying the SARIF replacements gives what applying our edits gives
    for (const res of results.filter((x) => x.fixes)) {
      const finding = API_RESULT.findings.find((f) => f.ruleId === res.ruleId && res.locations![0].physicalLocation!.region!.startLine === (f.location.kind === 'source' ? f.location.start.line : 0))!;
      const fromSarif = applyEditsForTest(
        API_SOURCE,
        res.fixes![0].artifactChanges[0].replacements.map((r) => ({
          span: { start: r.deletedRegion.charOffset!, end: r.deletedRegion.charOffset! + r.deletedRegion.charLength! },
          text: r.insertedContent?.text ?? '',
        })),
      );
      expect(fromSarif).toBe(applyEditsForTest(API_SOURCE, finding.fix!.edits));
    }
  });

  it('places layer findings with a logical location and the image as artifact', () => {
    const res = run(render([IMAGE_RESULT])).results![0];
    expect(res.locations).toEqual([
      {
        physicalLocation: { artifactLocation: { uri: IMAGE_REF, description: { text: `container image ${IMAGE_REF}` } } },
        logicalLocations: [
          {
            name: '/var/lib/apt/lists',
            fullyQualifiedName: `${IMAGE_REF}/layers/3/var/lib/apt/lists`,
            kind: 'resource',
            properties: { image: IMAGE_REF, layer: 3, digest: `sha256:${'ab12'.repeat(16)}`, path: '/var/lib/apt/lists' },
          },
        ],
        message: { text: `${IMAGE_REF} layer 3 (sha256:ab12ab12ab12) /var/lib/apt/lists` },
      },
    ]);
    // a layer finding reported against a Dockerfile points at the file
    const onFile: LintResult = { subject: { kind: 'file', path: API_FILE }, suppressed: 0, findings: IMAGE_RESULT.findings };
    const log = render([onFile]);
    expect(sarifErrors(log)).toEqual([]);
    expect(run(log).results![0].locations![0].physicalLocation!.artifactLocation).toEqual({ uri: 'services/api/Dockerfile', uriBaseId: '%SRCROOT%' });
  });

  it('is deterministic and ends with a newline', () => {
    const a = sarif(RESULTS, ctx);
    expect(sarif(RESULTS, ctx)).toBe(a);
    expect(a.endsWith('}\n')).toBe(true);
  });

  it('pascalCase', () => {
    expect(pascalCase('pip-no-cache-dir')).toBe('PipNoCacheDir');
    expect(pascalCase('syntax-error')).toBe('SyntaxError');
  });

  it('matches the snapshot', () => {
    expect(sarif(RESULTS, ctx)).toMatchSnapshot();
  });
});
