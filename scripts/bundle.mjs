#!/usr/bin/env node
// Bundles the CLI into dist/bin/, so a cold `ballast` loads three files instead of a few hundred
// modules. Run by `npm run build` after tsc; the library (dist/index.js and friends) stays unbundled.
//
// - ballast-core.cjs: the CLI and the lint worker (src/cli/bin.ts), one CommonJS script, because V8's
//   code cache (which Node 20 offers only for scripts, through node:vm) applies to scripts;
// - tui.js: the explorer (Ink is ESM only), imported by `ballast explore`;
// - ballast.js: the launcher (src/cli/launch.ts), which runs ballast-core.cjs through the code cache.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { chmodSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist', 'bin');
rmSync(out, { recursive: true, force: true });

// WebAssembly and native packages locate their files at run time; the image and TUI stacks are
// loaded only by their commands
const external = ['web-tree-sitter', 'tree-sitter-bash', 'dockerode', 'zstd-napi', 'ink', 'react', 'react/jsx-runtime', 'ink-testing-library'];
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  external,
  logLevel: 'warning',
  legalComments: 'none',
  // smaller sources compile faster at start-up; names are kept, so stack traces stay readable
  minifyWhitespace: true,
  minifySyntax: true,
};

// The explorer imports its TUI module at run time: in the core it stays outside, as ./tui.js.
const tuiOutside = {
  name: 'tui-outside',
  setup(b) {
    b.onResolve({ filter: /\/tui\/index\.js$/ }, () => ({ path: './tui.js', external: true }));
  },
};

await build({
  ...common,
  entryPoints: [join(root, 'src', 'cli', 'bin.ts')],
  outfile: join(out, 'ballast-core.cjs'),
  format: 'cjs',
  plugins: [tuiOutside],
  // the launcher passes these in (see src/cli/launch.ts)
  define: { 'import.meta.url': '__ballastUrl', __BALLAST_LAUNCHER__: '__ballastLauncher', __BALLAST_BUILD__: '__ballastBuild' },
  banner: { js: "var __ballastUrl = require('node:url').pathToFileURL(__filename).href;" },
});

// A CommonJS script cannot import() an ES module without a callback from its loader: the remaining
// dynamic imports (packages left outside the bundle, node: built-ins, ./tui.js) go through the
// launcher's import function.
const corePath = join(out, 'ballast-core.cjs');
let core = readFileSync(corePath, 'utf8');
core = core.replace(/\bimport\(("[^"]+")\)/g, (_, spec) => `__ballastImport(${spec === '"./tui.js"' ? 'new URL("./tui.js", __ballastUrl).href' : spec})`);
const left = core.match(/[^\w$.]import\(/g);
if (left) throw new Error(`ballast-core.cjs still has ${left.length} dynamic import(s) the launcher cannot serve`);
writeFileSync(corePath, core);

await build({
  ...common,
  entryPoints: [join(root, 'src', 'tui', 'index.tsx')],
  outfile: join(out, 'tui.js'),
  format: 'esm',
  banner: { js: "import { createRequire as __ballastRequire } from 'node:module'; const require = __ballastRequire(import.meta.url);" },
});

await build({
  ...common,
  entryPoints: [join(root, 'src', 'cli', 'launch.ts')],
  outfile: join(out, 'ballast.js'),
  format: 'esm',
  define: { __BALLAST_CORE_HASH__: JSON.stringify(createHash('sha256').update(core).digest('hex').slice(0, 16)) },
  banner: { js: '#!/usr/bin/env node' },
});
chmodSync(join(out, 'ballast.js'), 0o755);
