import { defineConfig } from 'vitest/config';

// End-to-end test of `ballast explore` in a real terminal: tmux runs the built CLI on an image built by
// the real Docker engine (scripts/engine-setup.sh provides both). Run with `npm run test:tui`.
export default defineConfig({
  test: {
    globalSetup: ['test/setup/temp-root.ts'],
    include: ['test/integration/tui-tmux.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 600_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
