// Import of 100,000 lines of NDJSON and of CSV (time, peak memory, main's event-loop stall in-process vs in the import worker),
// opening History with 200 runs, and comparing two 100,000-event runs. Prints numbers, asserts nothing. Run: node scripts/bench.mjs import
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { batchText } from '../../core/formats/batch-text';
import { importEvents } from '../../core/formats/import-events';
import { compareRuns } from '../../core/history/compare-runs';
import type { EventOutcome, Outcome } from '../../core/send/outcome';
import { createHistoryStore } from '../../electron/services/history/history-store';
import { createImportRunner } from '../../electron/services/history/import-runner';

const LINES = 100_000;
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

async function measure<T>(label: string, work: () => T | Promise<T>): Promise<T> {
  gc();
  const base = process.memoryUsage().heapUsed;
  let peak = base;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 5);
  const started = performance.now();
  const result = await work();
  const ms = performance.now() - started;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().heapUsed);
  console.log(`${label}: ${ms.toFixed(0)} ms, peak heap +${((peak - base) / 1024 / 1024).toFixed(0)} MiB`);
  return result;
}

const ndjson =
  Array.from({ length: LINES }, (_, i) =>
    JSON.stringify({
      id: `e${i}`,
      type: 'view',
      timestamp: new Date(Date.UTC(2025, 0, 1) + i * 1000).toISOString(),
      customer: { firstName: `N${i}`, age: i % 90 },
    }),
  ).join('\n') + '\n';
const csv =
  'id,type,timestamp,customer.firstName,customer.age\r\n' +
  Array.from(
    { length: LINES },
    (_, i) => `e${i},view,${new Date(Date.UTC(2025, 0, 1) + i * 1000).toISOString()},"N${i}",${i % 90}`,
  ).join('\r\n') +
  '\r\n';
console.log(
  `inputs: NDJSON ${(ndjson.length / 1024 / 1024).toFixed(1)} MiB, CSV ${(csv.length / 1024 / 1024).toFixed(1)} MiB, ${LINES.toLocaleString('en-US')} lines each`,
);

for (const [name, text] of [
  ['NDJSON', ndjson],
  ['CSV', csv],
] as const) {
  await measure(`import ${name} (read, add ids, shift timestamps, write the batch)`, () => {
    const result = importEvents(
      {
        text,
        fileName: name === 'CSV' ? 'x.csv' : 'x.ndjson',
        addIds: true,
        shift: { latestAt: '2026-06-01T00:00:00Z' },
      },
      { newId: randomUUID },
    );
    if (!('format' in result) || result.events.length !== LINES) throw new Error(`import ${name} went wrong`);
    return batchText({ views: result.events }).length;
  });
}

// Main's event-loop delay while import:preview reads 100,000 NDJSON lines: in-process (as before) and in
// the import worker built next to the browser host (dist/node/import-worker.mjs, from `npm run build`).
const workerScript = join(process.cwd(), 'dist/node/import-worker.mjs');
for (const [label, runner] of [
  ['in-process', createImportRunner({ newId: randomUUID })],
  ['import worker', createImportRunner({ script: workerScript })],
] as const) {
  if (label === 'import worker' && !runner.threaded) {
    console.log(`event-loop delay during a 100,000-line preview (${label}): skipped, ${workerScript} is not built`);
    continue;
  }
  // The longest wait between ticks of a 10 ms interval: how long main answered nothing (IPC, window).
  let last = performance.now();
  let longest = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 10);
  const started = performance.now();
  const preview = await runner.preview({
    text: ndjson,
    fileName: 'x.ndjson',
    collection: 'views',
    addIds: true,
    rows: 50,
  });
  const ms = performance.now() - started;
  longest = Math.max(longest, performance.now() - last);
  clearInterval(ticker);
  if (preview.total !== LINES) throw new Error(`preview (${label}) went wrong`);
  console.log(
    `event-loop delay during a 100,000-line preview (${label}): longest stall ${longest.toFixed(0)} ms, answered in ${ms.toFixed(0)} ms`,
  );
}

const outcomes = (seed: number): EventOutcome[] =>
  Array.from({ length: LINES }, (_, i) => ({
    collection: 'views',
    index: i,
    id: `e${i}`,
    outcome: (['accepted', 'rejected', 'unknown'] as Outcome[])[(i * seed) % 3] ?? 'accepted',
    request: Math.floor(i / 5000) + 1,
  }));
const a = outcomes(1);
const b = outcomes(2);
const compared = await measure('compare two 100,000-event runs', () => compareRuns(a, b));
console.log(`  ${JSON.stringify(compared.summary)}`);

const dir = mkdtempSync(join(tmpdir(), 'bs-history-bench-'));
try {
  let n = 0;
  const store = createHistoryStore({ dir, maxRuns: 1000, newRunId: () => `run-${++n}` });
  const small: EventOutcome[] = a.slice(0, 500);
  for (let i = 0; i < 200; i++) {
    const recorder = await store.begin({
      startedAt: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(),
      target: { url: 'http://127.0.0.1:1', projectId: 'p' },
      source: `batch ${i}`,
      batchText: '{}',
      collections: [{ name: 'views', events: 500 }],
    });
    await recorder.finish({
      finishedAt: new Date(Date.UTC(2026, 0, 1) + i * 60_000 + 1000).toISOString(),
      cancelled: false,
      outcomes: small,
      requests: [],
    });
  }
  const listed = await measure('open History with 200 runs (list)', () => store.list());
  console.log(`  ${listed.length} runs listed`);
  await measure('search 200 runs of 500 events for an event id', () => store.list({ search: 'e499' }));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
