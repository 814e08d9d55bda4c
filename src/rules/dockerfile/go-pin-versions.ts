import { goModuleCommand, packageCommands, packageSpecs } from '../../dockerfile/package-queries.js';
import { defineRule } from '../rule.js';

/** Version queries that move: `@latest`, `@upgrade`, `@patch`, branch names, `@>=v1`. */
const MOVING = /^(latest|upgrade|patch|master|main|head|trunk|develop|dev|[<>].*)$/i;

/** Local packages and files need no version: `.`, `./cmd/x`, `/go/src/app`, `main.go`, `all`, `std`, `cmd`. */
function local(spec: string): boolean {
  return /^[./~]/.test(spec) || /\.go$/.test(spec) || /^(all|std|cmd)$/.test(spec);
}

export default defineRule({
  meta: {
    id: 'go-pin-versions',
    code: 'DF534',
    target: 'dockerfile',
    category: 'reproducibility',
    description: 'go install/get/run of a module without @version (or with @latest) fetches whatever is newest that day.',
    recommended: true,
    severity: 'warn',
    messages: {
      unpinned: '`go {{verb}} {{pkg}}` fetches the newest version on every build. Pin it as `{{module}}@v<version>` (or a commit).',
      moving: '`{{pkg}}` asks for `@{{version}}`, which moves over time. Pin it as `{{module}}@v<version>` (or a commit).',
    },
    aliases: ['DL3062'],
    onbuild: true,
    programs: ['go'],
  },
  create(ctx) {
    return {
      RUN(ins) {
        for (const c of packageCommands(ctx.source, ins)) {
          const g = goModuleCommand(c);
          if (!g) continue;
          for (const p of g.packages) {
            const specs = packageSpecs(ctx.source, ins, p);
            if (!specs) continue;
            for (const spec of specs) {
              if (local(spec)) continue;
              const at = spec.lastIndexOf('@');
              const module = at >= 0 ? spec.slice(0, at) : spec;
              if (at < 0 || at === spec.length - 1) {
                ctx.report({ at: p, messageId: 'unpinned', data: { verb: g.verb.value, pkg: p.value, module } });
                break;
              }
              const version = spec.slice(at + 1);
              if (MOVING.test(version)) {
                ctx.report({ at: p, messageId: 'moving', data: { pkg: p.value, version, module } });
                break;
              }
            }
          }
        }
      },
    };
  },
});
