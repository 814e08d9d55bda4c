import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import type { Ignore } from 'ignore';
import { UsageError } from './io.js';

/** File names ballast treats as Dockerfiles when walking directories. */
export function isDockerfileName(name: string): boolean {
  return /^(docker|container)file([.-][^/]*)?$/i.test(name) || /\.(docker|container)file$/i.test(name);
}

const WALK_PATTERNS = ['**/[Dd]ockerfile', '**/[Dd]ockerfile.*', '**/[Dd]ockerfile-*', '**/*.[Dd]ockerfile', '**/[Cc]ontainerfile', '**/[Cc]ontainerfile.*'];
const SKIP = ['**/node_modules/**', '**/.git/**'];

/** tinyglobby loads its matcher eagerly (milliseconds): only walks and globs pay for it. */
async function glob(patterns: string[], options: import('tinyglobby').GlobOptions): Promise<string[]> {
  const { glob: run } = await import('tinyglobby');
  return run(patterns, options);
}

async function gitignoreFilter(root: string): Promise<(file: string) => boolean> {
  const files = await glob(['**/.gitignore'], { cwd: root, ignore: SKIP, dot: true, absolute: true });
  const rules: { dir: string; ig: Ignore }[] = [];
  const { default: ignore } = files.length ? await import('ignore') : { default: undefined };
  for (const f of files) {
    try {
      rules.push({ dir: dirname(f), ig: ignore!().add(readFileSync(f, 'utf8')) });
    } catch {
      // unreadable .gitignore: nothing to apply
    }
  }
  return (file) =>
    !rules.some(({ dir, ig }) => {
      const rel = relative(dir, file);
      return rel && !rel.startsWith('..') && ig.ignores(rel.split('\\').join('/'));
    });
}

function isGlob(s: string): boolean {
  return /[*?[\]{}]/.test(s);
}

/**
 * Expand operands: files as given, directories walked for Dockerfiles (respecting .gitignore),
 * quoted globs expanded. `-` is kept for stdin. Missing paths are a usage error.
 */
export async function expandInputs(operands: readonly string[], cwd: string): Promise<string[]> {
  const out: string[] = [];
  const seen = new Set<string>();
  const add = (f: string) => {
    if (!seen.has(f)) {
      seen.add(f);
      out.push(f);
    }
  };
  for (const op of operands.length ? operands : ['.']) {
    if (op === '-') {
      add('-');
      continue;
    }
    const abs = resolve(cwd, op);
    if (existsSync(abs)) {
      if (statSync(abs).isDirectory()) {
        const found = (await glob(WALK_PATTERNS, { cwd: abs, ignore: SKIP, dot: true, absolute: true, followSymbolicLinks: false })).sort();
        const keep = await gitignoreFilter(abs);
        for (const f of found) if (isDockerfileName(basename(f)) && keep(f)) add(f);
      } else add(abs);
      continue;
    }
    if (isGlob(op)) {
      const found = (await glob([op], { cwd, ignore: SKIP, dot: true, absolute: true })).sort();
      if (!found.length) throw new UsageError(`no files match ${op}`);
      for (const f of found) add(f);
      continue;
    }
    throw new UsageError(`${op}: no such file or directory`);
  }
  return out;
}

export function contextFor(file: string): { dir: string; dockerfileName: string } {
  return { dir: dirname(file), dockerfileName: basename(file) };
}

export { join };
