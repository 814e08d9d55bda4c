import type { Span } from '../../core/diagnostic.js';
import type { Instruction } from '../../dockerfile/nodes.js';
import { looksLikeImage, resolveWord } from '../../dockerfile/stage-queries.js';
import { defineRule } from '../rule.js';
import { fromRefs } from './no-unknown-copy-from.js';

const DOCKER_HUB = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io', 'registry.hub.docker.com', 'hub.docker.com']);

/** The registry host of an image reference (`docker.io` for Docker Hub names, whatever alias they use). */
export function registryOf(ref: string): string {
  const first = ref.split('/', 1)[0];
  const isHost = ref.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
  const host = isHost ? first.toLowerCase() : 'docker.io';
  return DOCKER_HUB.has(host) ? 'docker.io' : host;
}

/** Whether `registry` matches a trusted entry: exact (Docker Hub aliases equal), `*`, or `*.example.com` for its subdomains. */
export function isTrusted(registry: string, trusted: readonly string[]): boolean {
  return trusted.some((t) => {
    const e = t.trim().toLowerCase();
    if (e === '*') return true;
    if (e.startsWith('*.')) return registry.endsWith(e.slice(1));
    return (DOCKER_HUB.has(e) ? 'docker.io' : e) === registry;
  });
}

export default defineRule({
  meta: {
    id: 'trusted-registries',
    code: 'DF450',
    target: 'dockerfile',
    category: 'security',
    description: 'An image comes from a registry outside the configured `trustedRegistries` list.',
    recommended: true,
    severity: 'error',
    messages: {
      untrusted: '`{{image}}` comes from `{{registry}}`, which is not in `trustedRegistries` ({{trusted}}). Use an image from a trusted registry (or a mirror of it there), or add the registry to the list.',
      untrustedArg:
        '`{{word}}` resolves to `{{image}}` (from the ARG default), which comes from `{{registry}}`, not in `trustedRegistries` ({{trusted}}). Use an image from a trusted registry, or add the registry to the list.',
    },
    aliases: ['DL3026'],
  },
  create(ctx) {
    const trusted = ctx.settings.trustedRegistries;
    if (!trusted.length) return {};
    const src = ctx.source;
    const shown = trusted.map((t) => `\`${t}\``).join(', ');
    const isStage = (ref: string, ins: Instruction) => /^\d+$/.test(ref) || src.stages.some((s) => s.name === ref.toLowerCase() && s.index < Math.max(ins.stage, 0) + (ins.keyword === 'FROM' ? 0 : 1));
    const judge = (ins: Instruction, raw: string, at: Span, requireImageShape: boolean) => {
      // FROM, `COPY --from` and `--mount from=` are expanded with the global ARGs only (those before the first FROM)
      const r = resolveWord(src, src.stageOf(ins)?.from ?? ins, raw);
      if (r.unknown || !r.value) return;
      const ref = r.value;
      if (ref.toLowerCase() === 'scratch' || isStage(ref, ins)) return;
      if (requireImageShape && !looksLikeImage(ref)) return;
      const registry = registryOf(ref);
      if (isTrusted(registry, trusted)) return;
      if (r.dynamic) ctx.report({ at, messageId: 'untrustedArg', data: { word: raw, image: ref, registry, trusted: shown } });
      else ctx.report({ at, messageId: 'untrusted', data: { image: ref, registry, trusted: shown } });
    };
    return {
      FROM(ins) {
        const w = ins.from?.image;
        if (w) judge(ins, w.raw, w.span, false);
      },
      COPY(ins) {
        for (const f of fromRefs(ins)) judge(ins, f.ref, f.span, true);
      },
      RUN(ins) {
        for (const f of fromRefs(ins)) judge(ins, f.ref, f.span, true);
      },
    };
  },
});
