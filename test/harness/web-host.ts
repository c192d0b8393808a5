// Starts the browser host (`node dist/node/web.mjs`) as a real child process for end-to-end tests, with its
// own user-data folder, and reads the URL and token from its one ready line.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ensureNodeBuilt } from './node-build';
import { projectRoot } from './project-root';

const hostBundle = join(projectRoot, 'dist', 'node', 'web.mjs');
const STARTUP_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 10_000;

/** The line the host prints when it is ready (the renderer reads the token from the URL's fragment). */
export const READY_LINE = /Batch Studio is running at (http:\/\/127\.0\.0\.1:\d+)\/#token=([A-Za-z0-9_-]+)/;

export interface WebHost {
  /** Base URL, `http://127.0.0.1:PORT`. */
  readonly url: string;
  readonly token: string;
  /** The URL to open in a browser: base URL plus `/#token=...`. */
  readonly appUrl: string;
  readonly child: ChildProcess;
  /** What the host wrote to stderr so far (for failure messages). */
  stderr(): string;
  /** SIGTERM, then waits for the exit (SIGKILL after 10 s so a test never hangs on it). */
  stop(): Promise<void>;
}

export interface WebHostOptions {
  readonly userDataDir: string;
  /** Extra environment, e.g. BATCH_STUDIO_SANDBOX_LATENCY_MS for slow sandbox answers. */
  readonly env?: Readonly<Record<string, string>>;
}

/** Makes dist/node/web.mjs current; the renderer must be built already (`npm run build`). */
function ensureHostBuilt(): void {
  ensureNodeBuilt();
  if (!existsSync(join(projectRoot, 'dist', 'renderer', 'index.html'))) {
    throw new Error('dist/renderer is not built: run `npm run build:renderer` before the end-to-end tests.');
  }
}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  ensureHostBuilt();
  const child = spawn(process.execPath, [hostBundle, '--port', '0', '--user-data', options.userDataDir], {
    cwd: projectRoot,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    stderr += chunk;
  });

  const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  };

  const ready = await new Promise<{ url: string; token: string }>((resolveReady, reject) => {
    let stdout = '';
    const timer = setTimeout(
      () => reject(new Error(`the web host did not start within ${STARTUP_TIMEOUT_MS} ms:\n${stderr}`)),
      STARTUP_TIMEOUT_MS,
    );
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => {
      stdout += chunk;
      const match = READY_LINE.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolveReady({ url: match[1] as string, token: match[2] as string });
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the web host exited (${code ?? signal}) before it was ready:\n${stderr}`));
    });
  }).catch(async (error: unknown) => {
    await stop();
    throw error;
  });

  return { ...ready, appUrl: `${ready.url}/#token=${ready.token}`, child, stderr: () => stderr, stop };
}
