import { describe, expect, it } from 'vitest';
import { applyEdits } from '../../../src/core/fixer.js';
import rule from '../../../src/rules/dockerfile/no-delete-in-later-layer.js';
import { df } from '../../helpers/df.js';
import { ruleTester, runRule } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    'FROM debian\nRUN curl -fsSLo /tmp/tool.tgz https://example.com/t.tgz && tar -xzf /tmp/tool.tgz -C /usr/local && rm /tmp/tool.tgz\n',
    'FROM debian\nRUN rm -rf /tmp/nothing-we-made\n',
    { name: 'Windows paths are not modelled', code: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN curl -o /tmp/x u\nRUN rm /tmp/x\n' },
    { name: 'another stage created it', code: 'FROM debian AS a\nRUN curl -o /tmp/x https://e.com/x\nFROM debian\nRUN rm /tmp/x\n' },
    { name: 'created under a cache mount', code: 'FROM debian\nRUN --mount=type=cache,target=/tmp/dl curl -o /tmp/dl/x https://e.com/x\nRUN rm -f /tmp/dl/x\n' },
    { name: 'relative path after cd is not guessed', code: 'FROM debian\nWORKDIR /src\nRUN curl -o x.tgz https://e.com/x\nRUN cd /other && rm x.tgz\n' },
    { name: 'mkdir with chown/chmod only', code: 'FROM php:8\nRUN mkdir -p /var/www/html; chown www-data /var/www/html; chmod 1777 /var/www/html\nRUN apt-get install -y apache2; rm -rf /var/www/html/*\n' },
    { name: 'emptying a directory mkdir made', code: 'FROM php:8\nRUN mkdir -p /var/www/html\nRUN rm -rf /var/www/html/*\n' },
    { name: 'builder stage read through COPY --from', code: 'FROM debian AS b\nRUN curl -o /tmp/x u\nRUN rm /tmp/x\nFROM scratch\nCOPY --from=b /usr /usr\n' },
    { name: 'deleting a different file in a created dir', code: 'FROM debian\nRUN mkdir -p /opt/app\nRUN rm -f /opt/app/old.conf\n' },
  ],
  invalid: [
    {
      code: 'FROM debian\nRUN curl -fsSLo /tmp/tool.tgz https://example.com/tool.tgz\nRUN rm /tmp/tool.tgz\n',
      errors: [{ messageId: 'laterDelete', line: 3, column: 8, text: '/tmp/tool.tgz' }],
      fix: 'display-only',
      output: null,
      unsafeOutput: null,
    },
    {
      name: 'COPY then rm -rf of a subdirectory',
      code: 'FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm ci && rm -rf tests docs\n',
      errors: [{ text: 'tests' }, { text: 'docs' }],
      fix: null,
    },
    {
      name: 'the advice for part of a context copy is .dockerignore',
      code: 'FROM node:20\nCOPY . /app\nRUN rm -rf /app/.git\n',
      errors: [{ text: '/app/.git' }],
    },
    {
      name: 'git clone default directory, rm of its .git',
      code: 'FROM debian\nWORKDIR /src\nRUN git clone --depth 1 https://github.com/x/proj.git\nRUN rm -rf proj/.git\n',
      errors: [{ text: 'proj/.git' }],
    },
    {
      name: 'wget -O, tar -C, redirect; an empty mkdir costs nothing',
      code: 'FROM debian\nRUN wget -qO /a.tgz u && tar -xzf /a.tgz -C /opt/x && mkdir /b && echo hi > /c\nRUN rm -rf /a.tgz /opt/x/share /b /c\n',
      errors: [{ text: '/a.tgz' }, { text: '/opt/x/share' }, { text: '/c' }],
    },
    { name: 'mkdir filled by a later step', code: 'FROM debian\nRUN mkdir /build\nRUN make -C /build\nRUN rm -rf /build\n', errors: [{ line: 4, text: '/build' }] },
    { name: 'glob', code: 'FROM debian\nRUN curl -o /tmp/a.tgz u\nRUN rm -f /tmp/*.tgz\n', errors: [{ text: '/tmp/*.tgz' }] },
    { name: 'ADD url', code: 'FROM debian\nADD https://example.com/a.tgz /tmp/\nRUN tar -xzf /tmp/a.tgz -C /opt && rm /tmp/a.tgz\n', errors: 1, fix: null },
    {
      name: 'multi-line RUN and $HOME',
      code: df`
        FROM debian
        RUN curl -o $HOME/x.bin u
        RUN echo a \\
         && rm -f \\
              ~/x.bin
      `,
      errors: [{ line: 5, column: 7, text: '~/x.bin' }],
    },
  ],
});

async function fixed(code: string): Promise<string | undefined> {
  const [f] = await runRule(rule, { code });
  expect(f, 'a finding').toBeDefined();
  return f.fix ? applyEdits(code, f.fix.edits) : undefined;
}

describe('no-delete-in-later-layer display-only rewrites', () => {
  it('moves the deletion into the creating RUN and drops the emptied RUN', async () => {
    expect(await fixed('FROM debian\nRUN curl -fsSLo /tmp/tool.tgz https://e.com/tool.tgz\nRUN rm -f /tmp/tool.tgz\nCMD ["bash"]\n')).toBe(
      'FROM debian\nRUN curl -fsSLo /tmp/tool.tgz https://e.com/tool.tgz && rm -f /tmp/tool.tgz\nCMD ["bash"]\n',
    );
  });

  it('keeps the other commands and arguments of the later RUN (CRLF)', async () => {
    expect(await fixed('FROM debian\r\nRUN mkdir /build \\\r\n && echo x > /build/y\r\nRUN echo done && rm -rf /build /var/tmp/z\r\n')).toBe(
      'FROM debian\r\nRUN mkdir /build \\\r\n && echo x > /build/y \\\r\n && rm -rf /build\r\nRUN echo done && rm -rf /var/tmp/z\r\n',
    );
  });

  it('offers no move when a step in between uses the file', async () => {
    expect(await fixed('FROM debian\nRUN curl -o /tmp/t.tgz u\nRUN tar -xzf /tmp/t.tgz -C /opt\nRUN rm /tmp/t.tgz\n')).toBeUndefined();
  });

  it('turns a COPY of a build-only input into a bind mount', async () => {
    const code = 'FROM python:3.12\nCOPY requirements.txt /tmp/\nRUN pip install -r /tmp/requirements.txt\nRUN rm /tmp/requirements.txt\n';
    expect(await fixed(code)).toBe(
      'FROM python:3.12\nRUN --mount=type=bind,source=requirements.txt,target=/tmp/requirements.txt pip install -r /tmp/requirements.txt\n',
    );
  });

  it('moves a relative deletion as an absolute path when the creating RUN runs elsewhere', async () => {
    expect(await fixed('FROM debian\nRUN git clone https://e.com/x/proj.git /src/proj\nWORKDIR /src\nRUN rm -rf proj/.git\n')).toBe(
      'FROM debian\nRUN git clone https://e.com/x/proj.git /src/proj && rm -rf /src/proj/.git\nWORKDIR /src\n',
    );
  });

  it('bind mount in the RUN that both reads and deletes', async () => {
    const code = 'FROM python:3.12\nCOPY --from=deps /wheels /wheels\nRUN pip install /wheels/*.whl && rm -rf /wheels\n';
    expect(await fixed(code)).toBe('FROM python:3.12\nRUN --mount=type=bind,from=deps,source=/wheels,target=/wheels pip install /wheels/*.whl\n');
  });
});
