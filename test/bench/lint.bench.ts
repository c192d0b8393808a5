// Lint speed against JSON.parse of the same text (target: at most 5×), and the memory of a 100,000-event lint.
import { parseBatch } from '../../core/batch/parse';
import { lintBatch } from '../../core/rules/lint';

const event = (i: number) => ({
  id: `evt-${i}`,
  timestamp: `2024-05-${String((i % 28) + 1).padStart(2, '0')}T12:${String(i % 60).padStart(2, '0')}:00.000Z`,
  customer: { name: `Ada Lovelace ${i}`, email: `ada${i}@example.com` },
  product: { sku: `SKU-${i % 997}`, name: 'Twelve red roses' },
  purchasePrice: 34.95 + (i % 100),
  quantity: (i % 5) + 1,
  channel: i % 2 === 0 ? 'web' : 'store',
});

const batchText = (count: number): string => JSON.stringify({ purchases: Array.from({ length: count }, (_, i) => event(i)) }, null, 2);

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
};

const time = (work: () => unknown): number => {
  const start = performance.now();
  work();
  return performance.now() - start;
};

const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

// The editor lints again on every pause in typing: measure warm code, as the worker runs it.
for (let i = 0; i < 5; i++) lintBatch(batchText(1_000));

/** Wall time and CPU time (all threads, so the collector's helpers count) of one call. */
const measure = (work: () => unknown): { wall: number; cpu: number } => {
  const cpu = process.cpuUsage();
  const wall = time(work);
  const used = process.cpuUsage(cpu);
  return { wall, cpu: (used.user + used.system) / 1000 };
};

for (const [count, runs] of [
  [5_000, 21],
  [100_000, 5],
] as const) {
  const text = batchText(count);
  const parse: { wall: number; cpu: number }[] = [];
  const scan: { wall: number; cpu: number }[] = [];
  const lint: { wall: number; cpu: number }[] = [];
  for (let run = 0; run < runs; run++) {
    // Collect before each call, so none pays for the garbage of the one before.
    gc();
    parse.push(measure(() => JSON.parse(text)));
    gc();
    scan.push(measure(() => parseBatch(text)));
    gc();
    lint.push(measure(() => lintBatch(text)));
  }
  for (const clock of ['wall', 'cpu'] as const) {
    const base = median(parse.map((m) => m[clock]));
    const parsed = median(scan.map((m) => m[clock]));
    const linted = median(lint.map((m) => m[clock]));
    console.log(
      `${count.toLocaleString('en-US')} events, ${(text.length / 1024 / 1024).toFixed(1)} MB, median ${clock} time of ${runs}: ` +
        `JSON.parse ${base.toFixed(1)} ms, parseBatch ${parsed.toFixed(1)} ms (${(parsed / base).toFixed(2)}×), ` +
        `lintBatch ${linted.toFixed(1)} ms (${(linted / base).toFixed(2)}×, target ≤ 5×)`,
    );
  }
}

// Memory: one lint of 100,000 events, with an info on every event (no id) to count diagnostics too.
{
  const text = JSON.stringify(
    { purchases: Array.from({ length: 100_000 }, (_, i) => ({ ...event(i), id: undefined, tags: ['a', 'b'] })) },
    null,
    2,
  );
  gc();
  const before = process.memoryUsage();
  const result = lintBatch(text);
  gc();
  const after = process.memoryUsage();
  // maxRSS is the process's peak so far (KiB): the texts above were smaller, so it is this lint's peak.
  const peakRss = process.resourceUsage().maxRSS * 1024;
  console.log(
    `100,000 events without ids, ${(text.length / 1024 / 1024).toFixed(1)} MB, ${result.diagnostics.length.toLocaleString('en-US')} diagnostics: ` +
      `heap ${mb(before.heapUsed)} → ${mb(after.heapUsed)} held by the result (+${mb(after.heapUsed - before.heapUsed)}), peak RSS of the process ${mb(peakRss)}`,
  );
  const parsedOnly = (() => {
    gc();
    const start = process.memoryUsage().heapUsed;
    const value = JSON.parse(text) as unknown;
    gc();
    const used = process.memoryUsage().heapUsed - start;
    return value === undefined ? 0 : used;
  })();
  console.log(`for comparison, JSON.parse alone holds +${mb(parsedOnly)} of heap; the lint result holds it plus its diagnostics`);
}
