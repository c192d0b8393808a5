// The app under test: the production renderer with the real router, services and embedded sandbox, one
// app per spec file with its own temporary user-data folder: the browser host in the project's Chromium,
// or the desktop app launched through Playwright's Electron support (the project decides, fixtures.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron, type BrowserContext, type Page } from '@playwright/test';
import { ensureRendererBuilt, launchChromium, watchPage, type PageProblems } from '../harness/chromium';
import { ensureNodeBuilt } from '../harness/node-build';
import { projectRoot } from '../harness/project-root';
import { findElectronBinary } from '../harness/electron-binary';
import { startWebHost as startHarnessWebHost } from '../harness/web-host';
import { appRuntime } from './fixtures';

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
  readonly context: BrowserContext;
  readonly page: Page;
  readonly problems: PageProblems;
  close(): Promise<void>;
}

/** The app on a fresh user-data folder, loaded and with the editor ready. */
export async function openApp(options: { env?: Record<string, string>; query?: string } = {}): Promise<AppSession> {
  const runtime = appRuntime();
  const session =
    runtime.appHost === 'electron'
      ? await openElectronApp(options)
      : await openBrowserHostApp(options, runtime.browser);
  await session.page.locator('.monaco-editor .view-lines').first().waitFor();
  return session;
}

async function openBrowserHostApp(
  options: { env?: Record<string, string>; query?: string },
  projectBrowser: import('@playwright/test').Browser | undefined,
): Promise<AppSession> {
  const host = await startWebHost(options.env);
  // The project's browser (traces and screenshots on failure); a browser of its own outside Playwright Test.
  const ownBrowser = projectBrowser ? undefined : await launchChromium();
  const browser = projectBrowser ?? ownBrowser;
  if (!browser) throw new Error('no browser to open the app in');
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  const problems = await watchPage(page);
  const url = options.query ? host.url.replace('/#', `/?${options.query}#`) : host.url;
  await page.goto(url);
  return {
    host,
    context,
    page,
    problems,
    async close() {
      await context.close();
      await ownBrowser?.close();
      await host.stop();
    },
  };
}

async function openElectronApp(options: { env?: Record<string, string>; query?: string }): Promise<AppSession> {
  ensureRendererBuilt();
  ensureNodeBuilt();
  const executablePath = findElectronBinary();
  if (!executablePath) throw new Error('no Electron binary (the spec should have skipped itself)');
  const userDataDir = mkdtempSync(join(tmpdir(), 'batch-studio-e2e-electron-'));
  const electronApp = await _electron.launch({
    executablePath,
    args: [projectRoot, '--user-data', userDataDir],
    cwd: projectRoot,
    env: { ...process.env, ...options.env } as Record<string, string>,
  });
  const page = await electronApp.firstWindow();
  const problems = await watchPage(page);
  // Same document, with the query the spec asks for (test hooks): a browser-initiated load of app://.
  if (options.query) await page.goto(page.url().replace(/(\?[^#]*)?(#.*)?$/, `?${options.query}$2`));
  return {
    host: {
      url: page.url(),
      userDataDir,
      async stop() {
        rmSync(userDataDir, { recursive: true, force: true });
      },
    },
    context: electronApp.context(),
    page,
    problems,
    async close() {
      await electronApp.close();
      rmSync(userDataDir, { recursive: true, force: true });
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
    (document.activeElement ?? document.body).dispatchEvent(
      new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
    );
  }, text);
}
