// Playwright's test and expect for the e2e specs, with the app host of the project (browser host or
// Electron) and the project's browser made available to app-fixture's openApp(), so specs open the app
// in a hook without passing fixtures around. Electron specs skip themselves where no binary exists.
import { test as base, expect, type Browser } from '@playwright/test';
import { electronUnavailableReason } from '../harness/electron-binary';

export type AppHost = 'web' | 'electron';
export interface AppHostOptions {
  readonly appHost: AppHost;
}

interface WorkerFixtures {
  appHost: AppHost;
  /** Records the worker's browser and host for openApp(); set up before any hook runs. */
  appRuntime: void;
}

let current: { browser?: Browser; appHost: AppHost } = { appHost: 'web' };

/** The browser and host of the running project (the browser is launched lazily by Playwright). */
export const appRuntime = (): { browser?: Browser; appHost: AppHost } => current;

export const test = base.extend<object, WorkerFixtures>({
  appHost: ['web', { option: true, scope: 'worker' }],
  appRuntime: [
    async ({ appHost, playwright, browserName }, use) => {
      // Electron needs no Chromium of Playwright's: launch the browser only for the browser host.
      const browser = appHost === 'web' ? await playwright[browserName].launch(baseLaunchOptions()) : undefined;
      current = browser ? { browser, appHost } : { appHost };
      await use();
      await browser?.close();
    },
    { scope: 'worker', auto: true },
  ],
});

const electronReason = electronUnavailableReason();
/** Call at the top of a spec file: in the Electron project, skip when there is no Electron binary. */
export function skipWhereHostIsMissing(): void {
  test.skip(
    ({ appHost }) => appHost === 'electron' && electronReason !== undefined,
    `no Electron binary here (${electronReason ?? ''})`,
  );
}

/** Only for the browser host: for specs that test the loopback bridge or the host process itself. */
export function onlyInBrowserHost(): void {
  test.skip(({ appHost }) => appHost !== 'web', 'this spec drives the browser host itself');
}

import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../harness/chromium';
const baseLaunchOptions = () => ({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });

export { expect };
