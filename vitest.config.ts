import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    globalSetup: ['test/setup/temp-root.ts'],
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    exclude: ['test/engine/**', 'test/integration/**', 'node_modules/**'],
    testTimeout: 20_000,
    pool: 'forks',
  },
});
