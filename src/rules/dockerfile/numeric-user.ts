import type { Instruction } from '../../dockerfile/nodes.js';
import { isWindowsStage } from '../../dockerfile/optimize-queries.js';
import { instructionGroups, stageChain } from '../../dockerfile/stage-queries.js';
import { defineRule } from '../rule.js';

/** The USER the image runs as: the last USER of the final stage, or of the stages it is built on. */
export function effectiveUser(src: import('../../dockerfile/source.js').DockerfileSource): Instruction | undefined {
  const last = (list: readonly Instruction[]) => [...list].reverse().find((i) => i.keyword === 'USER');
  const final = src.stages[src.stages.length - 1];
  if (!final) {
    const group = instructionGroups(src).at(-1);
    return group ? last(group.instructions) : undefined;
  }
  for (const s of stageChain(src, final)) {
    const u = last(s.instructions);
    if (u) return u;
  }
  return undefined;
}

export default defineRule({
  meta: {
    id: 'numeric-user',
    code: 'DF451',
    target: 'dockerfile',
    category: 'security',
    description: 'The image runs as a user (or group) given by name, not by numeric id.',
    recommended: true,
    severity: 'info',
    messages: {
      name: 'The image runs as `{{name}}`, a {{what}} name. Kubernetes `runAsNonRoot` and other host-side checks can only verify a numeric id, and the name may not exist outside the image. Use the numeric id (`id -{{flag}} {{name}}` in the image prints it), such as `USER 10001:10001`.',
    },
    aliases: ['DL3066'],
  },
  create(ctx) {
    const src = ctx.source;
    return {
      fileExit() {
        const u = effectiveUser(src);
        if (!u || u.form !== 'shell') return;
        // Windows users (ContainerUser, ContainerAdministrator) have no numeric ids
        if (src.stages.length && isWindowsStage(src, src.stages[src.stages.length - 1])) return;
        const text = u.rest.text.trim();
        if (!text || text.includes(' ')) return;
        const literal = src.textOf(u.restSpan) === u.rest.text;
        const lead = u.rest.text.length - u.rest.text.trimStart().length;
        let offset = 0;
        text.split(':').forEach((part, k) => {
          const start = offset;
          offset += part.length + 1;
          if (k > 1 || !part || /^\d+$/.test(part) || part.includes('$')) return;
          // root is uid/gid 0 everywhere (no-root-user judges running as root)
          if (part === 'root') return;
          const at = literal ? { start: u.restSpan.start + lead + start, end: u.restSpan.start + lead + start + part.length } : u.restSpan;
          ctx.report({ at, messageId: 'name', data: { name: part, what: k === 0 ? 'user' : 'group', flag: k === 0 ? 'u' : 'g' } });
        });
      },
    };
  },
});
