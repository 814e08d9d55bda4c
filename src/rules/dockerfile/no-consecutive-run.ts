import type { Instruction } from '../../dockerfile/nodes.js';
import { shellAt, shellProgram } from '../../dockerfile/package-queries.js';
import { instructionGroups, shippedStages } from '../../dockerfile/stage-queries.js';
import type { DockerfileSource } from '../../dockerfile/source.js';
import { defineRule } from '../rule.js';

interface Options {
  allStages: boolean;
}

/** Number of separate command lines (pipelines) a shell-form RUN runs, not counting `sh -c` internals. */
function commandCount(src: DockerfileSource, ins: Instruction): number {
  const cmds = src.commands(ins);
  const inside = (c: (typeof cmds)[number]) =>
    cmds.some((o) => o !== c && o.span.start <= c.span.start && c.span.end <= o.span.end && o.span.end - o.span.start > c.span.end - c.span.start);
  const outer = cmds.filter((c) => !inside(c));
  // a compound statement (`if`, loops, subshells) already groups several commands
  if (outer.some((c) => c.depth > 0)) return 2;
  return new Set(outer.map((c) => c.pipeline)).size;
}

const flagKey = (ins: Instruction): string =>
  ins.flags
    .map((f) => f.raw)
    .sort()
    .join(' ');

/**
 * Windows PowerShell 5 (`SHELL ["powershell", ...]`) has no `&&` (PowerShell 7, `pwsh`, has), and `;`
 * does not stop at a failed native program the way `&&` does: no rewrite is offered there.
 */
function windowsPowerShell(src: DockerfileSource, ins: Instruction): boolean {
  const argv0 = shellAt(src, ins)?.[0];
  return argv0 !== undefined && shellProgram(argv0) === 'powershell';
}

/** A RUN that could absorb or be absorbed by a neighbour: shell form, no heredoc, one command. */
function mergeable(src: DockerfileSource, ins: Instruction): boolean {
  return ins.keyword === 'RUN' && ins.form === 'shell' && !ins.heredocs.length && !!ins.rest.text && commandCount(src, ins) <= 1;
}

export default defineRule<Options, 'consecutive' | 'consecutivePowerShell'>({
  meta: {
    id: 'no-consecutive-run',
    code: 'DF309',
    target: 'dockerfile',
    category: 'size',
    description: 'Consecutive single-command RUN instructions with the same flags each add a layer; merge them.',
    recommended: true,
    severity: 'info',
    fixable: 'display-only',
    messages: {
      consecutive: 'This RUN follows the RUN on line {{line}} with the same flags; each RUN adds a layer to the image. Merge them with `&&`.',
      consecutivePowerShell:
        'This RUN follows the RUN on line {{line}} with the same flags; each RUN adds a layer to the image. Merge them: Windows PowerShell has no `&&`, so separate the commands with `;` and stop after a failed program with `if ($LASTEXITCODE) { exit $LASTEXITCODE }`.',
    },
    options: { defaults: { allStages: false }, types: { allStages: 'boolean' } },
    aliases: ['DL3059'],
  },
  create(ctx) {
    const src = ctx.source;
    return {
      fileExit() {
        const shipped = shippedStages(src);
        const esc = src.escape;
        for (const g of instructionGroups(src)) {
          if (!ctx.options.allStages && g.stage >= 0 && !shipped.has(g.stage)) continue;
          for (let k = 1; k < g.instructions.length; k++) {
            const prev = g.instructions[k - 1];
            const ins = g.instructions[k];
            if (!mergeable(src, prev) || !mergeable(src, ins) || flagKey(prev) !== flagKey(ins)) continue;
            if (windowsPowerShell(src, ins)) {
              ctx.report({ at: ins.span, messageId: 'consecutivePowerShell', data: { line: prev.line }, related: [{ at: prev.span, message: 'the previous RUN' }] });
              continue;
            }
            // indentation of the continued line: the previous RUN's argument column
            const indent = ' '.repeat(Math.max(4, src.position(prev.restSpan.start).column - src.position(prev.span.start).column));
            ctx.report({
              at: ins.span,
              messageId: 'consecutive',
              data: { line: prev.line },
              related: [{ at: prev.span, message: 'the previous RUN' }],
              fixTitle: `Merge into the RUN on line ${prev.line}`,
              fix: (f) => {
                // keep the comment lines in between (allowed inside a continuation), drop blank ones
                const between = src.text.slice(prev.restSpan.end, ins.span.start);
                const eol = between.includes('\r\n') ? '\r\n' : '\n';
                const comments = between
                  .split(/\r?\n/)
                  .slice(1)
                  .filter((l) => l.trim().startsWith('#'));
                return f.replace({ start: prev.restSpan.end, end: ins.restSpan.start }, ` && ${esc}${comments.map((c) => eol + c).join('')}${eol}${indent}`);
              },
            });
          }
        }
      },
    };
  },
});
