import { describe, expect, it } from 'vitest';
import type { LintResult } from '../../src/core/diagnostic.js';
import { type GitlabIssue, gitlab } from '../../src/formatters/gitlab.js';
import { API_RESULT, API_SOURCE, CLEAN_RESULT, NASTY_MESSAGE, RESULTS, ctx } from './fixtures.js';

const render = (results: readonly LintResult[] = RESULTS) => JSON.parse(gitlab(results, ctx)) as GitlabIssue[];

describe('gitlab', () => {
  it('is a JSON array of Code Quality issues with the required fields', () => {
    const issues = render();
    expect(issues).toHaveLength(7);
    for (const i of issues) {
      expect(typeof i.description).toBe('string');
      expect(i.description).not.toBe('');
      expect(typeof i.check_name).toBe('string');
      expect(i.fingerprint).toMatch(/^[0-9a-f]{40}$/);
      expect(['info', 'minor', 'major', 'critical', 'blocker']).toContain(i.severity);
      expect(typeof i.location.path).toBe('string');
      expect(Number.isInteger(i.location.lines.begin) && i.location.lines.begin >= 1).toBe(true);
      expect(i.categories.length).toBeGreaterThan(0);
    }
    expect(render([])).toEqual([]);
    expect(render([CLEAN_RESULT])).toEqual([]);
  });

  it('maps fields and severities', () => {
    const issues = render();
    expect(issues[0]).toMatchObject({
      type: 'issue',
      engine_name: 'ballast',
      check_name: 'add-remote-unchecked',
      description: NASTY_MESSAGE,
      categories: ['Security'],
      severity: 'critical',
      location: { path: 'services/api/Dockerfile', lines: { begin: 4, end: 4 } },
    });
    expect(issues.map((i) => `${i.check_name} ${i.severity} ${i.categories[0]}`)).toEqual([
      'add-remote-unchecked critical Security',
      'pip-no-cache-dir major Performance',
      'apt-cache-mount info Performance',
      'toolchain-shipped info Performance',
      'pip-no-cache-dir major Performance',
      'syntax-error critical Bug Risk',
      'apt-lists-left major Performance',
    ]);
    expect(issues.at(-1)!.location).toEqual({ path: 'docker:app:1.0', lines: { begin: 1, end: 1 } });
    expect(issues.at(-2)!.location).toEqual({ path: 'docker/my app/Dockerfile', lines: { begin: 2, end: 2 } });
  });

  it('fingerprints are unique, and stable under reordering and edits above', () => {
    const fps = render().map((i) => i.fingerprint);
    expect(new Set(fps).size).toBe(fps.length);
    const api = render([API_RESULT]).map((i) => i.fingerprint);
    expect(render([{ ...API_RESULT, findings: [...API_RESULT.findings].reverse() }]).map((i) => i.fingerprint).sort()).toEqual([...api].sort());
    const shift = 'ARG X=1\n';
    const moved: LintResult = {
      ...API_RESULT,
      source: shift + API_SOURCE,
      findings: API_RESULT.findings.map((f) => {
        if (f.location.kind !== 'source') return f;
        const l = f.location;
        return { ...f, location: { ...l, span: { start: l.span.start + shift.length, end: l.span.end + shift.length }, start: { ...l.start, line: l.start.line + 1 }, end: { ...l.end, line: l.end.line + 1 } } };
      }),
    };
    expect(render([moved]).map((i) => i.fingerprint)).toEqual(api);
    // the same finding in another file has another fingerprint
    const other = render([{ ...API_RESULT, subject: { kind: 'file', path: '/repo/other/Dockerfile' }, findings: API_RESULT.findings.map((f) => ({ ...f, location: { ...f.location, file: '/repo/other/Dockerfile' } as typeof f.location })) }]);
    expect(other.map((i) => i.fingerprint).filter((f) => api.includes(f))).toEqual([]);
  });

  it('matches the snapshot', () => {
    expect(gitlab(RESULTS, ctx)).toMatchSnapshot();
  });
});
