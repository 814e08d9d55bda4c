import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type LintConfig } from '../../src/engine/config.js';
import { lintText } from '../../src/engine/lint-dockerfile.js';
import { defineRule, type DockerfileRule } from '../../src/rules/rule.js';

/** A rule that records the text of every RUN its handler sees. */
function recorder(id: string, programs: readonly (string | RegExp)[] | undefined, seen: string[]): DockerfileRule {
  return defineRule({
    meta: {
      id,
      code: 'DF199',
      target: 'dockerfile',
      category: 'correctness',
      description: 'test',
      recommended: false,
      severity: 'warn',
      messages: { seen: 'seen' },
      onbuild: true,
      programs,
    },
    create: (ctx) => ({
      RUN(ins) {
        seen.push(ins.rest.text);
        ctx.report({ at: ins, messageId: 'seen' });
      },
    }),
  });
}

const configFor = (...ids: string[]): LintConfig => ({
  ...DEFAULT_CONFIG,
  preset: 'none',
  rules: Object.fromEntries(ids.map((id) => [id, { severity: 'warn' }])),
});

const DOCKERFILE = [
  'FROM alpine:3.20',
  'RUN echo hello && ls /',
  'RUN wget -q https://example.com/x',
  'RUN sudo -u app wget https://example.com/y',
  'RUN env A=1 nice -n 5 /usr/bin/wget https://example.com/z',
  'RUN sh -c "wget https://example.com/w"',
  'RUN pip3 install flask',
  'ONBUILD RUN apk add curl',
  'ONBUILD RUN sudo wget https://example.com/v',
  '',
].join('\n');

describe('RuleMeta.programs', () => {
  it('calls the RUN handler only for RUNs that run one of the programs, through wrappers and in ONBUILD triggers', async () => {
    const seen: string[] = [];
    const all: string[] = [];
    const rules = [recorder('wants-wget', ['wget'], seen), recorder('wants-all', undefined, all)];
    const r = await lintText('Dockerfile', DOCKERFILE, { rules, config: configFor('wants-wget', 'wants-all') });
    expect(seen).toEqual([
      'wget -q https://example.com/x',
      'sudo -u app wget https://example.com/y',
      'env A=1 nice -n 5 /usr/bin/wget https://example.com/z',
      'sh -c "wget https://example.com/w"',
      'sudo wget https://example.com/v',
    ]);
    expect(all).toHaveLength(8);
    expect(r.findings.filter((f) => f.ruleId === 'wants-wget').map((f) => f.location.kind === 'source' && f.location.start.line)).toEqual([3, 4, 5, 6, 9]);
  });

  it('matches patterns against every program and wrappers as written', async () => {
    const pip: string[] = [];
    const sudo: string[] = [];
    const rules = [recorder('wants-pip', [/^pip\d*$/], pip), recorder('wants-sudo', ['sudo'], sudo)];
    await lintText('Dockerfile', DOCKERFILE, { rules, config: configFor('wants-pip', 'wants-sudo') });
    expect(pip).toEqual(['pip3 install flask']);
    expect(sudo).toEqual(['sudo -u app wget https://example.com/y', 'sudo wget https://example.com/v']);
  });

  it('never calls a handler that names no programs', async () => {
    const none: string[] = [];
    await lintText('Dockerfile', DOCKERFILE, { rules: [recorder('wants-none', [], none)], config: configFor('wants-none') });
    expect(none).toEqual([]);
  });
});
