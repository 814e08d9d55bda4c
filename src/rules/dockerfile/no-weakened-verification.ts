import type { Span } from '../../core/diagnostic.js';
import type { Instruction } from '../../dockerfile/nodes.js';
import { effectiveCommand } from '../../dockerfile/package-queries.js';
import { findFlag, positionals } from '../../dockerfile/shell-queries.js';
import type { Command, ShellWord } from '../../dockerfile/shell.js';
import { defineRule } from '../rule.js';

type Kind = 'tls' | 'signature' | 'aptKey' | 'trustedHost' | 'checksumDb';

interface Hit {
  readonly at: Span;
  readonly what: string;
  readonly kind: Kind;
  readonly alias?: string;
  /** Word to remove (unsafe fix), or a replacement for a combined short-flag word. */
  readonly remove?: ShellWord;
  readonly replaceWith?: string;
}

const ADVICE: Record<Kind, string> = {
  tls: 'turns off TLS certificate checks, so anyone on the network path can swap what the build downloads. Install the CA certificate the server needs (`COPY corp-ca.crt /usr/local/share/ca-certificates/` and `update-ca-certificates`) instead.',
  signature: 'installs packages without checking their signatures, so a tampered mirror or man in the middle goes unnoticed. Import the repository key and keep verification on.',
  aptKey:
    'adds a key that apt trusts for every repository, and apt-key is deprecated (gone in Debian 13 / Ubuntu 24.04). Store the key in /etc/apt/keyrings/<name>.gpg and reference it with `signed-by=` in that repository\'s sources entry.',
  trustedHost: 'makes pip accept the host over plain HTTP or with an invalid certificate. Use an HTTPS index with a valid certificate (install the CA if it is internal).',
  checksumDb: "turns off Go's checksum database, so a changed module version is not detected. Keep GOSUMDB on; use GOPRIVATE/GONOSUMDB only for your private modules.",
};

const FALSY = /^(0|false|no|off)$/i;

/** Environment variables that weaken verification, with the value that does it. */
export function envWeakens(name: string, value: string): { kind: Kind; alias?: string } | undefined {
  const n = name.toUpperCase();
  if (n === 'GIT_SSL_NO_VERIFY' && value !== '' && !FALSY.test(value)) return { kind: 'tls', alias: 'CKV2_DOCKER_14' };
  if (n === 'NODE_TLS_REJECT_UNAUTHORIZED' && value === '0') return { kind: 'tls', alias: 'CKV2_DOCKER_6' };
  if (n === 'PYTHONHTTPSVERIFY' && value === '0') return { kind: 'tls', alias: 'CKV2_DOCKER_5' };
  if (n === 'NPM_CONFIG_STRICT_SSL' && FALSY.test(value)) return { kind: 'tls', alias: 'CKV2_DOCKER_12' };
  if (n === 'PIP_TRUSTED_HOST' && value.trim() !== '') return { kind: 'trustedHost', alias: 'CKV2_DOCKER_16' };
  if (n === 'GOSUMDB' && value === 'off') return { kind: 'checksumDb' };
  if (n === 'GOINSECURE' && value.trim() !== '') return { kind: 'tls' };
  if (n === 'GOFLAGS' && /(^|\s)-insecure\b/.test(value)) return { kind: 'tls' };
  return undefined;
}

/** Words written into configuration files (`echo "gpgcheck=0" >> x.repo`, `deb [trusted=yes] …`). */
function configText(c: Command, out: Hit[]): void {
  for (const a of c.args) {
    const v = a.value;
    if (!v.includes('=')) continue; // every setting below is written `key=value`
    // a local repository of packages built in the same build (`deb [trusted=yes] file:///tmp/repo ./`) has nothing to verify against
    if (/\[[^\]]*\btrusted=yes\b[^\]]*\]/.test(v) && !/\]\s*(file|copy):/.test(v)) out.push({ at: a.span, what: '`[trusted=yes]` in an apt source', kind: 'signature' });
    else if (/(^|\s|\])gpgcheck\s*=\s*(0|false|no)\b/i.test(v)) out.push({ at: a.span, what: '`gpgcheck=0` in a yum/dnf repository', kind: 'signature', alias: 'CKV2_DOCKER_9' });
    else if (/(^|\s|\])sslverify\s*=\s*(0|false|no)\b/i.test(v)) out.push({ at: a.span, what: '`sslverify=0` in a yum/dnf repository', kind: 'tls', alias: 'CKV2_DOCKER_15' });
  }
}

/** `-k` alone, or `-fsSLk` without the `k`. */
function dropShort(w: ShellWord, letter: string): { remove?: ShellWord; replaceWith?: string } {
  if (w.value === `-${letter}`) return { remove: w };
  if (w.raw === w.value && /^-[a-zA-Z]+$/.test(w.value)) return { replaceWith: w.value.replace(letter, '') };
  return {};
}

/** A hit for the first of the flags `names` the command has. */
function flagHit(c: Command, out: Hit[], names: string[], what: string, kind: Kind, alias?: string, removable = true): void {
  const w = findFlag(c, ...names);
  if (!w) return;
  const short = names.find((n) => n.length === 1);
  const fix = !removable ? {} : w.value.startsWith('--') ? (w.value.includes('=') ? {} : { remove: w }) : short ? dropShort(w, short) : { remove: w };
  out.push({ at: w.span, what, kind, alias, ...fix });
}

export function commandHits(raw: Command): Hit[] {
  const c = effectiveCommand(raw);
  const out: Hit[] = [];
  const p = c.program;
  for (const a of c.assignments) {
    const e = envWeakens(a.name, a.value);
    if (e) out.push({ at: a.span, what: `\`${a.name}=${a.value}\``, ...e });
  }
  if (p === 'export' || p === 'declare' || p === 'typeset') {
    for (const a of c.args) {
      const m = /^([A-Za-z_]\w*)=(.*)$/s.exec(a.value);
      const e = m && envWeakens(m[1], m[2]);
      if (m && e) out.push({ at: a.span, what: `\`${m[1]}=${m[2]}\``, ...e });
    }
    return out;
  }
  configText(c, out);
  if (p === 'curl') flagHit(c, out, ['k', 'insecure'], '`curl --insecure`', 'tls', 'CKV2_DOCKER_2');
  else if (p === 'wget') flagHit(c, out, ['no-check-certificate'], '`wget --no-check-certificate`', 'tls', 'CKV2_DOCKER_3');
  else if (/^pip[0-9.]*$/.test(p) || (/^python[0-9.]*$/.test(p) && c.args.some((a) => /^pip[0-9.]*$/.test(a.value)))) {
    flagHit(c, out, ['trusted-host'], '`pip --trusted-host`', 'trustedHost', 'CKV2_DOCKER_4', false);
    const pos = positionals(c).map((x) => x.value);
    const k = pos.indexOf('config');
    if (k >= 0 && pos[k + 1] === 'set' && /(^|\.)trusted-host$/.test(pos[k + 2] ?? '')) out.push({ at: c.span, what: '`pip config set … trusted-host`', kind: 'trustedHost', alias: 'CKV2_DOCKER_4' });
  } else if (p === 'apk') {
    // local packages built in the same build carry no signature of a known key
    const pkgs = positionals(c, ['X', 'repository', 'p', 'root', 'keys-dir', 'repositories-file', 'arch', 't', 'virtual']).slice(1);
    if (!(pkgs.length && pkgs.every((x) => /\.apk$/.test(x.value) && !/^[a-z]+:\/\//i.test(x.value)))) flagHit(c, out, ['allow-untrusted'], '`apk --allow-untrusted`', 'signature', 'CKV2_DOCKER_7');
  }
  else if (p === 'apt-get' || p === 'apt' || p === 'aptitude') {
    flagHit(c, out, ['allow-unauthenticated'], `\`${p} --allow-unauthenticated\``, 'signature', 'CKV2_DOCKER_8');
    flagHit(c, out, ['force-yes'], `\`${p} --force-yes\``, 'signature', 'CKV2_DOCKER_11');
    flagHit(c, out, ['allow-insecure-repositories'], `\`${p} --allow-insecure-repositories\``, 'signature');
    c.args.forEach((a, k) => {
      const opt = a.value === '-o' || a.value === '--option' ? c.args[k + 1]?.value : /^-o(.+)$/.exec(a.value)?.[1] ?? /^--option=(.+)$/.exec(a.value)?.[1];
      if (!opt) return;
      if (/AllowUnauthenticated\s*=\s*(1|true|yes)/i.test(opt)) out.push({ at: a.span, what: `\`-o ${opt}\``, kind: 'signature', alias: 'CKV2_DOCKER_8' });
      else if (/AllowInsecureRepositories\s*=\s*(1|true|yes)/i.test(opt)) out.push({ at: a.span, what: `\`-o ${opt}\``, kind: 'signature' });
      else if (/Verify-(Peer|Host)\s*=\s*(0|false|no)/i.test(opt)) out.push({ at: a.span, what: `\`-o ${opt}\``, kind: 'tls' });
    });
  } else if (p === 'apt-key') {
    const sub = positionals(c, ['keyring', 'keyserver', 'recv-keys'])[0]?.value;
    if (sub === 'add' || sub === 'adv') out.push({ at: c.span, what: `\`apt-key ${sub}\``, kind: 'aptKey' });
  } else if (/^(yum|dnf|tdnf|microdnf|dnf5|zypper)$/.test(p)) {
    flagHit(c, out, ['nogpgcheck', 'no-gpg-checks'], `\`${p} --nogpgcheck\``, 'signature', 'CKV2_DOCKER_9');
    for (const a of c.args) {
      if (/^--setopt=(.*\.)?sslverify=(0|false|no)$/i.test(a.value)) out.push({ at: a.span, what: `\`${a.value}\``, kind: 'tls', alias: 'CKV2_DOCKER_15' });
      else if (/^--setopt=(.*\.)?gpgcheck=(0|false|no)$/i.test(a.value)) out.push({ at: a.span, what: `\`${a.value}\``, kind: 'signature', alias: 'CKV2_DOCKER_9' });
    }
  } else if (p === 'rpm') {
    for (const n of ['nosignature', 'nodigest', 'noverify', 'nofiledigest']) flagHit(c, out, [n], `\`rpm --${n}\``, 'signature', 'CKV2_DOCKER_10');
  } else if (p === 'npm' || p === 'yarn' || p === 'pnpm') {
    const pos = positionals(c).map((x) => x.value);
    const k = pos.indexOf('config');
    const key = pos[k + 2] ?? '';
    if (k >= 0 && pos[k + 1] === 'set' && (/^strict-ssl$/.test(key) ? FALSY.test(pos[k + 3] ?? '') : /^strict-ssl=(false|0)$/i.test(key))) {
      out.push({ at: c.span, what: `\`${p} config set strict-ssl false\``, kind: 'tls', alias: 'CKV2_DOCKER_13' });
    }
    const w = c.args.find((a) => /^--strict-ssl=(false|0)$/i.test(a.value) || a.value === '--no-strict-ssl');
    if (w) out.push({ at: w.span, what: `\`${w.value}\``, kind: 'tls', alias: 'CKV2_DOCKER_13' });
  } else if (p === 'git') {
    c.args.forEach((a, k) => {
      const setting = a.value === '-c' ? c.args[k + 1] : undefined;
      if (setting && /^http(\..*)?\.sslverify=(false|0|no|off)$/i.test(setting.value)) out.push({ at: { start: a.span.start, end: setting.span.end }, what: `\`git -c ${setting.value}\``, kind: 'tls' });
    });
    const pos = positionals(c, ['c', 'file', 'f']).map((x) => x.value);
    const k = pos.indexOf('config');
    if (k >= 0 && /^http(\..*)?\.sslverify$/i.test(pos[k + 1] ?? '') && FALSY.test(pos[k + 2] ?? '')) out.push({ at: c.span, what: '`git config http.sslVerify false`', kind: 'tls' });
  }
  return out;
}

export default defineRule({
  meta: {
    id: 'no-weakened-verification',
    code: 'DF483',
    target: 'dockerfile',
    category: 'security',
    description: 'Flags and settings that turn off TLS or signature verification for downloads and packages.',
    recommended: true,
    severity: 'warn',
    fixable: 'unsafe',
    messages: {
      weakened: '{{what}} {{advice}}',
    },
    aliases: [
      'CKV2_DOCKER_2',
      'CKV2_DOCKER_3',
      'CKV2_DOCKER_4',
      'CKV2_DOCKER_5',
      'CKV2_DOCKER_6',
      'CKV2_DOCKER_7',
      'CKV2_DOCKER_8',
      'CKV2_DOCKER_9',
      'CKV2_DOCKER_10',
      'CKV2_DOCKER_11',
      'CKV2_DOCKER_12',
      'CKV2_DOCKER_13',
      'CKV2_DOCKER_14',
      'CKV2_DOCKER_15',
      'CKV2_DOCKER_16',
    ],
    onbuild: true,
  },
  create(ctx) {
    const report = (h: Hit) => {
      const remove = h.remove;
      const replaceWith = h.replaceWith;
      ctx.report({
        at: h.at,
        messageId: 'weakened',
        data: { what: h.what, advice: ADVICE[h.kind] },
        aliases: h.alias ? [h.alias] : [],
        fixTitle: remove || replaceWith !== undefined ? 'Remove the flag (the build may then fail until the certificate or key is installed)' : undefined,
        fix: remove
          ? (f) => {
              const t = ctx.source.text;
              let start = remove.span.start;
              while (start > 0 && /[ \t]/.test(t[start - 1])) start--;
              return f.remove({ start, end: remove.span.end });
            }
          : replaceWith !== undefined
            ? (f) => f.replace(h.at, replaceWith)
            : undefined,
      });
    };
    const pairs = (ins: Instruction) => {
      for (const p of ins.pairs ?? []) {
        if (p.value === undefined) continue;
        const e = envWeakens(p.key, p.value);
        if (e) report({ at: p.span, what: `\`${ins.keyword} ${p.key}=${p.value}\``, ...e });
      }
    };
    return {
      RUN(ins) {
        for (const c of ctx.source.commands(ins)) for (const h of commandHits(c)) report(h);
      },
      ENV: pairs,
      ARG: pairs,
    };
  },
});
