import { operands, PIP_INSTALL_WITH_VALUE, pipInstall, packageCommands } from '../../dockerfile/package-queries.js';
import { findFlag } from '../../dockerfile/shell-queries.js';
import { defineRule } from '../rule.js';

/** A pip requirement argument that does not name a version (or a VCS ref). */
export function pipSpecUnpinned(spec: string): boolean {
  const s = spec.split(';', 1)[0].trim(); // environment markers
  if (s === '' || s === '.' || s === '..') return false;
  const vcs = /^(git|hg|svn|bzr)\+[a-z]+:\/\/(.*)$/i.exec(s);
  if (vcs) {
    // the ref follows the repository path: git+https://host/org/repo.git@v1.2#egg=x
    const path = vcs[2].split('#', 1)[0];
    const slash = path.indexOf('/');
    return !(slash >= 0 && path.slice(slash).includes('@'));
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(s)) return false; // an archive URL
  if (s.includes('/') || s.startsWith('~')) return false; // a local path
  if (/\.(whl|tar\.gz|tgz|tar\.bz2|tar\.xz|zip)$/i.test(s)) return false; // a local archive
  // a requirement's name starts with a letter or digit: anything else is not a package (e.g. the `}`
  // closing a PowerShell block)
  if (!/^[a-z0-9]/i.test(s)) return false;
  return !/(===|==|~=|!=|>=|<=|<|>|@)/.test(s);
}

export default defineRule({
  meta: {
    id: 'pip-pin-versions',
    code: 'DF504',
    target: 'dockerfile',
    category: 'reproducibility',
    description: 'pip install <package> without a version specifier installs whatever PyPI has that day.',
    recommended: false,
    severity: 'warn',
    messages: {
      unpinned: 'Package `{{pkg}}` is not pinned. Pin it (`{{pkg}}==<version>`), or install from a requirements or constraints file.',
    },
    aliases: ['DL3013'],
    onbuild: true,
    programs: [/^(pip|python)(\d(\.\d+)?)?$/, 'pipx'],
  },
  create(ctx) {
    return {
      RUN(ins) {
        let constrained: boolean | undefined;
        for (const c of packageCommands(ctx.source, ins)) {
          const inst = pipInstall(c, true);
          if (!inst) continue;
          // PIP_CONSTRAINT from ENV/ARG pins everything (looked up only when the RUN installs with pip)
          constrained ??= !!ctx.source.scope(ins).get('PIP_CONSTRAINT')?.value;
          if (constrained) return;
          // a constraints file pins whatever is named on the command line
          if (findFlag(inst.rest, 'c', 'constraint') || c.assignments.some((a) => a.name === 'PIP_CONSTRAINT' && a.value)) continue;
          const specs = operands(inst.rest, PIP_INSTALL_WITH_VALUE.filter((n) => n !== 'e' && n !== 'editable'));
          for (const p of specs) {
            if (p.value === '-e' || p.value === '--editable') continue;
            if (!pipSpecUnpinned(p.value)) continue;
            if (p.dynamic) continue; // `$PKG`: cannot tell
            ctx.report({ at: p, messageId: 'unpinned', data: { pkg: p.value } });
          }
        }
      },
    };
  },
});
