// The Electron composition root as it ships (bundled like dist/electron/main.cjs), run against a fake
// `electron` module: order of start-up, the window's settings, the protocol, IPC with the sender check,
// the menu's events, the embedded sandbox, and a clean quit. Everything but Electron itself is real.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from 'esbuild';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { channelNameList } from '../../../../electron/contract/channel-names';

type Fn = (...args: unknown[]) => unknown;
interface FakeEvent {
  defaultPrevented: boolean;
  preventDefault(): void;
}

const root = resolve(import.meta.dirname, '../../../..');
const realRequire = createRequire(import.meta.url);

const newEvent = (): FakeEvent => ({
  defaultPrevented: false,
  preventDefault() {
    this.defaultPrevented = true;
  },
});

/** A small stand-in for the parts of Electron the main process uses, recording every call in order. */
function fakeElectron() {
  const log: string[] = [];
  const appListeners = new Map<string, Fn>();
  const sent: { channel: string; payload: unknown }[] = [];
  const sentWaiters: { test: (c: string, p: unknown) => boolean; resolve: () => void }[] = [];
  const handles = new Map<string, Fn>();
  const windows: { options: Record<string, unknown>; url?: string }[] = [];
  /** What the person answers in the native dialogs, set by each test; every question asked is recorded. */
  const answers = { messageBox: 0, folder: undefined as string | undefined };
  const asked: { kind: string; options: Record<string, unknown> }[] = [];
  let protocolHandler: ((request: Request) => Promise<Response>) | undefined;
  let menu: unknown;
  let readyResolve: () => void = () => undefined;
  const ready = new Promise<void>((done) => {
    readyResolve = done;
  });
  let quitResolve: () => void = () => undefined;
  const quit = new Promise<void>((done) => {
    quitResolve = done;
  });

  const webContents = {
    id: 41,
    send(channel: string, payload: unknown) {
      sent.push({ channel, payload });
      for (const waiter of [...sentWaiters]) {
        if (waiter.test(channel, payload)) {
          sentWaiters.splice(sentWaiters.indexOf(waiter), 1);
          waiter.resolve();
        }
      }
    },
  };

  class BrowserWindow {
    readonly webContents = webContents;
    constructor(options: Record<string, unknown>) {
      log.push('new BrowserWindow');
      windows.push({ options });
    }
    maximize() {}
    once() {}
    on() {}
    isDestroyed() {
      return false;
    }
    async loadURL(url: string) {
      log.push(`loadURL ${url}`);
      const current = windows.at(-1);
      if (current) current.url = url;
    }
  }

  const electron = {
    app: {
      isPackaged: false,
      enableSandbox: () => log.push('enableSandbox'),
      setPath: (name: string, value: string) => log.push(`setPath ${name} ${value}`),
      requestSingleInstanceLock: () => {
        log.push('requestSingleInstanceLock');
        return true;
      },
      on: (name: string, listener: Fn) => appListeners.set(name, listener),
      whenReady: () => {
        log.push('whenReady');
        return ready;
      },
      getVersion: () => '0.1.0',
      quit: () => {
        log.push('quit');
        quitResolve();
      },
      exit: (code: number) => log.push(`exit ${code}`),
    },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown) =>
        log.push(`registerSchemesAsPrivileged ${JSON.stringify(schemes)}`),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: () => log.push('setPermissionRequestHandler'),
        setPermissionCheckHandler: () => log.push('setPermissionCheckHandler'),
        webRequest: { onBeforeRequest: () => log.push('webRequest.onBeforeRequest') },
        protocol: {
          handle: (scheme: string, handler: (request: Request) => Promise<Response>) => {
            log.push(`protocol.handle ${scheme}`);
            protocolHandler = handler;
          },
        },
      },
    },
    ipcMain: { handle: (channel: string, listener: Fn) => handles.set(channel, listener) },
    Menu: {
      buildFromTemplate: (template: unknown) => template,
      setApplicationMenu: (value: unknown) => {
        menu = value;
      },
    },
    dialog: {
      showErrorBox: (title: string) => log.push(`showErrorBox ${title}`),
      // Called as (window, options) or (options), as Electron allows.
      showMessageBox: async (...args: Record<string, unknown>[]) => {
        asked.push({ kind: 'message', options: args.at(-1) ?? {} });
        return { response: answers.messageBox, checkboxChecked: false };
      },
      showOpenDialog: async (...args: Record<string, unknown>[]) => {
        asked.push({ kind: 'open', options: args.at(-1) ?? {} });
        return answers.folder === undefined
          ? { canceled: true, filePaths: [] }
          : { canceled: false, filePaths: [answers.folder] };
      },
    },
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
    BrowserWindow,
  };

  return {
    electron,
    log,
    appListeners,
    sent,
    handles,
    windows,
    answers,
    asked,
    ready: readyResolve,
    quit,
    protocol: () => protocolHandler,
    menu: () => menu,
    waitForSend: (test: (channel: string, payload: unknown) => boolean) =>
      new Promise<void>((done) => {
        if (sent.some((s) => test(s.channel, s.payload))) return done();
        sentWaiters.push({ test, resolve: done });
      }),
  };
}

let dir: string;
let fake: ReturnType<typeof fakeElectron>;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bs-main-'));
  // The bundle's folder: dist/electron beside dist/renderer, as in the build output.
  await mkdir(join(dir, 'dist', 'electron'), { recursive: true });
  await mkdir(join(dir, 'dist', 'renderer'), { recursive: true });
  await writeFile(join(dir, 'dist', 'renderer', 'index.html'), '<!doctype html><title>Batch Studio</title>');
  const bundle = await build({
    entryPoints: [join(root, 'electron/main/index.ts')],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: ['electron'],
    write: false,
    logLevel: 'silent',
  });
  const code = bundle.outputFiles[0]?.text ?? '';
  fake = fakeElectron();
  const fakeProcess = Object.create(process, {
    argv: { value: ['electron', '.', '--user-data', join(dir, 'user-data')] },
  }) as NodeJS.Process;
  const fakeRequire = (name: string): unknown => (name === 'electron' ? fake.electron : realRequire(name));
  const module = { exports: {} };
  new Function('require', 'module', 'exports', '__dirname', '__filename', 'process', code)(
    fakeRequire,
    module,
    module.exports,
    join(dir, 'dist', 'electron'),
    join(dir, 'dist', 'electron', 'main.cjs'),
    fakeProcess,
  );
  fake.ready();
  await fake.waitForSend(
    (channel, payload) => channel === 'event:sandbox:status' && (payload as { state: string }).state === 'running',
  );
});

afterAll(async () => {
  const willQuit = fake?.appListeners.get('will-quit');
  if (willQuit) {
    willQuit(newEvent());
    await fake.quit;
  }
  await rm(dir, { recursive: true, force: true });
});

const trustedEvent = () => ({
  sender: { id: 41 },
  senderFrame: { url: 'app://batch-studio/index.html', parent: null },
});

describe('Electron main process', () => {
  it('registers app:// and the user-data folder before anything else, then takes the single-instance lock', () => {
    const order = fake.log.map((line) => line.split(' ')[0]);
    expect(order.slice(0, 4)).toEqual([
      'registerSchemesAsPrivileged',
      'enableSandbox',
      'setPath',
      'requestSingleInstanceLock',
    ]);
    expect(fake.log[2]).toBe(`setPath userData ${join(dir, 'user-data')}`);
    expect(fake.log[0]).toContain('"scheme":"app"');
  });

  it('denies permissions and serves app:// before the window loads it', () => {
    const at = (prefix: string) => fake.log.findIndex((line) => line.startsWith(prefix));
    expect(at('setPermissionRequestHandler')).toBeGreaterThan(-1);
    expect(at('webRequest.onBeforeRequest')).toBeLessThan(at('loadURL'));
    expect(at('protocol.handle app')).toBeLessThan(at('loadURL'));
    expect(fake.log).toContain('loadURL app://batch-studio/index.html');
  });

  it('opens one window with the secure settings and the preload beside the bundle', () => {
    expect(fake.windows).toHaveLength(1);
    const prefs = fake.windows[0]?.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
    });
    expect(prefs.preload).toBe(join(dir, 'dist', 'electron', 'preload.cjs'));
  });

  it('serves the renderer through the protocol handler with the CSP', async () => {
    const response = await fake.protocol()?.(new Request('app://batch-studio/index.html'));
    expect(response?.status).toBe(200);
    expect(response?.headers.get('content-security-policy')).toContain("connect-src 'none'");
  });

  it('applies the navigation policy to every web contents created', () => {
    const listeners = new Map<string, Fn>();
    let openHandler: Fn | undefined;
    const contents = {
      on: (name: string, fn: Fn) => listeners.set(name, fn),
      setWindowOpenHandler: (fn: Fn) => (openHandler = fn),
    };
    fake.appListeners.get('web-contents-created')?.(newEvent(), contents);
    const navigation = newEvent();
    listeners.get('will-navigate')?.(navigation, 'https://evil.example/');
    expect(navigation.defaultPrevented).toBe(true);
    expect(openHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
  });

  it('handles every contract channel, for our window’s main frame only', async () => {
    expect([...fake.handles.keys()].sort()).toEqual([...channelNameList].sort());
    const status = fake.handles.get('sandbox:status');
    expect(await status?.(trustedEvent(), {})).toMatchObject({
      ok: true,
      data: { state: 'running', url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:/) },
    });
    const foreign = { sender: { id: 41 }, senderFrame: { url: 'https://evil.example/', parent: null } };
    expect(await status?.(foreign, {})).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
    const info = await fake.handles.get('app:info')?.(trustedEvent(), {});
    expect(info).toEqual({
      ok: true,
      data: { version: '0.1.0', host: 'electron', userDataDir: join(dir, 'user-data') },
    });
  });

  it('sends a batch to the embedded sandbox and pushes progress to the window', async () => {
    const send = fake.handles.get('send:start');
    const result = (await send?.(trustedEvent(), {
      runId: 'e1',
      profileId: 'local-sandbox',
      batchText: '{"c":[{"id":1}]}',
    })) as {
      ok: boolean;
      data: { outcomes: { outcome: string }[] };
    };
    expect(result.ok).toBe(true);
    expect(result.data.outcomes.map((o) => o.outcome)).toEqual(['accepted']);
    expect(
      fake.sent.some((s) => s.channel === 'event:send:progress' && (s.payload as { runId: string }).runId === 'e1'),
    ).toBe(true);
  });

  it('asks main’s own dialog before keeping keys without a keychain; the renderer’s message alone consents to nothing', async () => {
    const accept = fake.handles.get('profiles:accept-weak-storage');
    fake.answers.messageBox = 0;
    expect(await accept?.(trustedEvent(), {})).toMatchObject({
      ok: true,
      data: { protection: 'file', accepted: false },
    });
    expect(fake.asked.at(-1)).toMatchObject({ kind: 'message', options: { type: 'warning', cancelId: 0 } });
    expect(String(fake.asked.at(-1)?.options.detail)).toMatch(/without real encryption|unencrypted/);
    expect(await fake.handles.get('profiles:storage')?.(trustedEvent(), {})).toMatchObject({
      data: { accepted: false },
    });
    fake.answers.messageBox = 1;
    expect(await accept?.(trustedEvent(), {})).toMatchObject({ ok: true, data: { accepted: true } });
    const questions = fake.asked.length;
    expect(await accept?.(trustedEvent(), {})).toMatchObject({ data: { accepted: true } });
    expect(fake.asked.length, 'asked again after consent').toBe(questions);
  });

  it('takes the schema folder only from main’s folder dialog, never a typed path', async () => {
    const folder = join(dir, 'tracking-plan');
    await mkdir(folder);
    await writeFile(join(folder, 'clicks.schema.json'), '{"type": "object"}');
    const typed = await fake.handles.get('schemas:set-folder')?.(trustedEvent(), { folder });
    expect(typed).toMatchObject({
      ok: false,
      error: { code: 'invalid', message: expect.stringMatching(/Choose folder/) },
    });
    const choose = fake.handles.get('schemas:choose-folder');
    fake.answers.folder = undefined;
    expect(await choose?.(trustedEvent(), {})).toMatchObject({ ok: true, data: { source: 'app' } });
    fake.answers.folder = folder;
    expect(await choose?.(trustedEvent(), {})).toMatchObject({
      ok: true,
      data: { source: 'folder', folder, schemas: [{ collection: 'clicks' }] },
    });
    expect(fake.asked.at(-1)).toMatchObject({ kind: 'open', options: { properties: ['openDirectory'] } });
    expect(await fake.handles.get('schemas:set-folder')?.(trustedEvent(), { folder: null })).toMatchObject({
      ok: true,
      data: { source: 'app' },
    });
  });

  it('turns menu clicks into menu:command events', () => {
    const flatten = (items: unknown): Record<string, unknown>[] =>
      (items as Record<string, unknown>[]).flatMap((i) => [i, ...(Array.isArray(i.submenu) ? flatten(i.submenu) : [])]);
    const send = flatten(fake.menu()).find((i) => i.accelerator === 'CmdOrCtrl+Enter');
    (send?.click as () => void)();
    expect(fake.sent.at(-1)).toEqual({ channel: 'event:menu:command', payload: { command: 'send' } });
  });
});
