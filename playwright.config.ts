// The end-to-end tier: one set of specs (test/e2e/*.spec.ts) for two projects, the browser host here and
// the desktop app through Electron where a binary exists (skipped with a printed reason where none does).
import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './test/harness/chromium';
import { electronUnavailableReason } from './test/harness/electron-binary';
import type { AppHostOptions } from './test/e2e/fixtures';

const electronReason = electronUnavailableReason();
if (electronReason) console.log(`e2e (electron project) skipped: ${electronReason}.`);

export default defineConfig<AppHostOptions>({
  testDir: 'test/e2e',
  testMatch: '**/*.spec.ts',
  outputDir: 'test-results/playwright',
  // Generous on purpose: CI shares two cores with other work, and every wait is on a condition.
  timeout: 180_000,
  expect: { timeout: 30_000 },
  fullyParallel: false,
  workers: 2,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: [['list'], ['json', { outputFile: 'test-results/playwright.json' }]],
  use: {
    browserName: 'chromium',
    launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
    viewport: { width: 1440, height: 900 },
    acceptDownloads: true,
    actionTimeout: 30_000,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    { name: 'browser-host', use: { appHost: 'web' } },
    { name: 'electron', use: { appHost: 'electron' } },
  ],
});
