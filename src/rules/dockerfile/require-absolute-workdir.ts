import { posix } from 'node:path';
import type { Instruction } from '../../dockerfile/nodes.js';
import { processWord } from '../../dockerfile/expand.js';
import { resolveWord, stageChain } from '../../dockerfile/stage-queries.js';
import { defineRule } from '../rule.js';

/** hadolint's notion of an absolute WORKDIR: `/x`, `$VAR...`, or a Windows drive (`C:\`, `C:/`). */
function isAbsoluteLike(p: string): boolean {
  return p.startsWith('/') || p.startsWith('$') || /^[A-Za-z]:/.test(p);
}

function unquoted(ins: Instruction, escape: string): string {
  try {
    const r = processWord(ins.rest.text, null, escape);
    if (!r.error) return r.value;
  } catch {
    // fall through
  }
  // e.g. `"C:\"`: the backslash escapes the closing quote; judge the text inside the quotes
  return ins.rest.text.replace(/^["']/, '');
}

export default defineRule({
  meta: {
    id: 'require-absolute-workdir',
    code: 'DF113',
    target: 'dockerfile',
    category: 'correctness',
    description: 'WORKDIR is a relative path, so it depends on the working directory of the base image.',
    recommended: true,
    severity: 'error',
    fixable: 'safe',
    messages: {
      relative: '`WORKDIR {{path}}` is relative: it resolves against whatever working directory the base image set. Use an absolute path{{suggestion}}.',
    },
    aliases: ['DL3000', 'WorkdirRelativePath'],
  },
  create(ctx) {
    const src = ctx.source;
    /** Working directory in effect before `ins` (null: set by the base image, unknown). */
    const workdirBefore = (ins: Instruction): string | null => {
      const stage = src.stageOf(ins);
      if (!stage) return null;
      const chain = stageChain(src, stage).reverse();
      let wd: string | null = null;
      for (const st of chain) {
        for (const i of st.instructions) {
          if (i === ins) return wd;
          if (i.keyword !== 'WORKDIR') continue;
          const r = resolveWord(src, i, i.rest.text);
          if (r.unknown || /^[A-Za-z]:|\\/.test(r.value)) wd = null;
          else if (r.value.startsWith('/')) wd = posix.normalize(r.value);
          else wd = wd === null ? null : posix.join(wd, r.value);
        }
      }
      return wd;
    };
    /** BuildKit reports only the first relative WORKDIR of a stage, and only before any absolute one. */
    const buildkitWould = (ins: Instruction): boolean => {
      const stage = src.stageOf(ins);
      if (!stage) return true;
      const first = stage.instructions.find((i) => i.keyword === 'WORKDIR');
      return first === ins;
    };
    return {
      WORKDIR(ins) {
        if (!ins.rest.text) return;
        const path = unquoted(ins, src.escape);
        if (isAbsoluteLike(path)) return;
        const base = path.includes('$') || path.includes('\\') ? null : workdirBefore(ins);
        const abs = base === null ? undefined : posix.join(base, path);
        const quote = /^["']/.test(ins.rest.text) || /\s/.test(abs ?? '') ? '"' : '';
        ctx.report({
          at: ins.restSpan,
          messageId: 'relative',
          data: { path: ins.rest.text, suggestion: abs ? ` (\`${abs}\`, given the WORKDIR above)` : ' such as `/app`' },
          aliases: buildkitWould(ins) ? ['DL3000', 'WorkdirRelativePath'] : ['DL3000'],
          ...(abs
            ? { fixTitle: `Replace with \`${abs}\``, fix: (f) => f.replace(ins.restSpan, `${quote}${abs}${quote}`) }
            : {}),
        });
      },
    };
  },
});
