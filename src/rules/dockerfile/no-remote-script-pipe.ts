import type { Span } from '../../core/diagnostic.js';
import { effectiveCommand } from '../../dockerfile/package-queries.js';
import { flagValue, hasFlag } from '../../dockerfile/shell-queries.js';
import type { Command } from '../../dockerfile/shell.js';
import { defineRule } from '../rule.js';

const INTERPRETERS = /^(sh|bash|dash|ash|zsh|ksh|mksh|busybox|python[0-9.]*|perl|ruby|node|nodejs|php[0-9.]*|pwsh|iex)$/;

/** A download that writes the body to stdout: curl (by default), wget -O - / -qO-. */
export function downloadsToStdout(c: Command): boolean {
  if (c.program === 'curl') return !hasFlag(c, 'o', 'output', 'O', 'remote-name', 'remote-name-all');
  if (c.program === 'wget') return flagValue(c, 'O', 'output-document') === '-' || c.args.some((a) => /^-[a-zA-Z]*O-$/.test(a.value));
  return false;
}

/** A command in the RUN that checks a checksum or a signature. */
export function verifies(c: Command): boolean {
  if (/^(sha\d+sum|shasum|md5sum|b2sum|cksum)$/.test(c.program)) return hasFlag(c, 'c', 'check');
  if (/^gpgv?2?$/.test(c.program)) return c.program.startsWith('gpgv') || hasFlag(c, 'verify');
  if (c.program === 'cosign' || c.program === 'minisign' || c.program === 'signify' || c.program === 'slsa-verifier') return true;
  if (c.program === 'openssl') return c.args.some((a) => a.value === '-verify' || a.value === 'verify');
  return false;
}

function hostOf(c: Command): string {
  const url = c.args.find((a) => /^[a-z]+:\/\//i.test(a.value) || /^[\w.-]+\.[a-z]{2,}\//i.test(a.value));
  if (!url) return 'the server';
  const m = /^(?:[a-z]+:\/\/)?([^/:]+)/i.exec(url.value);
  return m ? m[1] : 'the server';
}

export default defineRule({
  meta: {
    id: 'no-remote-script-pipe',
    code: 'DF481',
    target: 'dockerfile',
    category: 'security',
    description: 'A script downloaded with curl/wget is piped into a shell or interpreter without a checksum or signature check.',
    recommended: false,
    severity: 'warn',
    messages: {
      pipe: '`{{download}} … | {{interpreter}}` runs whatever {{host}} serves at build time, unverified. Download to a file, check it (`echo "<sha256>  install.sh" | sha256sum -c -` or a signature), then run it.',
      substitution:
        '`{{interpreter}}` runs a script fetched with {{download}} at build time, unverified. Download to a file, check it (`echo "<sha256>  install.sh" | sha256sum -c -` or a signature), then run it.',
    },
    onbuild: true,
    programs: ['curl', 'wget'],
  },
  create(ctx) {
    return {
      RUN(ins) {
        const cmds = ctx.source.commands(ins).map(effectiveCommand);
        // every finding needs a download to stdout, which only curl and wget do
        if (!cmds.some((c) => c.program === 'curl' || c.program === 'wget')) return;
        if (cmds.some(verifies)) return;
        for (const c of cmds) {
          if (!INTERPRETERS.test(c.program)) continue;
          // `curl … | sh`
          if (c.piped) {
            const before = cmds.filter((d) => d.pipeline === c.pipeline && d.span.end <= c.span.start && d.depth === c.depth);
            const dl = before.find(downloadsToStdout);
            if (dl) {
              ctx.report({
                at: { start: dl.span.start, end: c.span.end } as Span,
                messageId: 'pipe',
                data: { download: dl.program, interpreter: c.program, host: hostOf(dl) },
              });
              continue;
            }
          }
          // `sh -c "$(curl …)"`, `bash <(curl …)`
          const inner = cmds.find((d) => d.depth > c.depth && d.span.start >= c.span.start && d.span.end <= c.span.end && downloadsToStdout(d));
          const sub = c.args.find((a) => /^["']?(\$\(|<\(|`)/.test(a.raw));
          if (inner && sub) {
            ctx.report({ at: c, messageId: 'substitution', data: { download: inner.program, interpreter: c.program } });
          }
        }
      },
    };
  },
});
