import { formatBytes } from '../../core/bytes.js';
import { defineImageRule } from '../rule.js';

const ADVICE: Record<string, string> = {
  'apt-lists': 'remove /var/lib/apt/lists/* in the same RUN, or mount a cache at /var/lib/apt',
  'apt-archives': 'run apt-get clean in the same RUN, or mount a cache at /var/cache/apt',
  'apk-cache': 'use apk add --no-cache, or mount a cache at /var/cache/apk',
  'dnf-yum-cache': 'run dnf/yum clean all in the same RUN, or mount a cache at /var/cache/dnf',
  'pip-cache': 'use pip install --no-cache-dir, or mount a cache at /root/.cache/pip',
  'npm-cache': 'run npm cache clean --force in the same RUN, or mount a cache at /root/.npm',
  'yarn-cache': 'run yarn cache clean in the same RUN, or mount a cache at the yarn cache directory',
  'go-cache': 'mount caches at /go/pkg/mod and /root/.cache/go-build, or build in a separate stage',
  'cargo-cache': 'mount caches at the cargo registry and git directories, or build in a separate stage',
  'maven-cache': 'mount a cache at /root/.m2, or build in a separate stage',
  'gradle-cache': 'mount a cache at /root/.gradle, or build in a separate stage',
  tmp: 'delete temporary files in the RUN that creates them, or use a tmpfs mount',
};

export default defineImageRule<{ minBytes: number }, 'cache'>({
  meta: {
    id: 'no-package-cache-in-image',
    code: 'IM303',
    target: 'image',
    category: 'size',
    description: 'Package-manager caches, index lists or temporary files are left in the image.',
    recommended: true,
    severity: 'warn',
    messages: { cache: '{{size}} of {{what}} left in the image at {{path}} ({{files}}): {{advice}}.' },
    options: { defaults: { minBytes: 1_000_000 }, types: { minBytes: 'number' } },
  },
  check(ctx) {
    for (const l of ctx.analysis.leftovers) {
      if (l.kind !== 'cache' || l.sizeBytes < ctx.options.minBytes) continue;
      ctx.report({
        at: { layer: l.layer, path: l.path },
        messageId: 'cache',
        data: { size: formatBytes(l.sizeBytes), what: l.category.replace(/-/g, ' '), path: l.path, files: l.fileCount === 1 ? '1 file' : `${l.fileCount} files`, advice: ADVICE[l.category] ?? 'delete it in the same RUN' },
        facts: { sizeBytes: l.sizeBytes, files: l.fileCount, category: l.category },
      });
    }
  },
});
