import type { Instruction } from '../../dockerfile/nodes.js';
import { defineRule } from '../rule.js';

const SECRET_TOKENS = new Set(['apikey', 'auth', 'credential', 'credentials', 'key', 'password', 'pword', 'passwd', 'secret', 'token']);
const ALLOW_TOKENS = new Set(['public', 'file', 'version']);

/** BuildKit's rule: split the name on `_`; a secret-like token makes it a secret unless an allow-listed token is present. */
export function looksLikeSecret(name: string): boolean {
  const tokens = name.toLowerCase().split('_');
  if (tokens.some((t) => ALLOW_TOKENS.has(t))) return false;
  return tokens.some((t) => SECRET_TOKENS.has(t));
}

export default defineRule({
  meta: {
    id: 'no-secrets-in-arg-or-env',
    code: 'DF403',
    target: 'dockerfile',
    category: 'security',
    description: 'ARG/ENV names that look like secrets: their values stay in the image metadata or build history.',
    recommended: true,
    severity: 'warn',
    messages: {
      secret:
        '{{keyword}} `{{name}}` looks like a secret; its value ends up in the image history or config. Pass it with a secret mount instead: `RUN --mount=type=secret,id={{id}},env={{name}} …` and `docker build --secret id={{id}}`.',
    },
    aliases: ['DL3064', 'SecretsUsedInArgOrEnv'],
    onbuild: true,
  },
  create(ctx) {
    const check = (ins: Instruction) => {
      for (const p of ins.pairs ?? []) {
        if (!looksLikeSecret(p.key)) continue;
        ctx.report({ at: p.keySpan, messageId: 'secret', data: { keyword: ins.keyword, name: p.key, id: p.key.toLowerCase().replace(/_/g, '-') } });
      }
    };
    return { ARG: check, ENV: check };
  },
});
