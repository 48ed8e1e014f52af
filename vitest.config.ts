import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const alias = {
  '@civdef/core': fileURLToPath(new URL('./packages/core/src/index.ts', import.meta.url)),
  '@civdef/router': fileURLToPath(new URL('./packages/router/src/index.ts', import.meta.url)),
  '@civdef/warning': fileURLToPath(new URL('./packages/warning/src/index.ts', import.meta.url)),
  '@civdef/evidence': fileURLToPath(new URL('./packages/evidence/src/index.ts', import.meta.url)),
};

const BROWSER = 'apps/web/src/e2e/**/*.test.ts';

// Tests import source, not dist; the global setup still brings dist up to date for the tests that run the
// built civdef command.
// Most test files wait on something (a child process, PostgreSQL, an fsync, a socket), so three run at once
// even on two cores (vitest's default is cores - 1: one file at a time here). The browser tests then run
// alone: they measure the field app's first load against its budget.
export default defineConfig({
  resolve: { alias },
  test: {
    globalSetup: ['./vitest.global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: ['packages/*/src/**/*.test.ts', 'apps/*/src/**/*.test.ts'],
          exclude: [BROWSER],
          maxWorkers: 3,
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: [BROWSER],
          maxWorkers: 1,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
