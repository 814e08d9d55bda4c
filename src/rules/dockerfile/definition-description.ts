import type { Comment, Instruction } from '../../dockerfile/nodes.js';
import { defineRule } from '../rule.js';

const PRAGMA = /^(?:hadolint|ballast)\b|^(?:check|syntax|escape)\s*=/i;

/** The comment block BuildKit would take as the description of `ins` (after the last bare `#`), pragmas left out. */
function descriptionComments(ins: Instruction): Comment[] {
  let block = ins.comments;
  const reset = block.map((c) => c.content === '').lastIndexOf(true);
  if (reset >= 0) block = block.slice(reset + 1);
  return block.filter((c) => !PRAGMA.test(c.content));
}

export default defineRule({
  meta: {
    id: 'definition-description',
    code: 'DF609',
    target: 'dockerfile',
    category: 'style',
    description: 'A comment directly above `FROM … AS name` or `ARG name` should start with that name (it becomes its description).',
    recommended: false,
    severity: 'warn',
    experimental: true,
    messages: {
      description:
        'This comment is shown as the description of {{kind}} `{{name}}` (`docker build --call=outline`), so it should start with `{{name}}`. Write `# {{name}} <description>`, or put a blank line between the comment and the instruction.',
    },
    aliases: ['InvalidDefinitionDescription'],
  },
  create(ctx) {
    const check = (ins: Instruction, kind: string, name: string) => {
      const block = descriptionComments(ins);
      if (!block.length) return;
      const first = block[0];
      if (first.content.split(/\s+/)[0] === name) return;
      ctx.report({ at: first.span, messageId: 'description', data: { kind, name } });
    };
    return {
      FROM(ins) {
        const name = ins.from?.name;
        if (name) check(ins, 'stage', name.value);
      },
      ARG(ins) {
        if (ins.pairs?.length === 1) check(ins, 'build argument', ins.pairs[0].key);
      },
    };
  },
});
