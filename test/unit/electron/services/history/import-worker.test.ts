// import:preview and import:apply through the app services with the import worker bundled as the hosts
// ship it: a 100,000-line file is read while main's event loop keeps ticking, with the in-process answers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAppServices, type AppServices } from '../../../../../electron/services/app-services';
import { createRouter } from '../../../../../electron/router/router';
import { createImportRunner } from '../../../../../electron/services/history/import-runner';
import type { CallResult, ImportPreview, ImportResult } from '../../../../../electron/contract/channels';
import { bundleWorker } from '../../../../harness/worker-bundle';

const LINES = 100_000;
const ndjson =
  Array.from({ length: LINES }, (_, i) =>
    JSON.stringify({
      id: `e${i}`,
      type: 'view',
      timestamp: new Date(Date.UTC(2025, 0, 1) + i * 1000).toISOString(),
      n: i,
    }),
  ).join('\n') + '\n';

const workerEntry = fileURLToPath(
  new URL('../../../../../electron/services/history/import-worker.ts', import.meta.url),
);
let dir = '';
let workerScript = '';
const open: AppServices[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bs-import-worker-'));
  workerScript = join(dir, 'import-worker.mjs');
  // The worker entry bundled the way scripts/build-node.mjs bundles it next to web.mjs.
  await bundleWorker(workerEntry, workerScript);
});

afterAll(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
  await rm(dir, { recursive: true, force: true });
});

async function call(importWorker: string | undefined, channel: string, input: unknown): Promise<CallResult<unknown>> {
  const services = createAppServices({
    userDataDir: join(dir, `user-${open.length}`),
    host: 'web',
    version: '1.0.0',
    emit: () => undefined,
    ...(importWorker ? { importWorker } : {}),
  });
  open.push(services);
  const router = createRouter<null>({
    handlers: services.handlers,
    isTrustedSender: () => true,
    secrets: services.secrets,
  });
  return router.call(channel, input, null);
}

/** Runs `work` with a 10 ms interval ticking and says the longest gap between its ticks. */
async function longestGap<T>(work: () => Promise<T>): Promise<{ result: T; gapMs: number; ticks: number }> {
  let last = performance.now();
  let gapMs = 0;
  let ticks = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    gapMs = Math.max(gapMs, now - last);
    last = now;
    ticks++;
  }, 10);
  try {
    const result = await work();
    gapMs = Math.max(gapMs, performance.now() - last);
    return { result, gapMs, ticks };
  } finally {
    clearInterval(timer);
  }
}

describe('import worker', () => {
  it('previews 100,000 NDJSON lines off main’s thread, with the in-process answer', async () => {
    const input = {
      text: ndjson,
      fileName: 'big.ndjson',
      collection: 'views',
      rows: 50,
      shift: { latestAt: '2026-06-01T00:00:00Z' },
    };
    const threaded = await longestGap(() => call(workerScript, 'import:preview', input));
    expect(threaded.result.ok).toBe(true);
    // In-process the interval cannot tick once while the file is read; here it keeps ticking (generous bound).
    expect(threaded.ticks).toBeGreaterThan(0);
    expect(threaded.gapMs).toBeLessThan(1000);
    const inProcess = await call(undefined, 'import:preview', input);
    expect(threaded.result).toEqual(inProcess);
    const preview = (threaded.result as { data: ImportPreview }).data;
    expect(preview.total).toBe(LINES);
    expect(preview.events).toHaveLength(50);
  });

  it('applies 100,000 lines off main’s thread into the same batch', async () => {
    const input = { text: ndjson, fileName: 'big.ndjson', collection: 'views' };
    const threaded = await longestGap(() => call(workerScript, 'import:apply', input));
    expect(threaded.ticks).toBeGreaterThan(0);
    expect(threaded.gapMs).toBeLessThan(1000);
    const inProcess = await call(undefined, 'import:apply', input);
    expect(threaded.result).toEqual(inProcess);
    expect((threaded.result as { data: ImportResult }).data.count).toBe(LINES);
  });

  it('gives ids to events without one in the worker too', async () => {
    const result = await call(workerScript, 'import:apply', {
      text: '{"a":1}\n{"id":"x"}\n',
      fileName: 'a.ndjson',
      collection: 'c',
      addIds: true,
    });
    expect(result.ok).toBe(true);
    const batch = JSON.parse((result as { data: ImportResult }).data.eventsText) as { c: { id: string }[] };
    expect(batch.c[0]?.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(batch.c[1]).toEqual({ id: 'x' });
  });

  it('says the same clear error as in-process for a file that cannot be imported', async () => {
    const input = { text: '{"a":', fileName: 'bad.json', collection: 'c', rows: 5 };
    const threaded = await call(workerScript, 'import:preview', input);
    const inProcess = await call(undefined, 'import:preview', input);
    expect(threaded.ok).toBe(false);
    expect(threaded).toEqual(inProcess);
  });

  it('stops an older preview when a newer one replaces it', async () => {
    const runner = createImportRunner({ script: workerScript });
    expect(runner.threaded).toBe(true);
    const options = { text: ndjson, fileName: 'big.ndjson', collection: 'views', addIds: false, rows: 5 };
    const older = runner.preview(options);
    const newer = runner.preview({ ...options, rows: 3 });
    await expect(older).rejects.toMatchObject({ code: 'cancelled' });
    expect((await newer).events).toHaveLength(3);
    await runner.close();
  });

  it('runs as the CommonJS worker Electron main starts (import-worker.cjs)', async () => {
    const cjs = join(dir, 'import-worker.cjs');
    await bundleWorker(workerEntry, cjs, 'cjs');
    const runner = createImportRunner({ script: cjs });
    expect(runner.threaded).toBe(true);
    const preview = await runner.preview({ text: 'id,n\nx,1\n', collection: 'c', addIds: false, rows: 5 });
    expect(preview).toMatchObject({ format: 'csv', events: [{ id: 'x', n: 1 }], total: 1 });
    await expect(
      runner.apply({ text: '{"a":', fileName: 'bad.json', collection: 'c', addIds: false }),
    ).rejects.toMatchObject({ code: 'invalid' });
  });

  it('reads in-process when the worker script is not there', async () => {
    const runner = createImportRunner({ script: join(dir, 'missing.mjs'), newId: () => 'id-1' });
    expect(runner.threaded).toBe(false);
    const preview = await runner.preview({
      text: '{"a":1}\n',
      fileName: 'a.ndjson',
      collection: 'c',
      addIds: true,
      rows: 5,
    });
    expect(preview.events).toEqual([{ a: 1, id: 'id-1' }]);
  });
});
