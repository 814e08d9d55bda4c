import { describe, expect, it } from 'vitest';
import type { LintResult } from '../../src/core/diagnostic.js';
import { CLEAN_CASE_NAME, junit } from '../../src/formatters/junit.js';
import { API_RESULT, CLEAN_RESULT, NASTY_MESSAGE, RESULTS, ctx } from './fixtures.js';
import { findAll, parseXml } from './xml.js';

describe('junit', () => {
  const xml = junit(RESULTS, ctx);
  const root = parseXml(xml);

  it('is well-formed, with totals on <testsuites>', () => {
    expect(root.name).toBe('testsuites');
    expect(root.attrs).toEqual({ name: 'ballast', tests: '8', failures: '7', errors: '0' });
    expect(parseXml(junit([], ctx)).attrs).toEqual({ name: 'ballast', tests: '0', failures: '0', errors: '0' });
  });

  it('has one <testsuite> per result with consistent counts', () => {
    const suites = findAll(root, 'testsuite');
    expect(suites.map((s) => [s.attrs.name, s.attrs.tests, s.attrs.failures])).toEqual([
      ['services/api/Dockerfile', '5', '5'],
      ['Dockerfile.clean', '1', '0'],
      ['docker/my app/Dockerfile', '1', '1'],
      ['docker:app:1.0', '1', '1'],
    ]);
    for (const s of suites) {
      expect(findAll(s, 'testcase')).toHaveLength(Number(s.attrs.tests));
      expect(findAll(s, 'failure')).toHaveLength(Number(s.attrs.failures));
    }
  });

  it('gives a clean file one passing test case', () => {
    const suite = parseXml(junit([CLEAN_RESULT], ctx)).children[0];
    expect(suite.children).toEqual([{ name: 'testcase', attrs: { classname: 'Dockerfile.clean', name: CLEAN_CASE_NAME }, children: [], text: '' }]);
  });

  it('writes a test case per finding named `<id> line:col`, with a failure typed by severity', () => {
    const cases = findAll(root, 'testcase');
    expect(cases.map((c) => c.attrs.name)).toEqual([
      'add-remote-unchecked 4:5',
      'pip-no-cache-dir 2:5',
      'apt-cache-mount 3:1',
      'toolchain-shipped 3:42',
      'pip-no-cache-dir 5:9',
      CLEAN_CASE_NAME,
      'syntax-error 2:10',
      'apt-lists-left layer 3 /var/lib/apt/lists',
    ]);
    const failure = cases[0].children[0];
    expect(failure.name).toBe('failure');
    expect(failure.attrs).toEqual({ message: NASTY_MESSAGE.replace('\u0007', '\\u0007'), type: 'error' });
    expect(failure.text).toBe(
      [
        `DF401 add-remote-unchecked (DL3020, DL3047): ${NASTY_MESSAGE.replace('\u0007', '\\u0007')}`,
        'error at services/api/Dockerfile:4:5',
        `Docs: ${ctx.docsUrl('add-remote-unchecked')}`,
      ].join('\n'),
    );
    expect(cases[1].children[0].text).toContain('Fix (safe): Add --no-cache-dir');
    expect(cases.map((c) => c.children[0]?.attrs.type)).toEqual(['error', 'warn', 'info', 'info', 'warn', undefined, 'error', 'warn']);
  });

  it('keeps test case names unique within a suite', () => {
    const twice: LintResult = { ...API_RESULT, findings: [API_RESULT.findings[1], API_RESULT.findings[1]] };
    const names = findAll(parseXml(junit([twice], ctx)), 'testcase').map((c) => c.attrs.name);
    expect(names).toEqual(['pip-no-cache-dir 2:5', 'pip-no-cache-dir 2:5 (2)']);
  });

  it('matches the snapshot', () => {
    expect(xml).toMatchSnapshot();
  });
});
