// The app under test: the production renderer served by the real browser host (router, services and
// embedded sandbox), one host process per spec file with its own temporary user-data folder.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ensureNodeBuilt, ensureRendererBuilt, launchChromium, projectRoot, watchPage, type PageProblems } from '../harness/chromium';

export interface WebHost {
  readonly url: string;
  readonly userDataDir: string;
  stop(): Promise<void>;
}

const READY = /Batch Studio is running at (http:\/\/127\.0\.0\.1:\d+\/#token=\S+)/;

/** Starts `node dist/node/web.mjs --port 0 --user-data DIR` and waits for its one line. */
export async function startWebHost(env: Record<string, string> = {}): Promise<WebHost> {
  ensureRendererBuilt();
  ensureNodeBuilt();
  const userDataDir = mkdtempSync(join(tmpdir(), 'batch-studio-e2e-'));
  const child: ChildProcess = spawn(process.execPath, [join(projectRoot, 'dist', 'node', 'web.mjs'), '--port', '0', '--user-data', userDataDir], {
    cwd: projectRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    lines.on('line', (line) => {
      const m = READY.exec(line);
      if (m?.[1]) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`the browser host exited with ${code} before it was ready:\n${stderr}`)));
  });
  return {
    url,
    userDataDir,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
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
