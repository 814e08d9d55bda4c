import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const src = join(import.meta.dirname, '..', '..', 'src');

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : /\.tsx?$/.test(f) ? [p] : [];
  });
}

const files = walk(src).map((p) => ({
  path: relative(src, p).split('\\').join('/'),
  imports: [...readFileSync(p, 'utf8').matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1] ?? m[2]),
}));

function layerOf(path: string): string {
  return path.split('/')[0];
}

function resolveLayer(from: string, spec: string): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  const parts = from.split('/').slice(0, -1);
  for (const s of spec.split('/')) {
    if (s === '..') parts.pop();
    else if (s !== '.') parts.push(s);
  }
  return parts[0];
}

describe('import boundaries', () => {
  it('only src/dockerfile imports dockerfile-ast and the shell parser', () => {
    for (const f of files) {
      if (f.imports.some((i) => i === 'dockerfile-ast' || i.startsWith('web-tree-sitter') || i.startsWith('tree-sitter'))) {
        expect(layerOf(f.path), f.path).toBe('dockerfile');
      }
    }
  });

  it('core imports nothing from its siblings', () => {
    for (const f of files.filter((x) => layerOf(x.path) === 'core')) {
      for (const i of f.imports) expect([undefined, 'core'], `${f.path} imports ${i}`).toContain(resolveLayer(f.path, i));
    }
  });

  it('layers never imports rules, engine, cli, tui or formatters', () => {
    for (const f of files.filter((x) => layerOf(x.path) === 'layers')) {
      for (const i of f.imports) expect(['rules', 'engine', 'cli', 'tui', 'formatters'], `${f.path} imports ${i}`).not.toContain(resolveLayer(f.path, i));
    }
  });

  it('formatters are pure: no process, no fs', () => {
    for (const f of files.filter((x) => layerOf(x.path) === 'formatters')) {
      const text = readFileSync(join(src, f.path), 'utf8');
      expect(text, f.path).not.toMatch(/\bprocess\./);
      expect(f.imports.filter((i) => i === 'node:fs' || i === 'fs'), f.path).toEqual([]);
    }
  });

  it('only cli/main.ts (and the launcher that starts it) touches process', () => {
    for (const f of files.filter((x) => ['cli/', 'engine/', 'rules/', 'tui/', 'optimize/'].some((p) => x.path.startsWith(p)))) {
      if (f.path === 'cli/main.ts' || f.path === 'cli/launch.ts') continue;
      const text = readFileSync(join(src, f.path), 'utf8');
      expect(text.match(/\bprocess\.(?!pid\b)\w+/g) ?? [], f.path).toEqual([]);
    }
  });

  it('the lint path does not load ink, react or dockerode eagerly', () => {
    for (const f of files.filter((x) => ['cli', 'engine', 'rules', 'dockerfile', 'formatters', 'core'].includes(layerOf(x.path)))) {
      const text = readFileSync(join(src, f.path), 'utf8');
      expect(text, f.path).not.toMatch(/^import[^;]*from\s+['"](ink|react|dockerode)['"]/m);
    }
  });
});
