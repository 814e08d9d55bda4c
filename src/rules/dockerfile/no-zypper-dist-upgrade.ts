import { packageCommands, zypperCommand } from '../../dockerfile/package-queries.js';
import { defineRule } from '../rule.js';

export default defineRule({
  meta: {
    id: 'no-zypper-dist-upgrade',
    code: 'DF132',
    target: 'dockerfile',
    category: 'correctness',
    description: 'zypper dist-upgrade in a build upgrades the whole distribution; use a newer base image instead.',
    recommended: true,
    severity: 'warn',
    messages: {
      distUpgrade:
        '`zypper {{verb}}` upgrades the whole distribution inside the image, possibly to a new release, so the result depends on the build day. Use a newer base image, or `zypper -n update` for updates within the release.',
    },
    aliases: ['DL3035'],
    onbuild: true,
    programs: ['zypper'],
  },
  create(ctx) {
    return {
      RUN(ins) {
        for (const c of packageCommands(ctx.source, ins)) {
          const z = zypperCommand(c);
          if (z?.action !== 'dist-upgrade') continue;
          ctx.report({ at: z.verb, messageId: 'distUpgrade', data: { verb: z.verb.value } });
        }
      },
    };
  },
});
