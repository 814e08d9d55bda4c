/**
 * Shared results for the formatter tests: two Dockerfiles with findings of every severity (one of them
 * clean), a file with a space in its path, and an image with a layer finding. The rule metadata is
 * defined here so the tests do not change when the real registry does.
 */
import type { Edit, Finding, LintResult, Location, Span } from '../../src/core/diagnostic.js';
import type { RuleMeta } from '../../src/core/rule-meta.js';
import { LineIndex } from '../../src/core/text.js';
import type { FormatContext } from '../../src/formatters/types.js';

export const CWD = '/repo';

/** Every nasty character a report has to carry: %, comma, colon, CR/LF, XML specials, a BEL, non-ASCII. */
export const NASTY_MESSAGE =
  'ADD fetches "https://example.com/x.tgz" at 100% trust, unchecked: <no checksum> & \'no\' verification.\r\nUse COPY --checksum \u0007 – ünïcödé ✓ 🐳';

const meta = (m: Omit<RuleMeta<any, string>, 'messages' | 'recommended'>): RuleMeta<any, string> => ({ recommended: true, messages: {}, ...m });

export const RULES: ReadonlyMap<string, RuleMeta<any, string>> = new Map(
  [
    meta({ id: 'syntax-error', code: 'DF100', target: 'dockerfile', category: 'correctness', description: 'The Dockerfile does not parse.', severity: 'error', aliases: ['DL1000'] }),
    meta({ id: 'apt-cache-mount', code: 'DF201', target: 'dockerfile', category: 'cache', description: 'apt runs without a cache mount.', severity: 'info', fixable: 'unsafe' }),
    meta({ id: 'pip-no-cache-dir', code: 'DF301', target: 'dockerfile', category: 'size', description: 'pip install keeps its download cache in the layer.', severity: 'warn', fixable: 'safe', aliases: ['DL3042'] }),
    meta({ id: 'toolchain-shipped', code: 'DF302', target: 'dockerfile', category: 'size', description: 'A compiler toolchain ships in the final image.', severity: 'info', fixable: 'display-only', experimental: true }),
    meta({ id: 'add-remote-unchecked', code: 'DF401', target: 'dockerfile', category: 'security', description: 'ADD of a remote URL without --checksum.', severity: 'error', aliases: ['DL3020', 'DL3047'] }),
    meta({ id: 'apt-lists-left', code: 'IM301', target: 'image', category: 'size', description: 'apt package lists are left in a layer.', severity: 'warn' }),
    meta({ id: 'unused-rule', code: 'DF600', target: 'dockerfile', category: 'style', description: 'Never reported in the fixture.', severity: 'info' }),
  ].map((m) => [m.id, m]),
);

export const ctx: FormatContext = {
  cwd: CWD,
  color: false,
  rules: RULES,
  docsUrl: (id) => `https://example.test/docs/rules/${id}.md`,
  toolVersion: '0.1.0',
};

/** Span and positions of the nth occurrence of `needle` in `source`. */
export function at(file: string, source: string, needle: string, nth = 0): Extract<Location, { kind: 'source' }> {
  let start = -1;
  for (let i = 0; i <= nth; i++) {
    start = source.indexOf(needle, start + 1);
    if (start < 0) throw new Error(`${JSON.stringify(needle)} #${nth} not in source`);
  }
  const span: Span = { start, end: start + needle.length };
  const lines = new LineIndex(source);
  return { kind: 'source', file, span, start: lines.position(span.start), end: lines.position(span.end) };
}

function insertAfter(loc: { span: Span }, text: string): Edit {
  return { span: { start: loc.span.end, end: loc.span.end }, text };
}

function finding(f: Omit<Finding, 'aliases' | 'code' | 'messageId' | 'severity'> & Partial<Pick<Finding, 'severity'>>): Finding {
  const m = RULES.get(f.ruleId)!;
  return { aliases: m.aliases ?? [], code: m.code, messageId: 'm', severity: m.severity, ...f };
}

export const API_FILE = `${CWD}/services/api/Dockerfile`;
export const API_SOURCE = [
  'FROM python:3.12',
  'RUN pip install flask',
  'RUN apt-get update && apt-get install -y gcc',
  'ADD https://example.com/x.tgz /x',
  '  RUN   pip install flask',
  '',
].join('\n');

const install1 = at(API_FILE, API_SOURCE, 'install', 0);
const install2 = at(API_FILE, API_SOURCE, 'install', 1);
const aptRun = at(API_FILE, API_SOURCE, 'RUN apt-get update && apt-get install -y gcc');

export const API_RESULT: LintResult = {
  subject: { kind: 'file', path: API_FILE },
  source: API_SOURCE,
  suppressed: 1,
  findings: [
    finding({
      ruleId: 'add-remote-unchecked',
      message: NASTY_MESSAGE,
      location: at(API_FILE, API_SOURCE, 'https://example.com/x.tgz'),
      related: [{ location: at(API_FILE, API_SOURCE, 'FROM python:3.12'), message: 'the stage starts here' }],
    }),
    finding({
      ruleId: 'pip-no-cache-dir',
      message: 'pip install keeps its cache in the image layer. Add `--no-cache-dir`.',
      location: at(API_FILE, API_SOURCE, 'pip install flask', 0),
      fix: { title: 'Add --no-cache-dir', applicability: 'safe', edits: [insertAfter(install1, ' --no-cache-dir')] },
    }),
    finding({
      ruleId: 'apt-cache-mount',
      message: 'apt-get install runs without a cache mount.',
      location: aptRun,
      fix: {
        title: 'Add cache mounts for apt',
        applicability: 'unsafe',
        edits: [
          { span: { start: aptRun.span.start + 3, end: aptRun.span.start + 3 }, text: ' --mount=type=cache,target=/var/cache/apt' },
          { span: { start: aptRun.span.start + 4, end: aptRun.span.start + 18 }, text: 'apt-get update -q' },
        ],
      },
    }),
    finding({
      ruleId: 'toolchain-shipped',
      message: 'gcc ships in the final image.',
      location: at(API_FILE, API_SOURCE, 'gcc'),
      fix: { title: 'Split into a build stage', applicability: 'display-only', edits: [insertAfter(at(API_FILE, API_SOURCE, 'gcc'), '\n# build stage')] },
    }),
    finding({
      ruleId: 'pip-no-cache-dir',
      message: 'pip install keeps its cache in the image layer. Add `--no-cache-dir`.',
      location: at(API_FILE, API_SOURCE, 'pip install flask', 1),
      fix: { title: 'Add --no-cache-dir', applicability: 'safe', edits: [insertAfter(install2, ' --no-cache-dir')] },
    }),
  ],
};

export const CLEAN_FILE = `${CWD}/Dockerfile.clean`;
export const CLEAN_RESULT: LintResult = {
  subject: { kind: 'file', path: CLEAN_FILE },
  source: 'FROM scratch\n',
  suppressed: 0,
  findings: [],
};

/** A path with a space; the syntax error's span ends after the line break. */
export const SPACED_FILE = `${CWD}/docker/my app/Dockerfile`;
export const SPACED_SOURCE = 'FROM alpine\nRUN echo "unterminated\n';
export const SPACED_RESULT: LintResult = {
  subject: { kind: 'file', path: SPACED_FILE },
  source: SPACED_SOURCE,
  suppressed: 0,
  findings: [
    finding({
      ruleId: 'syntax-error',
      message: 'Unterminated double quote.',
      location: at(SPACED_FILE, SPACED_SOURCE, '"unterminated\n'),
    }),
  ],
};

export const IMAGE_REF = 'docker:app:1.0';
export const IMAGE_RESULT: LintResult = {
  subject: { kind: 'image', ref: IMAGE_REF },
  suppressed: 0,
  findings: [
    finding({
      ruleId: 'apt-lists-left',
      message: 'apt lists take 41 MB in layer 3.',
      location: { kind: 'layer', image: IMAGE_REF, layer: 3, digest: `sha256:${'ab12'.repeat(16)}`, path: '/var/lib/apt/lists' },
    }),
  ],
};

export const RESULTS: readonly LintResult[] = [API_RESULT, CLEAN_RESULT, SPACED_RESULT, IMAGE_RESULT];
