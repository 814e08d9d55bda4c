import { posix } from 'node:path';
import type { Instruction } from '../../dockerfile/nodes.js';
import { detectInvocation, imageName, MANAGERS, type Ecosystem } from '../../dockerfile/optimize-queries.js';
import type { BuildContext, DockerfileSource } from '../../dockerfile/source.js';
import { defineRule } from '../rule.js';

const COMMON = ['.git', '.gitignore', '.env', '.env.*', '*.pem', '*.key', 'Dockerfile*', '.dockerignore', 'docker-compose*.yml', '.vscode', '.idea', '*.log'];
const BY_ECOSYSTEM: Partial<Record<Ecosystem | 'c', readonly string[]>> = {
  node: ['**/node_modules', 'npm-debug.log*', 'coverage', '.next', 'dist', 'build'],
  python: ['**/__pycache__', '**/*.py[cod]', '.venv', 'venv', '.pytest_cache', '.mypy_cache', '*.egg-info', 'dist', 'build'],
  go: ['bin', 'vendor'],
  rust: ['target'],
  java: ['target', 'build', '.gradle'],
  ruby: ['vendor/bundle', 'log', 'tmp', '.bundle'],
  php: ['vendor'],
  dotnet: ['**/bin', '**/obj'],
};
const CONTEXT_MARKERS: [string, Ecosystem][] = [
  ['package.json', 'node'],
  ['requirements.txt', 'python'],
  ['pyproject.toml', 'python'],
  ['Pipfile', 'python'],
  ['go.mod', 'go'],
  ['Cargo.toml', 'rust'],
  ['pom.xml', 'java'],
  ['build.gradle', 'java'],
  ['build.gradle.kts', 'java'],
  ['Gemfile', 'ruby'],
  ['composer.json', 'php'],
];
const IMAGE_ECOSYSTEMS: Record<string, Ecosystem> = {
  node: 'node',
  python: 'python',
  golang: 'go',
  rust: 'rust',
  maven: 'java',
  gradle: 'java',
  'eclipse-temurin': 'java',
  openjdk: 'java',
  ruby: 'ruby',
  php: 'php',
  composer: 'php',
  sdk: 'dotnet',
};

/** A whole-context source: `.`, `./`, `./.`. */
export function isWholeContext(value: string): boolean {
  return /^\.\/?(\.)?\/?$/.test(value) && value !== '..';
}

function ecosystems(source: DockerfileSource, context: BuildContext): Ecosystem[] {
  const out = new Set<Ecosystem>();
  for (const [f, e] of CONTEXT_MARKERS) if (context.exists(f)) out.add(e);
  for (const st of source.stages) {
    const e = IMAGE_ECOSYSTEMS[imageName(st.base ?? '')];
    if (e) out.add(e);
    for (const ins of st.instructions) {
      if (ins.keyword !== 'RUN') continue;
      for (const c of source.commands(ins)) {
        const i = detectInvocation(c);
        const eco = i && MANAGERS[i.manager].ecosystem;
        if (eco && eco in BY_ECOSYSTEM) out.add(eco);
      }
    }
  }
  return [...out];
}

/** Starter `.dockerignore` lines, minus any path a COPY/ADD names explicitly. */
export function starterDockerignore(source: DockerfileSource, context: BuildContext): string[] {
  const lines = [...COMMON];
  for (const e of ecosystems(source, context)) for (const l of BY_ECOSYSTEM[e] ?? []) if (!lines.includes(l)) lines.push(l);
  const named: string[] = [];
  for (const ins of source.instructions) {
    const t = ins.keyword === 'ONBUILD' && ins.trigger ? ins.trigger : ins;
    if ((t.keyword !== 'COPY' && t.keyword !== 'ADD') || t.copy?.from) continue;
    for (const s of t.copy?.sources ?? []) if (!isWholeContext(s.value)) named.push(posix.normalize(s.value).replace(/^\.\//, '').replace(/\/$/, ''));
  }
  return lines.filter((l) => {
    const stem = l.replace(/^\*\*\//, '').replace(/\*.*$/, '');
    return !named.some((n) => n === l || (stem && (n === stem || n.startsWith(`${stem}/`) || n.split('/').includes(stem))) || (l === 'Dockerfile*' && /(^|\/)Dockerfile/.test(n)));
  });
}

export default defineRule({
  meta: {
    id: 'require-dockerignore',
    code: 'DF307',
    target: 'dockerfile',
    category: 'size',
    description: 'COPY of the whole build context needs a .dockerignore to keep .git, dependencies and secrets out.',
    recommended: true,
    severity: 'warn',
    messages: {
      missing:
        '`{{keyword}} {{src}}` copies the whole build context, and {{dir}} has no .dockerignore: .git, local dependencies, build output and secrets such as .env end up in the image (often tens to hundreds of MB) and every change to them misses the cache. Create {{file}} with, for example: {{starter}}.',
    },
    onbuild: true,
  },
  create(ctx) {
    const context = ctx.source.context;
    let reported = false;
    const check = (ins: Instruction) => {
      if (reported || context.dir === undefined) return;
      if (ins.copy?.from) return;
      const whole = ins.copy?.sources.find((s) => isWholeContext(s.value));
      if (!whole) return;
      const name = context.dockerfileName ?? (ctx.source.path && ctx.source.path !== '-' ? posix.basename(ctx.source.path.replace(/\\/g, '/')) : undefined);
      const candidates = ['.dockerignore', ...(name ? [`${name}.dockerignore`] : [])];
      if (candidates.some((c) => context.exists(c))) return;
      reported = true;
      const starter = starterDockerignore(ctx.source, context);
      ctx.report({
        at: whole,
        messageId: 'missing',
        data: { keyword: ins.keyword, src: whole.raw, dir: context.dir === '/ctx' || !context.dir ? 'the build context' : context.dir, file: '.dockerignore', starter: starter.join(', ') },
        facts: { dockerignore: `${starter.join('\n')}\n` },
      });
    };
    return { COPY: check, ADD: check };
  },
});
