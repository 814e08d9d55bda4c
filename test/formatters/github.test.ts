import { describe, expect, it } from 'vitest';
import type { Finding, LintResult } from '../../src/core/diagnostic.js';
import { GITHUB_LEVEL_LIMIT, escapeData, escapeProperty, github } from '../../src/formatters/github.js';
import { API_RESULT, CLEAN_RESULT, CWD, NASTY_MESSAGE, RESULTS, at, ctx } from './fixtures.js';

/** The reverse of the escaping, as the runner applies it. */
const unescape = (s: string) => s.replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');

interface Command {
  level: string;
  props: Record<string, string>;
  message: string;
}

/** Parses a workflow command line the way the runner does: properties split on `,`, then on the first `=`. */
function parse(line: string): Command | undefined {
  const m = /^::(error|warning|notice)(?: ([^:]*))?::(.*)$/.exec(line);
  if (!m) return undefined;
  const props: Record<string, string> = {};
  for (const kv of (m[2] ?? '').split(',').filter(Boolean)) {
    const eq = kv.indexOf('=');
    props[kv.slice(0, eq)] = unescape(kv.slice(eq + 1));
  }
  return { level: m[1], props, message: unescape(m[3]) };
}

describe('github', () => {
  it('escapes like @actions/core', () => {
    expect(escapeData('100% a:b,c\r\nd')).toBe('100%25 a:b,c%0D%0Ad');
    expect(escapeProperty('100% a:b,c\r\nd')).toBe('100%25 a%3Ab%2Cc%0D%0Ad');
    expect(escapeData('%0A')).toBe('%250A');
  });

  it('prints one command per finding, errors first, then warnings, then notices', () => {
    const lines = github(RESULTS, ctx).trimEnd().split('\n');
    const commands = lines.map(parse).filter((c): c is Command => c !== undefined);
    expect(commands).toHaveLength(7);
    expect(commands.map((c) => c.level)).toEqual(['error', 'error', 'warning', 'warning', 'warning', 'notice', 'notice']);
    // every line is a command or a plain line; no raw CR/LF broke a command
    for (const l of lines) expect(l.startsWith('::') ? parse(l) : l.startsWith('ballast: ')).toBeTruthy();
  });

  it('carries the message, title, file and range, and round-trips every special character', () => {
    const commands = github(RESULTS, ctx).split('\n').map(parse).filter((c): c is Command => c !== undefined);
    const add = commands.find((c) => c.props.title === 'DF401 add-remote-unchecked')!;
    expect(add.level).toBe('error');
    expect(add.props).toEqual({ file: 'services/api/Dockerfile', line: '4', endLine: '4', col: '5', endColumn: '30', title: 'DF401 add-remote-unchecked' });
    // control characters other than CR/LF/TAB are made visible
    expect(add.message).toBe(`${NASTY_MESSAGE.replace('\u0007', '\\u0007')}\nDocs: ${ctx.docsUrl('add-remote-unchecked')}`);
    const pip = commands.find((c) => c.props.title === 'DF301 pip-no-cache-dir')!;
    expect(pip.message).toBe(`pip install keeps its cache in the image layer. Add \`--no-cache-dir\`.\nFix (ballast lint --fix): Add --no-cache-dir\nDocs: ${ctx.docsUrl('pip-no-cache-dir')}`);
    // image findings have no file
    const img = commands.find((c) => c.props.title === 'IM301 apt-lists-left')!;
    expect(img.props).toEqual({ title: 'IM301 apt-lists-left' });
    expect(img.message).toContain('[docker:app:1.0 layer 3 (sha256:ab12ab12ab12) /var/lib/apt/lists]');
  });

  it('escapes `:` and `,` in the file property', () => {
    const file = `${CWD}/we,ird:dir/Dockerfile`;
    const source = 'FROM a\n';
    const r: LintResult = { subject: { kind: 'file', path: file }, source, suppressed: 0, findings: [{ ...API_RESULT.findings[1], location: at(file, source, 'FROM'), fix: undefined }] };
    const line = github([r], ctx).split('\n')[0];
    expect(line).toContain('file=we%2Cird%3Adir/Dockerfile,');
    expect(parse(line)!.props.file).toBe('we,ird:dir/Dockerfile');
  });

  it('leaves columns out of annotations that span several lines', () => {
    const source = 'RUN a \\\n  b\n';
    const file = `${CWD}/Dockerfile`;
    const r: LintResult = { subject: { kind: 'file', path: file }, source, suppressed: 0, findings: [{ ...API_RESULT.findings[1], location: at(file, source, 'RUN a \\\n  b'), fix: undefined }] };
    expect(parse(github([r], ctx).split('\n')[0])!.props).toEqual({ file: 'Dockerfile', line: '1', endLine: '2', title: 'DF301 pip-no-cache-dir' });
  });

  it('after 10 annotations of a level, says how many more there are, and still prints them all', () => {
    const source = Array.from({ length: 13 }, (_, i) => `RUN e${i}`).join('\n');
    const file = `${CWD}/Dockerfile`;
    const mk = (i: number, severity: Finding['severity']): Finding => ({ ...API_RESULT.findings[0], severity, location: at(file, source, `RUN e${i}`) });
    const findings = [...Array.from({ length: 13 }, (_, i) => mk(i, 'error')), ...Array.from({ length: 3 }, (_, i) => mk(i, 'warn'))];
    const lines = github([{ subject: { kind: 'file', path: file }, source, suppressed: 0, findings }], ctx).trimEnd().split('\n');
    expect(lines.filter((l) => l.startsWith('::error ')).length).toBe(13);
    expect(lines.filter((l) => l.startsWith('::warning ')).length).toBe(3);
    expect(lines[GITHUB_LEVEL_LIMIT]).toBe(
      'ballast: GitHub shows at most 10 error annotations per step; the 3 other errors below appear only in this log (use --format sarif for code scanning).',
    );
    expect(lines.filter((l) => !l.startsWith('::'))).toHaveLength(2);
    expect(lines.at(-1)).toBe('ballast: 16 problems (13 errors, 3 warnings) in 1 file');
  });

  it('ends with a summary line', () => {
    expect(github(RESULTS, ctx).trimEnd().split('\n').at(-1)).toBe(
      'ballast: 7 problems (2 errors, 3 warnings, 2 notices) in 3 files and 1 image; 2 fixable with --fix, 1 more with --unsafe-fixes',
    );
    expect(github([CLEAN_RESULT], ctx)).toBe('ballast: no problems in 1 file\n');
    expect(github([], ctx)).toBe('ballast: no problems in 0 files\n');
  });

  it('matches the snapshot', () => {
    expect(github(RESULTS, ctx)).toMatchInlineSnapshot(`
      "::error file=docker/my app/Dockerfile,line=2,endLine=2,col=10,endColumn=23,title=DF100 syntax-error::Unterminated double quote.%0ADocs: https://example.test/docs/rules/syntax-error.md
      ::error file=services/api/Dockerfile,line=4,endLine=4,col=5,endColumn=30,title=DF401 add-remote-unchecked::ADD fetches "https://example.com/x.tgz" at 100%25 trust, unchecked: <no checksum> & 'no' verification.%0D%0AUse COPY --checksum \\u0007 – ünïcödé ✓ 🐳%0ADocs: https://example.test/docs/rules/add-remote-unchecked.md
      ::warning title=IM301 apt-lists-left::apt lists take 41 MB in layer 3. [docker:app:1.0 layer 3 (sha256:ab12ab12ab12) /var/lib/apt/lists]%0ADocs: https://example.test/docs/rules/apt-lists-left.md
      ::warning file=services/api/Dockerfile,line=2,endLine=2,col=5,endColumn=22,title=DF301 pip-no-cache-dir::pip install keeps its cache in the image layer. Add \`--no-cache-dir\`.%0AFix (ballast lint --fix): Add --no-cache-dir%0ADocs: https://example.test/docs/rules/pip-no-cache-dir.md
      ::warning file=services/api/Dockerfile,line=5,endLine=5,col=9,endColumn=26,title=DF301 pip-no-cache-dir::pip install keeps its cache in the image layer. Add \`--no-cache-dir\`.%0AFix (ballast lint --fix): Add --no-cache-dir%0ADocs: https://example.test/docs/rules/pip-no-cache-dir.md
      ::notice file=services/api/Dockerfile,line=3,endLine=3,col=1,endColumn=45,title=DF201 apt-cache-mount::apt-get install runs without a cache mount.%0AFix (ballast lint --unsafe-fixes): Add cache mounts for apt%0ADocs: https://example.test/docs/rules/apt-cache-mount.md
      ::notice file=services/api/Dockerfile,line=3,endLine=3,col=42,endColumn=45,title=DF302 toolchain-shipped::gcc ships in the final image.%0ASuggested change: Split into a build stage%0ADocs: https://example.test/docs/rules/toolchain-shipped.md
      ballast: 7 problems (2 errors, 3 warnings, 2 notices) in 3 files and 1 image; 2 fixable with --fix, 1 more with --unsafe-fixes
      "
    `);
  });
});
