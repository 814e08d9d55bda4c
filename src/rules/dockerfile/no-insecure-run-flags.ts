import type { Flag } from '../../dockerfile/nodes.js';
import { defineRule } from '../rule.js';

export default defineRule({
  meta: {
    id: 'no-insecure-run-flags',
    code: 'DF485',
    target: 'dockerfile',
    category: 'security',
    description: 'RUN --security=insecure and RUN --network=host give a build step the host\'s privileges or network.',
    recommended: true,
    severity: 'warn',
    messages: {
      insecure:
        '`--security=insecure` runs this step without the build sandbox (all capabilities, no seccomp/AppArmor, host devices): it can change the builder host. Remove it, or confine what needs privileges to a separate, reviewed build.',
      hostNetwork:
        "`--network=host` gives this step the builder host's network: it can reach services on the host and the private network that a build should not see. Remove it; use build arguments or secret mounts for what it fetches.",
    },
    onbuild: true,
  },
  create(ctx) {
    return {
      RUN(ins) {
        for (const f of ins.flags as readonly Flag[]) {
          const v = (f.value ?? '').trim().toLowerCase();
          if (f.name === 'security' && v === 'insecure') ctx.report({ at: f.span, messageId: 'insecure' });
          else if (f.name === 'network' && v === 'host') ctx.report({ at: f.span, messageId: 'hostNetwork' });
        }
      },
    };
  },
});
