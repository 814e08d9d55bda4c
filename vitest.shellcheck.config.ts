import { defineConfig } from 'vitest/config';

// Tests that run the real shellcheck binary (npm run test:shellcheck); `npm test` does not need it.
export default defineConfig({
  test: {
    globalSetup: ['test/setup/temp-root.ts'],
    include: ['test/integration/shellcheck.test.ts'],
    testTimeout: 30_000,
    pool: 'forks',
  },
});
