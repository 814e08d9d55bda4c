import { defineRule } from '../rule.js';

export default defineRule({
  meta: {
    id: 'no-constant-platform-flag',
    code: 'DF114',
    target: 'dockerfile',
    category: 'correctness',
    description: '`FROM --platform` with a constant platform breaks multi-platform builds; use $BUILDPLATFORM or $TARGETPLATFORM.',
    recommended: true,
    severity: 'warn',
    messages: {
      constant:
        '`--platform={{value}}` pins this stage to one platform, so multi-platform builds emulate or mislabel it. Use `--platform=$BUILDPLATFORM` (build tools) or leave it out (target platform); name the stage after the platform (e.g. `{{example}}`) if the pin is deliberate.',
    },
    aliases: ['DL3029', 'FromPlatformFlagConstDisallowed'],
  },
  create(ctx) {
    return {
      FROM(ins) {
        const flag = ins.from?.platform;
        if (!flag || flag.value === null || flag.value.includes('$')) return;
        const value = flag.value;
        // BuildKit accepts a constant when the stage name says which platform it is for (`build-arm64`)
        const parts = value.toLowerCase().split('/').filter(Boolean);
        const name = ins.from?.name?.value.toLowerCase();
        if (name && parts.slice(0, 2).some((p) => name.includes(p))) return;
        const arch = parts[1] ?? parts[0] ?? 'amd64';
        ctx.report({ at: flag, messageId: 'constant', data: { value, example: `build-${arch}` } });
      },
    };
  },
});
