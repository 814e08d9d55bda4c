import type { Instruction } from '../../dockerfile/nodes.js';
import { packageCommands } from '../../dockerfile/package-queries.js';
import type { Command } from '../../dockerfile/shell.js';
import { defineRule } from '../rule.js';

type Tool = 'curl' | 'wget';

interface Use {
  readonly ins: Instruction;
  readonly cmds: readonly Command[];
}

export default defineRule({
  meta: {
    id: 'no-curl-and-wget',
    code: 'DF334',
    target: 'dockerfile',
    category: 'size',
    description: 'A stage uses both curl and wget; settle on one download tool.',
    recommended: true,
    severity: 'warn',
    messages: {
      both: 'This stage uses both `{{tool}}` and `{{other}}` (line {{line}}). Settle on one of them, so the image needs only one download tool.',
    },
    aliases: ['DL4001'],
    onbuild: true,
    programs: ['curl', 'wget'],
  },
  create(ctx) {
    // per stage, and separately for its ONBUILD triggers (they run in another image)
    const groups = new Map<string, Use[]>();
    return {
      RUN(ins) {
        const cmds = packageCommands(ctx.source, ins).filter((c) => c.program === 'curl' || c.program === 'wget');
        if (!cmds.length) return;
        const key = `${ins.stage}:${ins.parent ? 'onbuild' : ''}`;
        groups.set(key, [...(groups.get(key) ?? []), { ins, cmds }]);
      },
      fileExit() {
        for (const uses of groups.values()) {
          const first = new Map<Tool, Command>();
          for (const u of uses) {
            const complete = first.size === 2;
            let at: Command | undefined;
            for (const c of u.cmds) {
              if (first.has(c.program as Tool)) continue;
              first.set(c.program as Tool, c);
              if (first.size === 2) at = c; // the command that completes the pair
            }
            if (first.size < 2) continue;
            // or, once both are in use, the first use in each later RUN
            at ??= complete ? u.cmds[0] : undefined;
            if (!at) continue;
            const tool = at.program as Tool;
            const other: Tool = tool === 'curl' ? 'wget' : 'curl';
            const o = first.get(other)!;
            ctx.report({ at, messageId: 'both', data: { tool, other, line: ctx.source.position(o.span.start).line } });
          }
        }
      },
    };
  },
});
