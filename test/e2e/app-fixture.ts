// The app under test: the production renderer served by the real browser host (router, services and
// embedded sandbox), one host process per spec file with its own temporary user-data folder.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ensureNodeBuilt, ensureRendererBuilt, launchChromium, watchPage, type PageProblems } from '../harness/chromium';
import { startWebHost as startHarnessWebHost } from '../harness/web-host';

export interface WebHost {
  /** The URL to open: base URL plus `/#token=...`. */
  readonly url: string;
  readonly userDataDir: string;
  stop(): Promise<void>;
}

/** The browser host of test/harness/web-host.ts on a fresh temporary user-data folder, removed on stop. */
export async function startWebHost(env: Record<string, string> = {}): Promise<WebHost> {
  ensureRendererBuilt();
  ensureNodeBuilt();
  const userDataDir = mkdtempSync(join(tmpdir(), 'batch-studio-e2e-'));
  const host = await startHarnessWebHost({ userDataDir, env });
  return {
    url: host.appUrl,
    userDataDir,
    async stop() {
      await host.stop();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

export interface AppSession {
  readonly host: WebHost;
  readonly browser: Browser;
  readonly context: BrowserContext;
  readonly page: Page;
  readonly problems: PageProblems;
  close(): Promise<void>;
}

/** A browser page on a fresh browser host, loaded and with the editor ready. */
export async function openApp(options: { env?: Record<string, string>; query?: string } = {}): Promise<AppSession> {
  const host = await startWebHost(options.env);
  const browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  const problems = await watchPage(page);
  const url = options.query ? host.url.replace('/#', `/?${options.query}#`) : host.url;
  await page.goto(url);
  await page.locator('.monaco-editor .view-lines').first().waitFor();
  return {
    host,
    browser,
    context,
    page,
    problems,
    async close() {
      await browser.close();
      await host.stop();
    },
  };
}

/** Replaces the editor's text the way a user pastes a batch. */
export async function setEditorText(page: Page, text: string): Promise<void> {
  await page.locator('.monaco-editor .view-lines').first().click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.evaluate((pasted) => {
    const data = new DataTransfer();
    data.setData('text/plain', pasted);
    (document.activeElement ?? document.body).dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}
