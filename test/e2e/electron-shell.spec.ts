// The real desktop app, where an Electron binary exists: launched with Playwright's Electron support and
// checked from the inside: the page's effective security settings, the CSP, the bridge and the sandbox.
// Runs in the electron project only, and skips itself there with the reason where no binary exists.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron, type ElectronApplication, type Page } from '@playwright/test';
import { electronUnavailableReason, findElectronBinary } from '../harness/electron-binary';
import { projectRoot } from '../harness/project-root';
import { expect, test } from './fixtures';

const reason = electronUnavailableReason();

test.describe.configure({ mode: 'serial' });
test.skip(({ appHost }) => appHost !== 'electron', 'the Electron shell spec runs in the electron project');
test.skip(reason !== undefined, reason ?? '');

test.describe('desktop app (Electron)', () => {
  let app: ElectronApplication;
  let page: Page;
  let userData: string;

  test.beforeAll(async () => {
    const built = ['dist/electron/main.cjs', 'dist/electron/preload.cjs'].every((f) =>
      existsSync(join(projectRoot, f)),
    );
    if (!built) spawnSync(process.execPath, ['scripts/build-node.mjs'], { cwd: projectRoot, stdio: 'inherit' });
    if (!existsSync(join(projectRoot, 'dist/renderer/index.html'))) {
      spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build'], { cwd: projectRoot, stdio: 'inherit' });
    }
    userData = await mkdtemp(join(tmpdir(), 'bs-electron-'));
    app = await _electron.launch({
      executablePath: findElectronBinary(),
      args: [projectRoot, '--user-data', userData],
      cwd: projectRoot,
    });
    page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
  });

  test.afterAll(async () => {
    await app?.close();
    if (userData) await rm(userData, { recursive: true, force: true });
  });

  test('loads the renderer from app://, not file://', async () => {
    expect(page.url()).toBe('app://batch-studio/index.html');
  });

  test('gives the page no Node: no require, process, module or Buffer', async () => {
    const globals = await page.evaluate(() => ({
      require: typeof (globalThis as Record<string, unknown>).require,
      process: typeof (globalThis as Record<string, unknown>).process,
      module: typeof (globalThis as Record<string, unknown>).module,
      buffer: typeof (globalThis as Record<string, unknown>).Buffer,
    }));
    expect(globals).toEqual({ require: 'undefined', process: 'undefined', module: 'undefined', buffer: 'undefined' });
  });

  test('isolates the preload: only a frozen api with invoke and on, no ipcRenderer', async () => {
    const api = await page.evaluate(() => {
      const w = window as unknown as Record<string, unknown>;
      const exposed = w.api as Record<string, unknown> | undefined;
      return {
        keys: exposed ? Object.keys(exposed).sort() : [],
        frozen: exposed ? Object.isFrozen(exposed) : false,
        ipc: typeof w.ipcRenderer,
        electron: typeof w.electron,
      };
    });
    expect(api).toEqual({ keys: ['invoke', 'on'], frozen: true, ipc: 'undefined', electron: 'undefined' });
  });

  test('has the effective webPreferences of the checklist', async () => {
    const prefs = await app.evaluate(({ BrowserWindow }) => {
      const contents = BrowserWindow.getAllWindows()[0]?.webContents as unknown as {
        getLastWebPreferences?: () => Record<string, unknown>;
      };
      return contents?.getLastWebPreferences?.() ?? null;
    });
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
    });
    expect(await page.evaluate(() => customElements.get('webview') === undefined && !('WebView' in window))).toBe(true);
  });

  test('blocks network requests from the page (connect-src none) and window.open', async () => {
    const blocked = await page.evaluate(async () => {
      try {
        await fetch('https://example.com/');
        return false;
      } catch {
        return true;
      }
    });
    expect(blocked).toBe(true);
    expect(await page.evaluate(() => window.open('https://example.com/') === null)).toBe(true);
    expect(app.windows()).toHaveLength(1);
  });

  test('answers the contract through the preload, with the embedded sandbox running', async () => {
    const info = await page.evaluate(() =>
      (window as unknown as { api: { invoke(c: string, i: unknown): Promise<unknown> } }).api.invoke('app:info', {}),
    );
    expect(info).toMatchObject({ ok: true, data: { host: 'electron', userDataDir: userData } });
    const refused = await page.evaluate(() =>
      (window as unknown as { api: { invoke(c: string, i: unknown): Promise<unknown> } }).api.invoke(
        'secrets:read',
        {},
      ),
    );
    expect(refused).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
    await expect
      .poll(() =>
        page.evaluate(() =>
          (window as unknown as { api: { invoke(c: string, i: unknown): Promise<{ data?: { state?: string } }> } }).api
            .invoke('sandbox:status', {})
            .then((r) => r.data?.state),
        ),
      )
      .toBe('running');
  });
});
