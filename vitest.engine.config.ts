import { defineConfig } from 'vitest/config';

// Integration tests that need a real Docker engine, skopeo and local registries
// (started by scripts/engine-setup.sh). Run with `npm run test:engine`.
export default defineConfig({
  test: {
    globalSetup: ['test/setup/temp-root.ts'],
    include: ['test/engine/**/*.test.ts'],
    testTimeout: 600_000,
    hookTimeout: 900_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
