import { APT_WITH_VALUE, packageCommands } from '../../dockerfile/package-queries.js';
import { positionals } from '../../dockerfile/shell-queries.js';
import { defineRule } from '../rule.js';

/** apt subcommands and the tool that has the same subcommand with a stable interface. */
const REPLACEMENT: Record<string, string> = {
  install: 'apt-get',
  remove: 'apt-get',
  purge: 'apt-get',
  update: 'apt-get',
  upgrade: 'apt-get',
  autoremove: 'apt-get',
  autoclean: 'apt-get',
  clean: 'apt-get',
  source: 'apt-get',
  'build-dep': 'apt-get',
  download: 'apt-get',
  'dist-upgrade': 'apt-get',
  search: 'apt-cache',
  show: 'apt-cache',
  showsrc: 'apt-cache',
  policy: 'apt-cache',
  depends: 'apt-cache',
  rdepends: 'apt-cache',
};

export default defineRule({
  meta: {
    id: 'no-apt',
    code: 'DF614',
    target: 'dockerfile',
    category: 'style',
    description: '`apt` is an interactive front-end without a stable interface; use apt-get or apt-cache in scripts.',
    recommended: true,
    severity: 'warn',
    fixable: 'unsafe',
    messages: {
      apt: '`apt` is meant for interactive use and warns that its interface may change. Use `{{tool}}` instead.',
    },
    aliases: ['DL3027'],
    onbuild: true,
    programs: ['apt'],
  },
  create(ctx) {
    return {
      RUN(ins) {
        for (const c of packageCommands(ctx.source, ins)) {
          if (c.program !== 'apt' || !c.nameWord) continue;
          const sub = positionals(c, APT_WITH_VALUE)[0]?.value;
          const tool = sub ? REPLACEMENT[sub] : undefined;
          const name = c.nameWord;
          ctx.report({
            at: name,
            messageId: 'apt',
            data: { tool: tool ?? 'apt-get` or `apt-cache' },
            ...(tool && name.raw === 'apt'
              ? { fixTitle: `Replace apt with ${tool}`, fix: (f) => f.replace(name, tool) }
              : {}),
          });
        }
      },
    };
  },
});
