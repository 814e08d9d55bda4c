import type { Span } from '../../core/diagnostic.js';
import type { Instruction } from '../../dockerfile/nodes.js';
import { defineRule } from '../rule.js';

export interface SecretPattern {
  readonly kind: string;
  readonly re: RegExp;
  /** Extra check on the match (entropy, placeholders). */
  readonly accept?: (m: RegExpExecArray) => boolean;
  /** The group holding the secret (default 1, or the whole match when there is none). */
  readonly group?: number;
  /** A cheap test that every match passes: text failing it is not scanned with `re`. */
  readonly hint?: (text: string) => boolean;
}

const has = (needle: string) => (text: string) => text.includes(needle);

/** Shannon entropy in bits per character. */
export function entropy(s: string): number {
  const counts = new Map<string, number>();
  for (const ch of s) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) {
    const p = n / s.length;
    h -= p * Math.log2(p);
  }
  return h;
}

const PLACEHOLDER = /^(x+|\*+|\.+|-+|_+|password|passwd|pass|pwd|secret|changeme|change_me|example|test|user|username|token|placeholder|dummy|sample|redacted|<[^>]*>|\{[^}]*\}|%[^%]*%|\[[^\]]*\]|@[^@]*@)$/i;
const looksRandom = (s: string, min = 3.2) => entropy(s) >= min && !/(.)\1{5}/.test(s) && !/example|sample|dummy|fake|placeholder|xxxx/i.test(s);

/** Token formats of the common providers; none of them can match a `$VAR` reference. */
export const SECRET_PATTERNS: readonly SecretPattern[] = [
  { kind: 'private key', re: /-----BEGIN (?:(?:RSA|DSA|EC|OPENSSH|ENCRYPTED|PGP) )?PRIVATE KEY(?: BLOCK)?-----/g, hint: has('-----BEGIN ') },
  { kind: 'GitHub token', re: /\b(gh[pousr]_[A-Za-z0-9]{36,255})\b/g, accept: (m) => looksRandom(m[1], 3.5), hint: (t) => /gh[pousr]_/.test(t) },
  { kind: 'GitHub token', re: /\b(github_pat_[A-Za-z0-9_]{60,255})\b/g, accept: (m) => looksRandom(m[1], 3.5), hint: has('github_pat_') },
  { kind: 'GitLab token', re: /\b(glpat-[A-Za-z0-9_-]{20,})/g, accept: (m) => looksRandom(m[1], 3.2), hint: has('glpat-') },
  { kind: 'AWS access key id', re: /\b((?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA)[0-9A-Z]{16})\b/g, accept: (m) => !/EXAMPLE/.test(m[1]) && looksRandom(m[1], 3), hint: (t) => /AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA/.test(t) },
  {
    kind: 'AWS secret access key',
    re: /\baws_?secret_?access_?key["']?\s*[=:\s]\s*["']?([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/gi,
    accept: (m) => !/EXAMPLE/i.test(m[1]) && looksRandom(m[1], 4),
    hint: (t) => /aws_?secret/i.test(t),
  },
  { kind: 'Slack token', re: /\b(xox[abposr]-[0-9]{6,}-[A-Za-z0-9-]{10,})/g, accept: (m) => looksRandom(m[1], 3), hint: has('xox') },
  { kind: 'Slack webhook', re: /(https:\/\/hooks\.slack\.com\/services\/T[A-Z0-9]{6,}\/B[A-Z0-9]{6,}\/[A-Za-z0-9]{20,})/g, hint: has('https://hooks.slack.com/services/T') },
  { kind: 'Stripe secret key', re: /\b((?:sk|rk)_live_[A-Za-z0-9]{20,})\b/g, accept: (m) => looksRandom(m[1], 3.5), hint: has('_live_') },
  { kind: 'Google API key', re: /\b(AIza[0-9A-Za-z_-]{35})(?![0-9A-Za-z_-])/g, accept: (m) => looksRandom(m[1], 3.5), hint: has('AIza') },
  { kind: 'npm token', re: /\b(npm_[A-Za-z0-9]{36})\b/g, accept: (m) => looksRandom(m[1], 3.5), hint: has('npm_') },
  { kind: 'PyPI token', re: /\b(pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,})/g, hint: has('pypi-AgEIcHlwaS5vcmc') },
  { kind: 'OpenAI API key', re: /\b(sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}T3BlbkFJ[A-Za-z0-9_-]{20,})/g, hint: has('T3BlbkFJ') },
  { kind: 'OpenAI API key', re: /\b(sk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{40,})/g, accept: (m) => looksRandom(m[1], 4), hint: has('sk-') },
  { kind: 'Anthropic API key', re: /\b(sk-ant-(?:api|admin)\d\d-[A-Za-z0-9_-]{80,})/g, hint: has('sk-ant-') },
  { kind: 'Hugging Face token', re: /\b(hf_[A-Za-z0-9]{34,})\b/g, accept: (m) => looksRandom(m[1], 3.8), hint: has('hf_') },
  {
    kind: 'password in a URL',
    re: /\b[a-z][a-z0-9+.-]*:\/\/([^\s:/@$"'`]+):([^\s/@$"'`]+)@[^\s/@"'`]+/gi,
    // placeholders and demo credentials (`guest:guest`) are not secrets
    accept: (m) => !PLACEHOLDER.test(decodeSafe(m[2])) && m[2].length >= 3 && m[2] !== m[1],
    group: 2,
    hint: (t) => t.includes('://') && t.includes('@'),
  },
];

/** Passes whenever one of the hints above passes (one scan instead of one per pattern for the usual text without any). */
const ANY_HINT = /-----BEGIN |gh[pousr]_|github_pat_|glpat-|A(?:KIA|SIA|GPA|IDA|ROA|NPA|NVA|IPA)|[Aa][Ww][Ss]_?[Ss][Ee][Cc][Rr][Ee][Tt]|xox|hooks\.slack\.com|_live_|AIza|npm_|pypi-AgEIcHlwaS5vcmc|T3BlbkFJ|sk-|hf_|:\/\//;

function decodeSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Show the kind of secret and a few characters, never the whole value. */
export function mask(secret: string): string {
  if (secret.startsWith('-----BEGIN')) return secret;
  const keep = Math.min(4, Math.floor(secret.length / 4));
  return `${secret.slice(0, keep)}${'*'.repeat(Math.min(8, secret.length - keep))} (${secret.length} characters)`;
}

export interface SecretHit {
  readonly kind: string;
  /** Offsets in the scanned text. */
  readonly start: number;
  readonly end: number;
  readonly secret: string;
}

/** Every secret in `text`, by position (overlapping matches of later patterns dropped). */
export function findSecrets(text: string): SecretHit[] {
  const out: SecretHit[] = [];
  if (!ANY_HINT.test(text)) return out;
  for (const p of SECRET_PATTERNS) {
    if (p.hint && !p.hint(text)) continue;
    p.re.lastIndex = 0;
    for (let m = p.re.exec(text); m; m = p.re.exec(text)) {
      if (p.accept && !p.accept(m)) continue;
      const secret = m[p.group ?? 1] ?? m[0];
      const start = m.index + m[0].indexOf(secret);
      const end = start + secret.length;
      if (out.some((h) => h.start < end && start < h.end)) continue;
      out.push({ kind: p.kind, start, end, secret });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

const WHERE: Record<string, string> = {
  ARG: 'the build history (`docker history`) and the provenance attestation',
  RUN: 'the build history (`docker history`) and the layer',
  ENV: "the image configuration, readable by anyone who can pull the image",
  LABEL: "the image configuration, readable by anyone who can pull the image",
  COPY: 'a file in the image',
  ADD: 'the build history and the layer',
};

export default defineRule({
  meta: {
    id: 'no-secrets-in-values',
    code: 'DF480',
    target: 'dockerfile',
    category: 'security',
    description: 'Tokens, private keys and URL passwords written in ARG/ENV/LABEL values, RUN commands or heredocs.',
    recommended: true,
    severity: 'error',
    messages: {
      secret:
        'This {{kind}} ({{masked}}) is written in the Dockerfile and ends up in {{where}}. Revoke it, and pass it at build time instead: `RUN --mount=type=secret,id={{id}} …` with `docker build --secret id={{id}},env=<VAR>` (or `src=<file>`).',
    },
    onbuild: true,
  },
  create(ctx) {
    const check = (ins: Instruction) => {
      if (ins.keyword === 'ONBUILD' || ins.keyword === 'FROM') return;
      const text = ctx.source.textOf(ins.span);
      const hits = findSecrets(text);
      if (!hits.length) return;
      const base = ins.span.start;
      const bodies = ins.heredocs.map((h) => h.bodySpan);
      // comment lines inside a continuation are not part of the instruction (heredoc bodies are)
      const inComment = (at: number) => {
        const lineStart = text.lastIndexOf('\n', at - base - 1) + 1;
        if (bodies.some((b) => at >= b.start && at < b.end)) return false;
        return lineStart > 0 && /^[ \t]*#/.test(text.slice(lineStart));
      };
      for (const h of hits) {
        const at: Span = { start: base + h.start, end: base + h.end };
        if (inComment(at.start)) continue;
        const id = h.kind === 'password in a URL' ? 'url-password' : h.kind.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
        ctx.report({
          at,
          messageId: 'secret',
          data: { kind: h.kind, masked: mask(h.secret), where: WHERE[ins.keyword] ?? 'the image configuration', id },
        });
      }
    };
    return { instruction: check };
  },
});
