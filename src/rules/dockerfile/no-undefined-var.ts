import type { Span } from '../../core/diagnostic.js';
import { closestName, expandLocated, locate, refNameSpan, type Located } from '../../dockerfile/check-queries.js';
import type { Lookup } from '../../dockerfile/expand.js';
import type { Instruction, LogicalText, Stage } from '../../dockerfile/nodes.js';
import { PLATFORM_ARGS } from '../../dockerfile/source.js';
import { defineRule } from '../rule.js';

/** Variables that official and common base images set in their ENV. */
const BASE_IMAGE_NAMES = new Set([
  'PATH', 'HOME', 'HOSTNAME', 'LANG', 'LANGUAGE', 'LC_ALL', 'TERM', 'USER', 'SHELL', 'PWD', 'TZ', 'container',
  'GPG_KEY', 'GOPATH', 'GOROOT', 'GOTOOLCHAIN', 'GOFLAGS', 'NVM_DIR', 'CONDA_DIR', 'VIRTUAL_ENV', 'LD_LIBRARY_PATH',
  'LIBRARY_PATH', 'PYTHONPATH', 'PYTHONUNBUFFERED', 'PYTHONDONTWRITEBYTECODE', 'PKG_RELEASE', 'PHPIZE_DEPS', 'APP_UID',
  'JAVA_OPTS', 'MAVEN_CONFIG', 'GRADLE_USER_HOME', 'BUNDLE_PATH', 'BUNDLE_APP_CONFIG', 'BUNDLE_SILENCE_ROOT_WARNING',
]);
const BASE_IMAGE_PATTERNS = [
  /_(VERSION|HOME|SHA256|SHA512|CHECKSUM|URL|DIR|ROOT|PREFIX|DEPS)$/,
  /^(PHP|DOTNET|ASPNETCORE|NUGET|NODE|NPM|YARN|PNPM|COREPACK|PYTHON|PIP|PIPX|POETRY|UV|RUBY|GEM|BUNDLE|GO|CARGO|RUSTUP|RUST|JAVA|JDK|JRE|MAVEN|MVN|GRADLE|NGINX|NJS|HTTPD|TOMCAT|CATALINA|CONDA|MAMBA|MAMBA_ROOT|NVIDIA|CUDA|NV|NCCL|CUDNN|PG|POSTGRES|MYSQL|MARIADB|MONGO|REDIS|ELASTIC|JENKINS|ANDROID|FLUTTER|DART|ERLANG|ELIXIR|OTP|REBAR3?|PERL|GHC|CABAL|STACK|SWIFT|JULIA|BUN|DENO|SBT|SCALA|KOTLIN|COMPOSER|WORDPRESS|DEBIAN|ALPINE|UBUNTU)_[A-Z0-9_]+$/,
];

/** Docker Official Images (and a few vendor bases) whose ENV is well known: only the names above come from them. */
const KNOWN_BASES = new Set(
  (
    'alpine debian ubuntu busybox fedora centos rockylinux almalinux amazonlinux archlinux oraclelinux photon clearlinux ' +
    'python pypy node golang rust ruby php perl openjdk eclipse-temurin amazoncorretto ibmjava sapmachine maven gradle ' +
    'groovy clojure erlang elixir haskell julia swift dart r-base gcc bash nginx httpd tomcat jetty postgres mysql mariadb ' +
    'mongo redis memcached rabbitmq elasticsearch haproxy traefik caddy docker registry composer wordpress drupal ' +
    'ghost nextcloud joomla odoo sonarqube jenkins/jenkins mcr.microsoft.com/dotnet/sdk mcr.microsoft.com/dotnet/aspnet ' +
    'mcr.microsoft.com/dotnet/runtime mcr.microsoft.com/dotnet/runtime-deps gcr.io/distroless/static gcr.io/distroless/base ' +
    'gcr.io/distroless/cc gcr.io/distroless/python3 gcr.io/distroless/java gcr.io/distroless/nodejs redhat/ubi8 redhat/ubi9 ' +
    'registry.access.redhat.com/ubi8 registry.access.redhat.com/ubi9 registry.access.redhat.com/ubi8/ubi ' +
    'registry.access.redhat.com/ubi9/ubi registry.access.redhat.com/ubi8/ubi-minimal registry.access.redhat.com/ubi9/ubi-minimal'
  ).split(' '),
);

/** Repository of an image reference without registry defaults, tag or digest (`docker.io/library/node:20` → `node`). */
export function repositoryOf(ref: string): string {
  let r = ref.toLowerCase().split('@')[0];
  const slash = r.lastIndexOf('/');
  const colon = r.lastIndexOf(':');
  if (colon > slash) r = r.slice(0, colon);
  return r.replace(/^(?:docker\.io|index\.docker\.io|registry-1\.docker\.io)\//, '').replace(/^library\//, '').replace(/^public\.ecr\.aws\/docker\/library\//, '');
}

export function commonBaseImageVar(name: string): boolean {
  return BASE_IMAGE_NAMES.has(name) || BASE_IMAGE_PATTERNS.some((re) => re.test(name));
}

type Target = { located: Located; span?: Span };

export default defineRule({
  meta: {
    id: 'no-undefined-var',
    code: 'DF107',
    target: 'dockerfile',
    category: 'correctness',
    description: 'A `$variable` in an instruction that no ARG or ENV defines, so it expands to an empty string.',
    recommended: true,
    severity: 'warn',
    hasSuggestions: true,
    messages: {
      undefined: '`${{name}}` is not defined by any ARG or ENV before this instruction, so it expands to an empty string. Declare it (`ARG {{name}}`) or fix the name.',
      suggest: '`${{name}}` is not defined by any ARG or ENV before this instruction. Did you mean `${{suggestion}}`?',
      globalArg: '`${{name}}` is a global ARG, which is only visible in FROM lines; redeclare it in this stage with `ARG {{name}}`.',
      platformArg: '`${{name}}` is a predefined platform ARG, which a stage only sees after `ARG {{name}}`; add that line to the stage.',
    },
    options: { defaults: { assumeBaseImageEnv: true, baseImageVars: [] as string[] }, types: { assumeBaseImageEnv: 'boolean', baseImageVars: 'string[]' } },
    aliases: ['UndefinedVar'],
  },
  create(ctx) {
    const src = ctx.source;
    const extra = new Set(ctx.options.baseImageVars ?? []);
    const globalNames = new Set(src.globalArgs.flatMap((a) => (a.pairs ?? []).map((p) => p.key)));
    /**
     * What the stage's root image contributes to the environment: nothing (scratch, or no stage), the
     * well-known variables of an official image, or an unknown set (any other image).
     */
    type BaseEnv = 'none' | 'known' | 'unknown';
    const baseEnvCache = new Map<number, BaseEnv>();
    const baseEnv = (st: Stage | undefined): BaseEnv => {
      if (!st || ctx.options.assumeBaseImageEnv === false) return 'none';
      const cached = baseEnvCache.get(st.index);
      if (cached) return cached;
      let s = st;
      const seen = new Set<number>();
      while (s.baseStage !== undefined && !seen.has(s.index)) {
        seen.add(s.index);
        s = src.stages[s.baseStage];
      }
      const base = s.base ?? 'scratch';
      const r: BaseEnv = base.toLowerCase() === 'scratch' ? 'none' : !base.includes('$') && KNOWN_BASES.has(repositoryOf(base)) ? 'known' : 'unknown';
      baseEnvCache.set(st.index, r);
      return r;
    };

    // a word without `$` in the source has no `$` in its logical text either: nothing to check there
    const hasDollar = (span: Span) => {
      const k = src.text.indexOf('$', span.start);
      return k >= 0 && k < span.end;
    };
    const inLogical = (l: LogicalText, span: Span | undefined): Target | undefined => {
      if (!span || !hasDollar(span)) return undefined;
      const located = locate(l, span);
      return located ? { located } : undefined;
    };
    const wordTargets = (ins: Instruction): Target[] => {
      if (ins.json) {
        return ins.json.values.flatMap((v, k) => {
          if (!v.includes('$')) return [];
          const sp = ins.json!.spans[k];
          if (src.textOf(sp) === JSON.stringify(v)) {
            const offsets = Array.from({ length: v.length + 1 }, (_, i) => sp.start + 1 + i);
            return { located: { raw: v, offsets } };
          }
          // escapes in the JSON string: offsets inside are unknown, point at the element
          return { located: { raw: v, offsets: Array.from({ length: v.length + 1 }, () => sp.start) }, span: sp };
        });
      }
      return ins.args.filter((w) => !w.raw.startsWith('<<')).flatMap((w) => inLogical(ins.rest, w.span) ?? []);
    };
    const flagTargets = (ins: Instruction, names: string[]): Target[] =>
      ins.flags.filter((f) => names.includes(f.name) && f.valueSpan).flatMap((f) => inLogical(ins.logical, f.valueSpan) ?? []);

    const check = (ins: Instruction, targets: Target[], lookup?: Lookup) => {
      let env: BaseEnv | undefined;
      for (const t of targets) {
        if (!t.located.raw.includes('$')) continue;
        lookup ??= src.lookup(ins);
        env ??= baseEnv(src.stageOf(ins));
        const r = expandLocated(t.located, lookup, src.escape);
        for (const ref of r.undefinedRefs) {
          // BuildKit gives every image a default PATH
          if (ref.name === 'PATH' || extra.has(ref.name) || (env !== 'none' && commonBaseImageVar(ref.name))) continue;
          const at = t.span ?? ref.span;
          if (ins.stage >= 0 && globalNames.has(ref.name)) {
            ctx.report({ at, messageId: 'globalArg', data: { name: ref.name } });
            continue;
          }
          if (ins.stage >= 0 && PLATFORM_ARGS.includes(ref.name)) {
            ctx.report({ at, messageId: 'platformArg', data: { name: ref.name } });
            continue;
          }
          const candidates = new Set([...src.scope(ins).keys(), ...globalNames]);
          const suggestion = closestName(ref.name, candidates);
          // an image we know nothing about may define it: report only what looks like a typo
          if (env === 'unknown' && !suggestion) continue;
          const nameSpan = t.span ? undefined : refNameSpan(src.text, ref);
          ctx.report({
            at,
            messageId: suggestion ? 'suggest' : 'undefined',
            data: { name: ref.name, suggestion: suggestion ?? '' },
            suggest: suggestion && nameSpan ? [{ title: `Use $${suggestion}`, fix: (f) => f.replace(nameSpan, suggestion) }] : undefined,
          });
        }
      }
    };
    const whole = (ins: Instruction): Target[] => (ins.rest.text ? [{ located: { raw: ins.rest.text, offsets: ins.rest.map } }] : []);

    // every target is inside the instruction: without a `$` there (or a JSON string that may escape one) there is nothing to check
    const skip = (ins: Instruction) => !ins.json && !hasDollar(ins.span);

    return {
      ENV(ins) {
        if (skip(ins)) return;
        const targets: Target[] = [];
        for (const p of ins.pairs ?? []) {
          const t = inLogical(ins.rest, p.valueSpan);
          if (t) targets.push(t);
        }
        check(ins, targets);
      },
      LABEL(ins) {
        if (skip(ins)) return;
        check(ins, (ins.pairs ?? []).flatMap((p) => [inLogical(ins.rest, p.keySpan), inLogical(ins.rest, p.valueSpan)].filter((t): t is Target => !!t)));
      },
      ARG(ins) {
        if (skip(ins)) return;
        // several ARGs in one instruction are declared one after the other
        let scopeLookup: Lookup | undefined;
        const base: Lookup = (n) => (scopeLookup ??= src.lookup(ins))(n);
        const declared = new Map<string, string>();
        for (const p of ins.pairs ?? []) {
          const t = inLogical(ins.rest, p.valueSpan);
          // `ARG X=$X` is a no-op, not a mistake worth a finding
          const selfRef = p.rawValue === `$${p.key}` || p.rawValue === `\${${p.key}}`;
          if (t && !selfRef) check(ins, [t], (n) => declared.get(n) ?? base(n));
          declared.set(p.key, p.value ?? base(p.key) ?? '');
        }
      },
      COPY(ins) {
        if (skip(ins)) return;
        check(ins, [...flagTargets(ins, ['chown', 'chmod']), ...wordTargets(ins)]);
      },
      ADD(ins) {
        if (skip(ins)) return;
        check(ins, [...flagTargets(ins, ['chown', 'chmod', 'checksum']), ...wordTargets(ins)]);
      },
      VOLUME(ins) {
        if (skip(ins)) return;
        check(ins, wordTargets(ins));
      },
      WORKDIR: (ins) => skip(ins) || check(ins, whole(ins)),
      USER: (ins) => skip(ins) || check(ins, whole(ins)),
      STOPSIGNAL: (ins) => skip(ins) || check(ins, whole(ins)),
      RUN(ins) {
        if (!ins.flags.length || skip(ins)) return;
        const targets: Target[] = [];
        for (const f of ins.flags) {
          if (f.name !== 'mount') continue;
          for (const o of f.options) {
            const t = inLogical(ins.logical, o.valueSpan);
            if (t) targets.push(t);
          }
        }
        check(ins, targets);
      },
    };
  },
});
