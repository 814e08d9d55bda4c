import type { Edit } from '../../core/diagnostic.js';
import type { Instruction } from '../../dockerfile/nodes.js';
import { isAptUpdate, packageCommands } from '../../dockerfile/package-queries.js';
import { hasCacheMount, removesPath } from '../../dockerfile/shell-queries.js';
import { bodyText } from '../../dockerfile/shell.js';
import type { DockerfileSource } from '../../dockerfile/source.js';
import { defineRule } from '../rule.js';

const LISTS = '/var/lib/apt/lists';
const CLEANUP = 'rm -rf /var/lib/apt/lists/*';

/** Append the cleanup to the end of a RUN, following its layout; null when no mechanical edit is right. */
export function appendToRun(source: DockerfileSource, ins: Instruction, command: string): Edit | null {
  if (ins.form !== 'shell') return null;
  const text = source.text;
  if (ins.heredocs.length) {
    const markersOnly = ins.rest.text.replace(/\d*<<-?\s*(["']?)[^\s]*\1/g, '').trim() === '';
    if (!markersOnly) return null;
    // the last heredoc that is a shell script gets one more line
    const h = ins.heredocs[ins.heredocs.length - 1];
    if (!h.delimiterSpan || /^#!/.test(h.body) && !/\b(sh|bash|dash|ash|zsh|ksh)\b/.test(h.body.split('\n', 1)[0])) return null;
    const eol = text.slice(h.bodySpan.start, h.bodySpan.end).includes('\r\n') ? '\r\n' : '\n';
    const body = bodyText(h).text;
    const lastLine = body.replace(/\r?\n$/, '').split('\n').pop() ?? '';
    const indent = /^[ \t]*/.exec(lastLine)![0];
    const at = h.bodySpan.end;
    const needsEol = at > h.bodySpan.start && !/\n$/.test(text.slice(h.bodySpan.start, at));
    return { span: { start: at, end: at }, text: `${needsEol ? eol : ''}${h.chomp ? '' : indent}${command}${eol}` };
  }
  const end = ins.restSpan.end;
  const scripts = source.shell(ins);
  const last = scripts[0]?.commands.at(-1);
  if (!last || scripts[0].hasError) return null;
  const tail = text.slice(last.span.end, end);
  if (/[#&|]/.test(tail.replace(/&&|\|\|/g, ''))) return null; // a trailing comment or background job
  const logical = ins.rest.text.trimEnd();
  if (/(&&|\|\||\|)$/.test(logical)) return null;
  const sep = logical.endsWith(';') ? ' ' : ' && ';
  // multi-line RUN: continue in the same style on a new line
  const firstLine = source.position(ins.restSpan.start).line;
  const lastLineNo = source.position(end).line;
  if (lastLineNo > firstLine && sep === ' && ') {
    const lineStart = text.lastIndexOf('\n', end - 1) + 1;
    const lineText = text.slice(lineStart, end);
    const indent = /^[ \t]*/.exec(lineText)![0];
    const eol = text[lineStart - 2] === '\r' ? '\r\n' : '\n';
    const esc = source.escape;
    if (/^[ \t]*&&/.test(lineText)) return { span: { start: end, end }, text: ` ${esc}${eol}${indent}&& ${command}` };
    const prevLineEnd = lineStart - (eol.length + 1);
    if (prevLineEnd > 0 && /&&[ \t]*$/.test(text.slice(text.lastIndexOf('\n', prevLineEnd - 1) + 1, prevLineEnd))) {
      return { span: { start: end, end }, text: ` && ${esc}${eol}${indent}${command}` };
    }
  }
  return { span: { start: end, end }, text: `${sep}${command}` };
}

export default defineRule({
  meta: {
    id: 'apt-lists-cleanup',
    code: 'DF302',
    target: 'dockerfile',
    category: 'size',
    description: 'apt-get update leaves /var/lib/apt/lists in the layer unless the same RUN removes it.',
    recommended: true,
    severity: 'info',
    fixable: 'unsafe',
    messages: {
      lists:
        '`{{cmd}}` leaves the package lists in /var/lib/apt/lists in this layer. End the same RUN with `rm -rf /var/lib/apt/lists/*`, or mount a cache at /var/lib/apt.',
    },
    aliases: ['DL3009'],
    onbuild: true,
    programs: ['apt-get', 'apt', 'aptitude'],
  },
  create(ctx) {
    return {
      RUN(ins) {
        // ONBUILD triggers run in a downstream build whose image is shipped
        if (!ins.parent) {
          const stage = ctx.source.stageOf(ins);
          if (stage && !stage.reachesFinal) return;
        }
        if (hasCacheMount(ins, LISTS)) return;
        const cmds = packageCommands(ctx.source, ins);
        const update = cmds.find(isAptUpdate);
        if (!update || removesPath(cmds, LISTS)) return;
        ctx.report({
          at: update,
          messageId: 'lists',
          data: { cmd: `${update.program} update` },
          fixTitle: 'Remove /var/lib/apt/lists at the end of the RUN',
          fix: () => appendToRun(ctx.source, ins, CLEANUP),
        });
      },
    };
  },
});
