import type { Span } from '../../core/diagnostic.js';
import type { Instruction } from '../../dockerfile/nodes.js';
import { parseJsonArray, sliceLogical, logicalSpan } from '../../dockerfile/parse.js';
import { isWindowsStage } from '../../dockerfile/optimize-queries.js';
import { stageChain } from '../../dockerfile/stage-queries.js';
import type { DockerfileSource } from '../../dockerfile/source.js';
import { defineRule } from '../rule.js';
import { analyzeJsonish } from './invalid-json-form.js';

/** Characters that mean nothing special to /bin/sh inside an unquoted word. */
const PLAIN_WORD = /^[A-Za-z0-9_@%+=:,./-]+$/;
/** Commands that only exist inside a shell. */
const SHELL_ONLY = new Set(['cd', 'export', 'source', '.', 'set', 'unset', 'ulimit', 'umask', 'trap', 'eval', 'alias', 'if', 'for', 'while', 'case', 'until', 'function', '{', '!', 'then', 'do', 'exit', 'return', 'shift', 'wait', 'read', 'local']);

/** The exec-form equivalent of a shell-form command, or undefined when the text needs a shell. */
export function execFormOf(words: readonly string[]): string[] | undefined {
  let w = [...words];
  if (w[0] === 'exec') w = w.slice(1);
  if (!w.length) return undefined;
  if (!w.every((x) => PLAIN_WORD.test(x))) return undefined;
  if (w[0].includes('=') || SHELL_ONLY.has(w[0])) return undefined;
  return w;
}

export function jsonArray(values: readonly string[]): string {
  return `[${values.map((v) => JSON.stringify(v)).join(', ')}]`;
}

interface Target {
  /** The command text after `CMD`/`ENTRYPOINT`/`HEALTHCHECK ... CMD`. */
  readonly text: string;
  readonly span: Span;
  readonly words: readonly string[];
  readonly invalidJson: boolean;
}

function healthcheckTarget(ins: Instruction): Target | undefined {
  const first = ins.args[0];
  if (!first || first.value.toUpperCase() !== 'CMD') return undefined;
  const start = ins.rest.text.indexOf(first.raw) + first.raw.length;
  const tail = sliceLogical(ins.rest, start);
  const lead = tail.text.length - tail.text.trimStart().length;
  const body = sliceLogical(tail, lead, tail.text.trimEnd().length);
  if (!body.text) return undefined;
  if (body.text.startsWith('[') && parseJsonArray(body).form) return undefined;
  return {
    text: body.text,
    span: logicalSpan(body, 0, body.text.length),
    words: ins.args.slice(1).map((a) => a.raw),
    invalidJson: body.text.startsWith('['),
  };
}

function hasShell(src: DockerfileSource, ins: Instruction): boolean {
  const stage = src.stageOf(ins);
  if (!stage) return false;
  for (const st of stageChain(src, stage)) {
    for (const i of st.instructions) {
      if (i === ins) break;
      if (i.keyword === 'SHELL') return true;
    }
  }
  return false;
}

export default defineRule({
  meta: {
    id: 'json-args-recommended',
    code: 'DF607',
    target: 'dockerfile',
    category: 'style',
    description: 'CMD, ENTRYPOINT or HEALTHCHECK CMD in shell form runs behind `/bin/sh -c`, which does not forward signals.',
    recommended: true,
    severity: 'warn',
    fixable: 'unsafe',
    messages: {
      shellForm:
        '`{{keyword}}` in shell form runs as `{{shell}} "..."`: the shell is PID 1 and does not pass SIGTERM on, so `docker stop` waits and then kills. Use the JSON form{{suggestion}}.',
      healthcheck:
        '`HEALTHCHECK CMD` in shell form runs every probe through `{{shell}}`, which needs a shell in the image (distroless and scratch images have none). Use the JSON form{{suggestion}}.',
    },
    aliases: ['DL3025', 'JSONArgsRecommended'],
  },
  create(ctx) {
    const src = ctx.source;
    const check = (ins: Instruction) => {
      let t: Target | undefined;
      if (ins.keyword === 'HEALTHCHECK') t = healthcheckTarget(ins);
      else if (ins.form === 'shell' && ins.rest.text) {
        t = { text: ins.rest.text, span: ins.restSpan, words: ins.args.map((a) => a.raw), invalidJson: !!ins.invalidJson };
      }
      if (!t) return;
      if (t.invalidJson && analyzeJsonish(t.text)) return; // a broken JSON array: invalid-json-form reports it, with its own fix
      if (hasShell(src, ins)) return; // an explicit SHELL makes the shell form deliberate (BuildKit)
      const exec = execFormOf(t.words);
      const replacement = exec ? jsonArray(exec) : undefined;
      // exec-form ENTRYPOINT receives CMD as arguments; shell form ignores it
      const stage = src.stageOf(ins);
      const cmdMatters =
        ins.keyword === 'ENTRYPOINT' && !!stage && stageChain(src, stage).some((s) => s.instructions.some((i) => i.keyword === 'CMD'));
      ctx.report({
        at: t.span,
        messageId: ins.keyword === 'HEALTHCHECK' ? 'healthcheck' : 'shellForm',
        data: {
          keyword: ins.keyword === 'HEALTHCHECK' ? 'HEALTHCHECK CMD' : ins.keyword,
          // without a SHELL, Windows images run the shell form with cmd
          shell: isWindowsStage(src, stage) ? 'cmd /S /C' : '/bin/sh -c',
          suggestion: replacement ? `: \`${ins.keyword === 'HEALTHCHECK' ? 'HEALTHCHECK CMD' : ins.keyword} ${replacement}\`` : '',
        },
        aliases: ins.keyword === 'HEALTHCHECK' ? ['DL3025'] : ['DL3025', 'JSONArgsRecommended'],
        ...(replacement
          ? {
              fixTitle: 'Rewrite in JSON (exec) form',
              applicability: cmdMatters ? ('display-only' as const) : ('unsafe' as const),
              fix: (f) => f.replace(t.span, replacement),
            }
          : {}),
      });
    };
    return { CMD: check, ENTRYPOINT: check, HEALTHCHECK: check };
  },
});
