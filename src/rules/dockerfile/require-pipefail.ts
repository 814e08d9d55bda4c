import { isWindowsStage } from '../../dockerfile/optimize-queries.js';
import { isNonPosixShell, shellAt } from '../../dockerfile/package-queries.js';
import { basename, type Command } from '../../dockerfile/shell.js';
import { defineRule } from '../rule.js';

/** Shells whose `-o pipefail` hadolint and ballast trust. Plain `sh` may be dash, which lacks it. */
const PIPEFAIL_SHELLS = new Set(['bash', 'zsh', 'ash', 'ksh', 'mksh']);

function setsPipefail(c: Command): boolean {
  if (c.program !== 'set') return false;
  const a = c.args.map((x) => x.value);
  return a.some((v, k) => v === 'pipefail' && k > 0 && /^[-+]?[a-zA-Z]*o$/.test(a[k - 1]) && a[k - 1].startsWith('-'));
}

export function shellHasPipefail(values: readonly string[]): boolean {
  for (let k = 1; k < values.length; k++) {
    if (values[k] === 'pipefail' && /^-[a-zA-Z]*o$/.test(values[k - 1])) return true;
    if (/^-[a-zA-Z]*o$/.test(values[k]) && values[k + 1] === 'pipefail') return true;
  }
  return false;
}

export default defineRule({
  meta: {
    id: 'require-pipefail',
    code: 'DF116',
    target: 'dockerfile',
    category: 'correctness',
    description: 'A pipe in RUN hides the failure of every command but the last unless the shell runs with -o pipefail.',
    recommended: true,
    severity: 'warn',
    fixable: 'unsafe',
    hasSuggestions: true,
    messages: {
      pipefail:
        'This pipe only fails when its last command fails. Set `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` before this RUN (or start it with `set -o pipefail &&` under bash).',
    },
    aliases: ['DL4006'],
  },
  create(ctx) {
    return {
      RUN(ins) {
        if (ins.form !== 'shell') return;
        const scripts = ctx.source.shell(ins);
        if (!scripts.some((s) => s.hasPipe)) return;
        const shell = shellAt(ctx.source, ins);
        const exe = shell?.[0] ? basename(shell[0]) : 'sh';
        if (isNonPosixShell(exe)) return; // pipes mean something else there
        // Windows runs RUN with cmd unless SHELL says otherwise
        if (!shell && isWindowsStage(ctx.source, ctx.source.stageOf(ins))) return;
        if (shell && PIPEFAIL_SHELLS.has(exe) && shellHasPipefail(shell)) return;
        for (const script of scripts) {
          if (!script.hasPipe) continue;
          const piped = script.commands.filter((c) => c.piped && c.depth === script.commands[0]?.depth);
          const first = piped[0] ?? script.commands.find((c) => c.piped);
          if (!first) continue;
          if (script.commands.some((c) => setsPipefail(c) && c.span.start < first.span.start)) continue;
          const same = script.commands.filter((c) => c.piped && c.pipeline === first.pipeline);
          let end = first.span.end;
          for (const c of same) end = Math.max(end, c.span.end);
          const span = { start: first.span.start, end };
          const bash = exe === 'bash' && !ins.heredocs.length;
          const from = ctx.source.stageOf(ins)?.from;
          ctx.report({
            at: span,
            messageId: 'pipefail',
            ...(bash
              ? { fixTitle: 'Start the RUN with `set -o pipefail &&`', fix: (f) => f.insertBefore(ins.restSpan, 'set -o pipefail && ') }
              : {}),
            suggest:
              from && !shell
                ? [
                    {
                      title: 'Run the stage under bash with pipefail',
                      applicability: 'display-only',
                      fix: (f) => f.insertAfter(from.span, `${eolOf(ctx.source.text, from.span.end)}SHELL ["/bin/bash", "-o", "pipefail", "-c"]`),
                    },
                  ]
                : undefined,
          });
          return;
        }
      },
    };
  },
});

function eolOf(text: string, at: number): string {
  return text.slice(at, at + 2) === '\r\n' ? '\r\n' : '\n';
}
