import { formatBytes } from '../../core/bytes.js';
import { defineImageRule } from '../rule.js';

export default defineImageRule<{ minBytes: number }, 'toolchain'>({
  meta: {
    id: 'no-toolchain-in-image',
    code: 'IM305',
    target: 'image',
    category: 'size',
    description: 'Compilers, build tools, headers or -dev packages ship in the final image.',
    recommended: true,
    severity: 'warn',
    messages: {
      toolchain:
        'The image ships {{size}} of build toolchain ({{what}}) added by layer {{layer}}: build in a separate stage and copy only the artifacts into the final one (see `ballast lint` rule prefer-multi-stage).',
    },
    options: { defaults: { minBytes: 5_000_000 }, types: { minBytes: 'number' } },
  },
  check(ctx) {
    const byLayer = new Map<number, { size: number; kinds: Set<string>; path: string }>();
    for (const l of ctx.analysis.leftovers) {
      if (l.kind !== 'toolchain') continue;
      const e = byLayer.get(l.layer) ?? { size: 0, kinds: new Set<string>(), path: l.path };
      e.size += l.sizeBytes;
      e.kinds.add(l.packages?.length ? `${l.category}: ${l.packages.slice(0, 4).join(', ')}${l.packages.length > 4 ? ', ...' : ''}` : `${l.category} in ${l.path}`);
      byLayer.set(l.layer, e);
    }
    for (const [layer, e] of byLayer) {
      if (e.size < ctx.options.minBytes) continue;
      ctx.report({
        at: { layer, path: e.path },
        messageId: 'toolchain',
        data: { size: formatBytes(e.size), what: [...e.kinds].join('; '), layer },
        facts: { sizeBytes: e.size, layer },
      });
    }
  },
});
