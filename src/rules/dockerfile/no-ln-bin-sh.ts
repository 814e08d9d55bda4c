import { packageCommands } from '../../dockerfile/package-queries.js';
import { flagValue, positionals } from '../../dockerfile/shell-queries.js';
import type { Command, ShellWord } from '../../dockerfile/shell.js';
import { defineRule } from '../rule.js';

const SH = /^\/(usr\/)?bin\/+sh\/?$/;

/** The word naming a link `ln` creates at /bin/sh (or /usr/bin/sh). */
function linksBinSh(c: Command): ShellWord | undefined {
  if (c.program !== 'ln') return undefined;
  const pos = positionals(c, ['S', 'suffix', 't', 'target-directory']);
  const dir = flagValue(c, 't', 'target-directory');
  if (dir !== undefined) {
    if (!/^\/(usr\/)?bin\/?$/.test(dir)) return undefined;
    return pos.find((p) => /(^|\/)sh$/.test(p.value));
  }
  if (pos.length < 2) return undefined;
  const link = pos[pos.length - 1];
  return SH.test(link.value) ? link : undefined;
}

export default defineRule({
  meta: {
    id: 'no-ln-bin-sh',
    code: 'DF134',
    target: 'dockerfile',
    category: 'correctness',
    description: 'Replacing /bin/sh with a link changes the shell for everything in the image; use SHELL instead.',
    recommended: true,
    severity: 'warn',
    messages: {
      lnSh: 'This `ln` replaces {{path}}, the shell every later RUN, package script and entrypoint uses. To run RUN under another shell, set `SHELL ["/bin/bash", "-c"]` instead.',
    },
    aliases: ['DL4005'],
    onbuild: true,
    programs: ['ln'],
  },
  create(ctx) {
    return {
      RUN(ins) {
        for (const c of packageCommands(ctx.source, ins)) {
          const w = linksBinSh(c);
          if (w) ctx.report({ at: w, messageId: 'lnSh', data: { path: w.value } });
        }
      },
    };
  },
});
