import rule from '../../../src/rules/dockerfile/require-pipefail.js';
import { runRule, ruleTester } from '../../helpers/rule-tester.js';
import { expect, it } from 'vitest';

ruleTester(rule, {
  valid: [
    {
      name: 'a Windows image runs RUN with cmd (here a PowerShell script in a string)',
      code: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN dir C:\\ | findstr /i windows\n',
    },
    'FROM debian\nRUN wget -O - https://example.com && wc -l file\n',
    'FROM debian\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN wget -O - https://example.com | wc -l\n',
    'FROM debian\nSHELL ["/bin/bash", "-eo", "pipefail", "-c"]\nRUN wget -O - https://example.com | wc -l\n',
    'FROM debian\nSHELL ["/usr/bin/zsh", "-o", "errexit", "-o", "pipefail", "-c"]\nRUN wget -O - https://example.com | wc -l\n',
    'FROM mcr.microsoft.com/powershell\nSHELL ["pwsh", "-c"]\nRUN Get-Variable PSVersionTable | Select-Object -ExpandProperty Value\n',
    'FROM mcr.microsoft.com/windows/servercore\nSHELL ["cmd.exe", "/c"]\nRUN type a.txt | findstr x\n',
    'FROM debian\nRUN set -o pipefail && wget -O - https://example.com | wc -l\n',
    'FROM debian\nRUN set -euxo pipefail; wget -O - https://example.com | wc -l\n',
    {
      name: 'SHELL is inherited from the stage this one is built on',
      code: 'FROM debian AS base\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nFROM base\nRUN curl -fsSL https://example.com | sh\n',
    },
    'FROM debian\nRUN ["sh", "-c", "a | b"]\n',
    'FROM debian\nRUN echo "a | b"\n',
  ],
  invalid: [
    {
      code: 'FROM debian\nRUN wget -O - https://example.com | wc -l > /number\n',
      errors: [{ messageId: 'pipefail', line: 2, column: 5, text: 'wget -O - https://example.com | wc -l', aliases: ['DL4006'] }],
      fix: null,
    },
    {
      name: 'plain sh with -o pipefail is not trusted (dash)',
      code: 'FROM alpine\nSHELL ["/bin/sh", "-o", "pipefail", "-c"]\nRUN echo a | sed s/a/b/\n',
      errors: 1,
    },
    {
      name: 'a later SHELL without pipefail',
      code: 'FROM debian\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN a | b\nSHELL ["/bin/sh", "-c"]\nRUN c | d\n',
      errors: [{ line: 5, column: 5, text: 'c | d' }],
    },
    {
      name: 'a new stage starts from /bin/sh',
      code: 'FROM debian AS a\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN a | b\nFROM debian AS b\nRUN c | d\n',
      errors: [{ line: 5 }],
    },
    {
      name: 'bash without pipefail: unsafe fix',
      code: 'FROM debian\nSHELL ["/bin/bash", "-c"]\nRUN curl -fsSL https://example.com/install.sh \\\n  | bash\n',
      errors: [{ line: 3, column: 5, endLine: 4, text: 'curl -fsSL https://example.com/install.sh \\\n  | bash' }],
      fix: 'unsafe',
      output: null,
      unsafeOutput: 'FROM debian\nSHELL ["/bin/bash", "-c"]\nRUN set -o pipefail && curl -fsSL https://example.com/install.sh \\\n  | bash\n',
    },
    {
      name: 'set -o pipefail after the pipe does not help',
      code: 'FROM debian\nRUN a | b && set -o pipefail\n',
      errors: 1,
    },
    {
      name: 'heredoc, CRLF',
      code: 'FROM debian\r\nRUN <<EOF\r\ncat /etc/os-release | grep ID\r\nEOF\r\n',
      errors: [{ line: 3, column: 1 }],
    },
  ],
});

it('require-pipefail: suggests a SHELL line for the default shell (display-only)', async () => {
  const [f] = await runRule(rule, { code: 'FROM debian\nRUN a | b\n' });
  expect(f.fix).toBeUndefined();
  expect(f.suggestions?.[0].applicability).toBe('display-only');
  expect(f.suggestions?.[0].edits[0].text).toBe('\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]');
});
