// `npm run web`: the same app in a browser. Starts the embedded sandbox and the services exactly as the
// Electron shell does, serves the built renderer on loopback and prints the one URL (with its token) to open.
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createAppServices, type Emit } from '../services/app-services';
import { acquireInstanceLock, type InstanceLock } from '../node/instance-lock';
import { createRouter } from '../router/router';
import { resolveUserDataDir } from '../node/user-data';
import { createBridgeGuard, type BridgeSender } from './bridge-guard';
import { startWebServer, type WebServer } from './server';
import { startLoopProbe } from './loop-probe';

/** `--port N` (default 0: a free port). */
export function parsePort(argv: readonly string[]): number {
  const index = argv.findIndex((arg) => arg === '--port' || arg.startsWith('--port='));
  const arg = argv[index];
  if (arg === undefined) return 0;
  const text = arg.includes('=') ? arg.slice('--port='.length) : argv[index + 1];
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port needs a number from 0 to 65535, not "${text ?? ''}".`);
  return port;
}

// The bundle is dist/node/web.mjs; the project (package.json, dist/renderer) is two folders up.
const projectRoot = (): string => join(dirname(fileURLToPath(import.meta.url)), '..', '..');

const readVersion = (root: string): string => {
  try {
    const parsed: unknown = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    const version =
      typeof parsed === 'object' && parsed !== null ? (parsed as { version?: unknown }).version : undefined;
    return typeof version === 'string' ? version : '0.0.0';
  } catch {
    return '0.0.0';
  }
};

const USAGE = `Usage: npm run web -- [--port N] [--user-data DIR]
  Serves Batch Studio on http://127.0.0.1:N (a free port when N is 0 or absent) with its local sandbox.
  --user-data DIR   keep profiles, settings and sandbox data in DIR (default: the app's per-user folder)
  BATCH_STUDIO_SANDBOX_LATENCY_MS=MS   delay every sandbox answer (to try cancelling a send)
`;

export async function main(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(USAGE);
    return 0;
  }
  const root = projectRoot();
  const rendererDir = join(root, 'dist', 'renderer');
  if (!existsSync(join(rendererDir, 'index.html'))) {
    process.stderr.write(
      'Batch Studio: the renderer is not built yet. Run `npm run build` (or `npm run web`, which builds it).\n',
    );
    return 2;
  }
  let port: number;
  try {
    port = parsePort(argv);
  } catch (error) {
    process.stderr.write(`Batch Studio: ${(error as Error).message}\n`);
    return 2;
  }
  const userDataDir = resolveUserDataDir({ argv, env, packaged: false });
  let lock: InstanceLock;
  try {
    lock = await acquireInstanceLock(userDataDir);
  } catch (error) {
    process.stderr.write(`Batch Studio: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
  const latency = Number(env.BATCH_STUDIO_SANDBOX_LATENCY_MS ?? '');
  // Benchmarks only: measures the longest event-loop task (test/bench/host-send.bench.ts).
  if (env.BATCH_STUDIO_LOOP_PROBE === '1') startLoopProbe((line) => process.stderr.write(line));

  let server: WebServer | undefined;
  const emit: Emit = (event, payload) => server?.broadcast(event, payload);
  const services = createAppServices({
    userDataDir,
    host: 'web',
    version: readVersion(root),
    emit,
    // Built next to this bundle (dist/node/import-worker.mjs), so 100,000-line imports leave the event loop free.
    importWorker: new URL('./import-worker.mjs', import.meta.url),
    // And dist/node/prepare-worker.mjs checks a batch before a send, so a 1,000,000-event lint never stalls it.
    prepareWorker: new URL('./prepare-worker.mjs', import.meta.url),
    ...(Number.isFinite(latency) && latency > 0 ? { sandboxLatencyMs: latency } : {}),
  });
  const guard = createBridgeGuard();
  const router = createRouter<BridgeSender>({
    handlers: services.handlers,
    isTrustedSender: guard.isTrusted,
    secrets: services.secrets,
  });
  try {
    server = await startWebServer({
      rendererDir,
      guard,
      port,
      call: (channel, input, sender) => router.call(channel, input, sender),
    });
  } catch (error) {
    process.stderr.write(
      `Batch Studio: cannot listen on 127.0.0.1:${port} (${(error as NodeJS.ErrnoException).code ?? 'error'}).\n`,
    );
    await lock.release();
    return 1;
  }
  await services.start();
  const status = await services.sandbox.status();
  if (status.state !== 'running')
    process.stderr.write(`Batch Studio: ${status.message ?? 'the local sandbox is not running.'}\n`);
  process.stdout.write(`Batch Studio is running at ${server.url}/#token=${guard.token}\n`);

  const running = server;
  await new Promise<void>((resolve) => {
    let stopping = false;
    const stop = () => {
      if (stopping) return;
      stopping = true;
      void Promise.allSettled([running.close(), services.close()])
        .then(() => lock.release())
        .finally(() => resolve());
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return 0;
}

// Run when this file is the process's entry (the bundle), not when a test imports it.
const entry = process.argv[1];
if (entry && existsSync(entry) && pathToFileURL(realpathSync(entry)).href === import.meta.url) {
  process.exitCode = await main(process.argv.slice(2));
}
