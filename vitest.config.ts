import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

const alias = { '@shared': fileURLToPath(new URL('./shared/src', import.meta.url)) };

/**
 * Four tiers: `unit` (pure rules, colocated *.unit.test.ts), `api` (the app built in-process
 * on a fresh database: PGlite, or PostgreSQL with AIXIN_TEST_ENGINE=postgres), `cli` (the real
 * server and command line spawned: first run, start-up failures, restarts), and `e2e`
 * (Chromium through playwright-core against a real server).
 */
export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: { name: 'unit', sequence: { groupOrder: 0 }, include: ['shared/src/**/*.unit.test.ts', 'server/src/**/*.unit.test.ts', 'web/src/**/*.unit.test.ts'], environment: 'node' },
      },
      {
        resolve: { alias },
        test: {
          name: 'api',
          sequence: { groupOrder: 1 },
          include: ['server/src/**/*.api.test.ts', 'server/test/**/*.api.test.ts'],
          environment: 'node',
          globalSetup: ['server/test/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          pool: 'forks',
          maxWorkers: 2,
        },
      },
      {
        resolve: { alias },
        test: {
          // the real server bundle and command line, spawned: start-up failures, restarts, first run
          name: 'cli',
          // after the API tests: the start-time check measures this machine, not its neighbours
          sequence: { groupOrder: 2 },
          include: ['server/test/**/*.cli.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'e2e',
          sequence: { groupOrder: 3 },
          include: ['e2e/specs/**/*.spec.ts'],
          environment: 'node',
          globalSetup: ['e2e/support/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          // one spec at a time: two at once on CI's two cores (each with its own server and browser)
          // saved ~170 s but made the antd animations lose clicks under the load (three runs, three
          // different flakes)
          fileParallelism: false,
        },
      },
    ],
  },
});
