import { npmInstall, packageCommands } from '../../dockerfile/package-queries.js';
import { defineRule } from '../rule.js';

/** npm package spec that does not name a fixed version (or git ref). */
export function npmSpecUnpinned(spec: string): boolean {
  if (/^(\.{0,2}\/|~\/|file:|link:)/.test(spec) || spec === '.' || spec === '..') return false; // folders
  if (/\.(tar|tgz|tar\.gz)$/i.test(spec)) return false; // tarballs
  if (/^(git\+[a-z]+|git):\/\//i.test(spec) || /^(github|gitlab|bitbucket|gist):/i.test(spec)) return !spec.includes('#');
  if (/^https?:\/\//i.test(spec)) return false; // a tarball URL
  // `@scope/name@version` / `name@version` / `alias@npm:name@version`
  const at = spec.indexOf('@', 1);
  if (at < 0) {
    // `user/repo` is a GitHub shorthand
    if (/^[^@/]+\/[^/]+$/.test(spec)) return !spec.includes('#');
    return true;
  }
  const version = spec.slice(at + 1);
  return version === '' || version === 'latest' || version === 'next';
}

export default defineRule({
  meta: {
    id: 'npm-pin-versions',
    code: 'DF505',
    target: 'dockerfile',
    category: 'reproducibility',
    description: 'npm install <package> without @version installs whatever the registry has that day.',
    recommended: false,
    severity: 'warn',
    messages: {
      unpinned: 'Package `{{pkg}}` is not pinned. Name a version (`{{name}}@<version>`), or a commit for git URLs (`#<ref>`).',
    },
    aliases: ['DL3016'],
    onbuild: true,
    programs: ['npm'],
  },
  create(ctx) {
    return {
      RUN(ins) {
        for (const c of packageCommands(ctx.source, ins)) {
          const inst = npmInstall(c);
          if (!inst) continue;
          for (const p of inst.packages) {
            if (!npmSpecUnpinned(p.value)) continue;
            if (p.dynamic && !p.value.includes('@', 1)) continue; // `$PKG`: cannot tell
            const at = p.value.indexOf('@', 1);
            ctx.report({ at: p, messageId: 'unpinned', data: { pkg: p.value, name: at > 0 ? p.value.slice(0, at) : p.value } });
          }
        }
      },
    };
  },
});
