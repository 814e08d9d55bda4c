import { defineConfig } from 'vitest/config';

// `ballast optimize --verify` with the real engine: builds fixtures before and after the rewrite.
// Needs scripts/engine-setup.sh with BALLAST_DEBIAN=1 (debian:bookworm). Run with `npm run test:optimize`.
export default defineConfig({
  test: {
    globalSetup: ['test/setup/temp-root.ts'],
    include: ['test/integration/optimize-build.test.ts'],
    testTimeout: 1_800_000,
    hookTimeout: 1_800_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
