// Test runner set-up for the unit and integration tiers on Node (and the remaining Vitest e2e specs);
// the Playwright specs (test/e2e/*.spec.ts) run under `playwright test` (playwright.config.ts).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    exclude: ['**/node_modules/**', 'test/e2e/**/*.spec.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // A test that asserts nothing cannot fail: every test must make at least one assertion.
    // Polls wait on conditions, generously: CI shares two cores with other work (1 s is Vitest's default).
    expect: { requireAssertions: true, poll: { timeout: 30_000, interval: 100 } },
    pool: 'forks',
    fileParallelism: true,
    maxWorkers: 2,
  },
});
