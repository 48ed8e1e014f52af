import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Tests import source, not dist; the global setup still brings dist up to date for the tests that run the
// built civdef command.
export default defineConfig({
  resolve: {
    alias: {
      '@civdef/core': fileURLToPath(new URL('./packages/core/src/index.ts', import.meta.url)),
      '@civdef/router': fileURLToPath(new URL('./packages/router/src/index.ts', import.meta.url)),
      '@civdef/warning': fileURLToPath(new URL('./packages/warning/src/index.ts', import.meta.url)),
      '@civdef/evidence': fileURLToPath(new URL('./packages/evidence/src/index.ts', import.meta.url)),
    },
  },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'apps/*/src/**/*.test.ts'],
    globalSetup: ['./vitest.global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
