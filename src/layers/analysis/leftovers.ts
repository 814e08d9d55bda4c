import type { LeftoverCategory } from '../model.js';

export interface LeftoverRule {
  category: LeftoverCategory;
  kind: 'cache' | 'toolchain';
  /** Matches a path (no leading slash); group 1 is the root reported to the user. */
  pattern: RegExp;
}

const HOME = '(?:root|home/[^/]+|usr/local/share|var/lib/[^/]+)';

/** Known package-manager caches and build toolchains. The first matching rule wins. */
export const LEFTOVER_RULES: readonly LeftoverRule[] = [
  { category: 'apt-lists', kind: 'cache', pattern: /^(var\/lib\/apt\/lists)\/(?!lock$|partial$|auxfiles$)./ },
  { category: 'apt-archives', kind: 'cache', pattern: /^(var\/cache\/apt)\/(?:archives\/[^/]+\.deb$|[^/]+\.bin$)/ },
  { category: 'apk-cache', kind: 'cache', pattern: /^(var\/cache\/apk|etc\/apk\/cache)\/./ },
  { category: 'dnf-yum-cache', kind: 'cache', pattern: /^(var\/cache\/(?:dnf|yum|zypp))\/./ },
  { category: 'pip-cache', kind: 'cache', pattern: new RegExp(`^(${HOME}/\\.cache/pip)/.`) },
  { category: 'npm-cache', kind: 'cache', pattern: new RegExp(`^(${HOME}/\\.npm/_cacache|${HOME}/\\.npm/_logs)/.`) },
  { category: 'yarn-cache', kind: 'cache', pattern: new RegExp(`^(${HOME}/\\.cache/yarn|${HOME}/\\.yarn/berry/cache)/.`) },
  { category: 'go-cache', kind: 'cache', pattern: new RegExp(`^(${HOME}/\\.cache/go-build|(?:go|${HOME}/go)/pkg/mod/cache)/.`) },
  { category: 'cargo-cache', kind: 'cache', pattern: new RegExp(`^((?:usr/local/cargo|${HOME}/\\.cargo)/(?:registry|git))/.`) },
  { category: 'maven-cache', kind: 'cache', pattern: new RegExp(`^(${HOME}/\\.m2/repository)/.`) },
  { category: 'gradle-cache', kind: 'cache', pattern: new RegExp(`^(${HOME}/\\.gradle/(?:caches|wrapper/dists))/.`) },
  { category: 'tmp', kind: 'cache', pattern: /^(tmp|var\/tmp)\/./ },
  { category: 'compiler', kind: 'toolchain', pattern: /^(usr\/(?:lib|libexec)\/gcc(?:-cross)?|usr\/lib\/llvm-[^/]+|usr\/local\/go|usr\/local\/rustup)\/./ },
  {
    category: 'compiler',
    kind: 'toolchain',
    pattern: /^(usr\/bin\/(?:[a-z0-9_]+-linux-gnu[a-z]*-)?(?:gcc|g\+\+|cc1[a-z+]*|c\+\+|cpp|clang|clang\+\+|gfortran|rustc)(?:-[0-9.]+)?)$/,
  },
  { category: 'compiler', kind: 'toolchain', pattern: /^(usr\/lib\/[^/]+\/lib(?:LLVM|clang-cpp|clang)[-.][^/]*\.so[^/]*)$/ },
  { category: 'build-tool', kind: 'toolchain', pattern: /^(usr\/bin\/(?:make|gmake|cmake|ninja|autoconf|automake|libtool|(?:[a-z0-9_]+-linux-gnu-)?(?:ld|ld\.bfd|ld\.gold|as)))$/ },
  { category: 'headers', kind: 'toolchain', pattern: /^(usr\/include|usr\/local\/include)\/./ },
  { category: 'static-libs', kind: 'toolchain', pattern: /^((?:usr\/)?lib(?:64)?(?:\/[^/]+)?)\/[^/]+\.a$/ },
];

/** The first rule that matches, with the root it reports. */
export function matchLeftover(path: string): { rule: LeftoverRule; root: string } | null {
  for (const rule of LEFTOVER_RULES) {
    const m = rule.pattern.exec(path);
    if (m) return { rule, root: m[1] };
  }
  return null;
}

/** A `-dev` package recorded by dpkg or apk, from a path such as var/lib/dpkg/info/libc6-dev:amd64.list. */
export function devPackageOf(path: string): string | null {
  const m = /^var\/lib\/dpkg\/info\/([^/:]+-dev)(?::[a-z0-9]+)?\.list$/.exec(path);
  return m ? m[1] : null;
}
