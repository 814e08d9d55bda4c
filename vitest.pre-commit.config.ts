import { defineConfig } from 'vitest/config';

// `npm run test:pre-commit`: the pre-commit hooks with the real pre-commit (see the test file).
export default defineConfig({
  test: {
    globalSetup: ['test/setup/temp-root.ts'],
    include: ['test/integration/pre-commit.test.ts'],
    testTimeout: 180_000,
    hookTimeout: 960_000,
    pool: 'forks',
  },
});
