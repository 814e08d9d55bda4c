import { describe, expect, it } from 'vitest';
import { applyEdits } from '../../../src/core/fixer.js';
import rule from '../../../src/rules/dockerfile/no-consecutive-run.js';
import { df } from '../../helpers/df.js';
import { ruleTester, runRule } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    'RUN /foo.sh\n',
    'RUN /foo.sh\nWORKDIR /\nRUN /bar.sh\n',
    '# a comment\nRUN /foo.sh\n',
    'RUN --mount=type=secret,id=foo /foo.sh\nRUN /bar.sh\n',
    'RUN --mount=type=secret,id=foo /foo.sh\nRUN --mount=type=secret,id=bar /bar.sh\n',
    'RUN foo && bar\nRUN foobar\n',
    'RUN foo; bar\nRUN foobar\n',
    'RUN foobar\nRUN foo && bar\n',
    'FROM alpine:3.20\nRUN if [ -f x ]; then y; fi\nRUN z\n',
    { name: 'heredoc RUNs are not flagged', code: 'FROM alpine:3.20\nRUN <<EOF\necho a\nEOF\nRUN echo b\n' },
    { name: 'exec form', code: 'FROM alpine:3.20\nRUN ["a"]\nRUN ["b"]\n' },
    {
      name: 'a builder stage whose layers do not ship',
      code: 'FROM golang:1.22 AS build\nRUN go mod download\nRUN go build -o /app\nFROM alpine:3.20\nCOPY --from=build /app /app\n',
    },
  ],
  invalid: [
    {
      code: 'RUN /foo.sh\nRUN /bar.sh\n',
      errors: [{ messageId: 'consecutive', line: 2, column: 1, text: 'RUN /bar.sh', aliases: ['DL3059'] }],
      fix: 'display-only',
      output: null,
      unsafeOutput: null,
    },
    { name: 'comments in between', code: 'RUN /foo.sh\n# a comment\n# another comment\nRUN /bar.sh\n', errors: [{ line: 4 }] },
    { name: 'same flags', code: 'RUN --mount=type=secret,id=foo /foo.sh\nRUN --mount=type=secret,id=foo /bar.sh\n', errors: 1 },
    { name: 'after a chained RUN', code: 'RUN foo && bar\nRUN foo\nRUN bar\n', errors: [{ line: 3 }] },
    {
      name: 'allStages: builder stages too',
      code: 'FROM golang:1.22 AS build\nRUN go mod download\nRUN go build -o /app\nFROM alpine:3.20\nCOPY --from=build /app /app\n',
      options: { allStages: true },
      errors: [{ line: 3 }],
    },
    {
      name: 'Windows PowerShell has no `&&`: reported without a rewrite',
      code: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["powershell", "-Command"]\nRUN pip install a\nRUN pip install b\n',
      errors: [{ messageId: 'consecutivePowerShell', line: 4 }],
      fix: null,
    },
    {
      name: 'cmd and PowerShell 7 have `&&`: merged as usual',
      code: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN a.exe\nRUN b.exe\nSHELL ["pwsh", "-Command"]\nRUN c\nRUN d\n',
      errors: [
        { messageId: 'consecutive', line: 3 },
        { messageId: 'consecutive', line: 6 },
      ],
    },
    {
      name: 'stage the final one is built on; multi-line RUN; sh -c counts as one',
      code: df`
        FROM alpine:3.20 AS base
        RUN apk add --no-cache \\
              curl
        RUN sh -c "a && b"
        FROM base
      `,
      errors: [{ line: 4, text: 'RUN sh -c "a && b"' }],
    },
  ],
});

describe('no-consecutive-run display-only merge', () => {
  it('shows the merged RUN, keeping comments and dropping blank lines (CRLF kept)', async () => {
    const code = 'FROM alpine:3.20\r\nRUN /foo.sh\r\n\r\n# why\r\nRUN /bar.sh\r\n';
    const [f] = await runRule(rule, { code });
    expect(f.fix?.applicability).toBe('display-only');
    expect(applyEdits(code, f.fix!.edits)).toBe('FROM alpine:3.20\r\nRUN /foo.sh && \\\r\n# why\r\n    /bar.sh\r\n');
  });
});
