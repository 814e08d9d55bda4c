import { describe, expect, it } from 'vitest';
import { parseText } from '../../src/dockerfile/parse.js';

describe('parser directives', () => {
  it('`# hadolint global ignore=X` on the first line is a comment, not a directive', () => {
    const p = parseText('# hadolint global ignore=DL3002\nFROM ubuntu\nUSER root\n');
    expect(p.directives).toEqual([]);
    expect(p.comments.map((c) => [c.text, c.line])).toEqual([['# hadolint global ignore=DL3002', 1]]);
  });

  it('the first non-directive line ends the directive block', () => {
    const p = parseText('# syntax=docker/dockerfile:1\n# hadolint global ignore=DL3006\n# check=skip=all\nFROM x\n');
    expect(p.directives.map((d) => d.name)).toEqual(['syntax']);
    expect(p.comments.map((c) => c.line)).toEqual([2, 3]);
  });
});

describe('hadolint pragmas', () => {
  it('a `# hadolint ignore=` with a name that is not a rule code is ignored as a whole (as hadolint does)', async () => {
    const { readPragmas } = await import('../../src/dockerfile/pragmas.js');
    const bad = parseText('FROM scratch\n# hadolint ignore=crazy,DL3002\nUSER root\n');
    expect(readPragmas(bad.comments, bad.directives, bad.instructions, bad.text).suppressions).toEqual([]);
    const good = parseText('FROM scratch\n# hadolint ignore=DL3001,DL3002\nUSER root\n');
    expect(readPragmas(good.comments, good.directives, good.instructions, good.text).suppressions.map((s) => s.names)).toEqual([['dl3001', 'dl3002']]);
  });
});
