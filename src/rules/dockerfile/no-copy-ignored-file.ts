import { posix } from 'node:path';
import { DockerIgnore, readIgnoreFile } from '../../dockerfile/dockerignore.js';
import type { Instruction } from '../../dockerfile/nodes.js';
import { defineRule } from '../rule.js';

interface IgnoreFile {
  readonly name: string;
  readonly patterns: string[];
  readonly matcher: DockerIgnore;
}

/** Path of a COPY/ADD source relative to the context root, or undefined for sources that are not local files. */
export function contextPath(src: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(src) || /^git@/.test(src)) return undefined;
  const p = posix.normalize(src.replace(/\\/g, '/')).replace(/^\/+/, '').replace(/\/+$/, '');
  if (p === '' || p === '.' || p === '..' || p.startsWith('../')) return undefined;
  return p;
}

export default defineRule({
  meta: {
    id: 'no-copy-ignored-file',
    code: 'DF110',
    target: 'dockerfile',
    category: 'correctness',
    description: 'COPY/ADD of a path that .dockerignore excludes from the build context.',
    recommended: true,
    severity: 'warn',
    messages: {
      ignored: '`{{path}}` is excluded by {{file}}, so it is not in the build context and this {{keyword}} fails or copies nothing. Remove the pattern that matches it, or add the exception `!{{path}}`.',
    },
    aliases: ['CopyIgnoredFile'],
  },
  create(ctx) {
    const context = ctx.source.context;
    let file: IgnoreFile | null | undefined;
    const load = (): IgnoreFile | null => {
      if (file !== undefined) return file;
      // BuildKit prefers `<Dockerfile name>.dockerignore` next to the Dockerfile over the context's .dockerignore
      const dockerfileName = context.dockerfileName ?? (ctx.source.path && ctx.source.path !== '-' ? posix.basename(ctx.source.path.replace(/\\/g, '/')) : undefined);
      const names = [dockerfileName ? `${dockerfileName}.dockerignore` : undefined, '.dockerignore'].filter((n): n is string => !!n);
      file = null;
      for (const name of names) {
        const text = context.readFile(name);
        if (text === undefined) continue;
        const patterns = readIgnoreFile(text);
        file = { name, patterns, matcher: new DockerIgnore(patterns) };
        break;
      }
      return file;
    };
    const check = (ins: Instruction) => {
      if (!ins.copy || ins.copy.from) return;
      const f = load();
      if (!f || !f.patterns.length) return;
      for (const w of ins.copy.sources) {
        if (w.raw.startsWith('<<')) continue;
        let value = w.value;
        if (value.includes('$')) {
          const e = ctx.source.expand(ins, ins.json ? value : w.raw);
          if (e.error || e.undefinedRefs.length) continue;
          value = e.value;
        } else if (!ins.json) value = ctx.source.expand(ins, w.raw).value;
        const path = contextPath(value);
        if (!path || !f.matcher.ignores(path)) continue;
        // a directory with re-included files below it is still sent in part
        if (f.patterns.some((p) => p.startsWith('!') && contextPath(p.slice(1))?.startsWith(`${path}/`))) continue;
        ctx.report({ at: w, messageId: 'ignored', data: { path, file: f.name, keyword: ins.keyword } });
      }
    };
    return { COPY: check, ADD: check };
  },
});
