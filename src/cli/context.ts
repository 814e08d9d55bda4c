import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, resolve, sep } from 'node:path';
import type { BuildContext } from '../dockerfile/source.js';

/** The build context on disk, read-only and confined to `dir`, as rules and rewrites see it. */
export function dirContext(dir: string, dockerfileName: string): BuildContext {
  const inside = (rel: string): string | undefined => {
    const p = resolve(dir, rel);
    return p === dir || p.startsWith(dir + sep) ? p : undefined;
  };
  return {
    dir,
    dockerfileName,
    readFile(rel) {
      const p = inside(rel);
      // most files asked for (.dockerignore, manifests) do not exist: a failed read throws, and an
      // exception costs far more than asking first
      if (!p || !existsSync(p)) return undefined;
      try {
        return readFileSync(p, 'utf8');
      } catch {
        return undefined;
      }
    },
    exists(rel) {
      const p = inside(rel.replace(/^\.\//, '') || '.');
      return p !== undefined && existsSync(p);
    },
  };
}

/** The context of a Dockerfile: its own directory (as `docker build -f <dir>/Dockerfile <dir>`). */
export function fileContext(file: string): BuildContext {
  return dirContext(dirname(file), basename(file));
}

/** Image references to files and directories are relative to the command's working directory. */
export function resolveImageRef(ref: string, cwd: string): string {
  const m = /^(docker-archive|oci-archive|oci):(.+)$/.exec(ref);
  if (m) return `${m[1]}:${resolve(cwd, m[2])}`;
  if (!/^[a-z][a-z0-9+.-]*:/i.test(ref) || /^[./]/.test(ref)) {
    const p = resolve(cwd, ref);
    if (existsSync(p)) return p;
  }
  return ref;
}
