#!/usr/bin/env node
// Bundles the CLI into dist/bin/ (one entry plus lazily loaded chunks per command and format), so a
// cold `ballast lint` loads a handful of files instead of a few hundred modules. Run by `npm run build`
// after tsc; the library (dist/index.js and friends) stays unbundled.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
rmSync(join(root, 'dist', 'bin'), { recursive: true, force: true });
await build({
  entryPoints: { ballast: join(root, 'src', 'cli', 'main.ts'), 'lint-worker': join(root, 'src', 'cli', 'commands', 'lint-worker.ts') },
  outdir: join(root, 'dist', 'bin'),
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // WebAssembly and native packages locate their files at run time; the image and TUI stacks are
  // loaded only by their commands
  external: ['web-tree-sitter', 'tree-sitter-bash', 'dockerode', 'zstd-napi', 'ink', 'react', 'react/jsx-runtime', 'ink-testing-library'],
  banner: { js: "import { createRequire as __ballastRequire } from 'node:module'; const require = __ballastRequire(import.meta.url);" },
  chunkNames: '[name]-[hash]',
  logLevel: 'warning',
  legalComments: 'none',
  // smaller sources compile faster at start-up; names are kept, so stack traces stay readable
  minifyWhitespace: true,
  minifySyntax: true,
});
