#!/usr/bin/env node
// Bundle the GitHub Action: src/action/main.ts -> action/dist/index.js (one ESM file; the repository's
// package.json has "type": "module"), plus the two WebAssembly files the shell parser loads at run
// time. action/dist/ is committed; scripts/check-action-dist.sh fails CI when it is stale.
//
//   node action/build.mjs [--outdir DIR]
import { chmodSync, copyFileSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const at = args.indexOf('--outdir');
const outdir = at >= 0 && args[at + 1] ? resolve(args[at + 1]) : join(root, 'action', 'dist');
const require = createRequire(join(root, 'package.json'));

// src/dockerfile/shell.ts finds the bash grammar with require.resolve() in node_modules, which the
// action's checkout does not have: in the bundle the grammar sits next to index.js instead.
const GRAMMAR_LOOKUP = "require.resolve('tree-sitter-bash/tree-sitter-bash.wasm')";
const grammarNextToBundle = {
  name: 'grammar-next-to-bundle',
  setup(b) {
    b.onLoad({ filter: /src[\\/]dockerfile[\\/]shell\.ts$/ }, (a) => {
      const text = readFileSync(a.path, 'utf8');
      if (!text.includes(GRAMMAR_LOOKUP)) throw new Error(`${a.path}: expected ${GRAMMAR_LOOKUP} (update action/build.mjs)`);
      return { contents: text.replace(GRAMMAR_LOOKUP, "fileURLToPath(new URL('./tree-sitter-bash.wasm', import.meta.url))").replace(/^/, "import { fileURLToPath } from 'node:url';\n"), loader: 'ts' };
    });
  },
};

rmSync(outdir, { recursive: true, force: true });
mkdirSync(outdir, { recursive: true });

await build({
  absWorkingDir: root,
  entryPoints: [join(root, 'src', 'action', 'main.ts')],
  outfile: join(outdir, 'index.js'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // native addons cannot be bundled: zstd layers need zstd-napi, which the action does not ship
  external: ['zstd-napi', 'cpu-features', '*.node'],
  // CommonJS dependencies use require(), __filename and __dirname: give the ESM bundle them
  banner: {
    js: [
      "import { createRequire as __ballastCreateRequire } from 'node:module';",
      "import { fileURLToPath as __ballastFileURLToPath } from 'node:url';",
      "import { dirname as __ballastDirname } from 'node:path';",
      'const require = __ballastCreateRequire(import.meta.url);',
      'const __filename = __ballastFileURLToPath(import.meta.url);',
      'const __dirname = __ballastDirname(__filename);',
    ].join('\n'),
  },
  legalComments: 'none',
  logLevel: 'warning',
  plugins: [grammarNextToBundle],
  // deterministic output, so CI can compare a rebuild with the committed bundle
  sourcemap: false,
  minify: false,
  charset: 'utf8',
});

for (const [from, to] of [
  ['web-tree-sitter/tree-sitter.wasm', 'tree-sitter.wasm'],
  ['tree-sitter-bash/tree-sitter-bash.wasm', 'tree-sitter-bash.wasm'],
]) {
  copyFileSync(require.resolve(from), join(outdir, to));
  chmodSync(join(outdir, to), 0o644);
}
console.log(`action bundle written to ${outdir}`);
