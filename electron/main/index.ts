// The Electron shell's composition root: one locked instance, one secure window on app://, the services
// and the embedded sandbox behind the router, the IPC binding and the native menu. Logic lives elsewhere.
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, safeStorage, screen, session } from 'electron';
import { join } from 'node:path';
import { eventIpcChannel } from '../contract/channel-names';
import { createAppServices, type AppServices, type Emit } from '../services/app-services';
import { acquireInstanceLock, type InstanceLock } from '../node/instance-lock';
import { createRouter } from '../router/router';
import { resolveUserDataDir } from '../node/user-data';
import { APP_ENTRY_URL, APP_SCHEME } from './app-origin';
import { bindIpc, isTrustedIpcSender, type InvokeEventLike } from './ipc-binding';
import { menuTemplate } from './menu';
import { createNativeDialogs } from './native-dialogs';
import { createAppProtocolHandler, privilegedSchemes } from './protocol';
import { applyContentsPolicy, applySessionPolicy } from './security-policy';
import { mainWindowOptions } from './window-options';
import { createSafeStorageCipher } from './safe-storage-cipher';
import { createFileDialogs } from './file-dialogs';
import { readWindowState, windowStatePath, writeWindowState } from './window-state';

// dist/electron/main.cjs → dist/renderer and dist/electron/preload.cjs.
const rendererDir = join(__dirname, '..', 'renderer');
const preloadPath = join(__dirname, 'preload.cjs');

// Must happen before `ready`: app:// is a standard, secure origin; every renderer is sandboxed.
protocol.registerSchemesAsPrivileged(privilegedSchemes);
app.enableSandbox();

// The user-data folder decides the single-instance lock, so set it first: two folders, two instances (tests).
const userDataDir = resolveUserDataDir({ argv: process.argv, env: process.env, packaged: app.isPackaged });
app.setPath('userData', userDataDir);

let mainWindow: BrowserWindow | undefined;
let services: AppServices | undefined;
let lock: InstanceLock | undefined;

const emit: Emit = (event, payload) => {
  if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send(eventIpcChannel(event), payload);
};

async function createWindow(): Promise<void> {
  const statePath = windowStatePath(userDataDir);
  const state = await readWindowState(
    statePath,
    screen.getAllDisplays().map((d) => d.workArea),
  );
  const window = new BrowserWindow(mainWindowOptions({ preloadPath, bounds: state.bounds }));
  mainWindow = window;
  if (state.maximized) window.maximize();
  window.once('ready-to-show', () => window.show());
  window.on('close', () => {
    const bounds = window.getNormalBounds();
    void writeWindowState(statePath, bounds, window.isMaximized()).catch(() => undefined);
  });
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = undefined;
  });
  await window.loadURL(APP_ENTRY_URL);
}

async function start(): Promise<void> {
  // The single-instance lock covers other app windows; this also covers a browser host on the same folder.
  try {
    lock = await acquireInstanceLock(userDataDir);
  } catch (error) {
    dialog.showErrorBox('Batch Studio is already running', error instanceof Error ? error.message : String(error));
    app.exit(1);
    return;
  }
  applySessionPolicy(session.defaultSession);
  session.defaultSession.protocol.handle(APP_SCHEME, createAppProtocolHandler(rendererDir));

  // Saved API keys are encrypted by the OS keychain; without one the profiles dialog asks before storing any.
  const keyCipher = await createSafeStorageCipher(safeStorage);
  // Consent to weak key storage and the schema folder are asked by main itself, never taken from a renderer message.
  const dialogs = createNativeDialogs(dialog, () => mainWindow);
  const fileDialogs = createFileDialogs(dialog, () => mainWindow);
  // dist/electron/import-worker.cjs reads import files off main's thread, so IPC and the window never stall.
  const importWorker = join(__dirname, 'import-worker.cjs');
  // dist/electron/prepare-worker.cjs checks a batch before a send, so a 1,000,000-event lint never stalls main.
  const prepareWorker = join(__dirname, 'prepare-worker.cjs');
  const running = createAppServices({
    userDataDir,
    host: 'electron',
    version: app.getVersion(),
    emit,
    keyCipher,
    dialogs,
    fileDialogs,
    importWorker,
    prepareWorker,
  });
  services = running;
  const router = createRouter<InvokeEventLike>({
    handlers: running.handlers,
    isTrustedSender: (event) => isTrustedIpcSender(event, () => mainWindow?.webContents),
    secrets: running.secrets,
  });
  bindIpc(ipcMain, router);

  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      menuTemplate({
        isMac: process.platform === 'darwin',
        packaged: app.isPackaged,
        command: (command) => emit('menu:command', { command }),
      }),
    ),
  );

  // The window appears at once; the sandbox's status reaches it as an event when it runs.
  const sandboxReady = running.start();
  await createWindow();
  await sandboxReady;
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  // Every web contents, present or future, gets the same policy.
  app.on('web-contents-created', (_event, contents) => applyContentsPolicy(contents));
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('window-all-closed', () => app.quit());

  let closing = false;
  app.on('will-quit', (event) => {
    if (closing || !services) return;
    // Stop the sandbox (flushes its log) before the process ends.
    event.preventDefault();
    closing = true;
    void services
      .close()
      .then(() => lock?.release())
      .finally(() => app.quit());
  });

  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      process.stderr.write(`Batch Studio could not start: ${error instanceof Error ? error.message : String(error)}\n`);
      app.exit(1);
    });
}
