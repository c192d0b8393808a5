// History panel benchmark in Chromium against the browser host (prints numbers, asserts nothing): with
// 200 recorded runs, click History → all 200 rows painted, and a search typed → the filtered rows painted.
import { performance } from 'node:perf_hooks';
import type { Page } from 'playwright-core';
import { ensureRendererBuilt } from '../harness/chromium';
import { ensureNodeBuilt } from '../harness/node-build';
import { openApp } from '../e2e/app-fixture';

const RUNS = 200;
const report = (name: string, value: number, unit: string, note?: string) =>
  console.log(`${name.padEnd(56)} ${value.toFixed(1).padStart(9)} ${unit}${note ? `   (${note})` : ''}`);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

/** Resolves in the page, on the frame after the runs table has exactly `rows` rows. */
const rowsPaintedAt = (page: Page, rows: number) =>
  page.evaluate(
    (n) =>
      new Promise<number>((resolve) => {
        const poll = () =>
          document.querySelectorAll('table[aria-label="Runs"] tbody tr').length === n
            ? requestAnimationFrame(() => resolve(performance.now()))
            : requestAnimationFrame(poll);
        poll();
      }),
    rows,
  );

ensureRendererBuilt();
ensureNodeBuilt();

const app = await openApp();
const { page } = app;
const base = new URL(app.host.url);
const token = new URLSearchParams(base.hash.slice(1)).get('token') ?? '';
const invoke = async (channel: string, input: unknown) => {
  const response = await fetch(`${base.origin}/bridge/invoke/${channel}`, {
    method: 'POST',
    headers: { 'X-Bridge-Token': token, 'Content-Type': 'application/json' },
    body: JSON.stringify(input),
  });
  const body = (await response.json()) as { ok: boolean; error?: { message: string } };
  if (!body.ok) throw new Error(`${channel}: ${body.error?.message ?? 'failed'}`);
};

const t0 = performance.now();
for (let r = 0; r < RUNS; r++) {
  const events = Array.from({ length: 50 }, (_, i) => ({
    id: `r${r}-e${i}`,
    timestamp: '2026-01-05T10:00:00Z',
    n: i,
    ...(i % 10 === 0 ? { tp_source: 'x' } : {}),
  }));
  await invoke('send:start', {
    runId: `bench-run-${r}`,
    profileId: 'local-sandbox',
    batchText: JSON.stringify({ [`c${r % 7}`]: events }),
    source: `Bench ${r}`,
  });
}
report(`recorded ${RUNS} runs of 50 events (setup)`, performance.now() - t0, 'ms');

// The main side alone, for comparison: the same list over the bridge without the window.
const lists: number[] = [];
for (let i = 0; i < 5; i++) {
  const t = performance.now();
  await invoke('runs:list', {});
  lists.push(performance.now() - t);
}
report(`runs:list over the bridge, ${RUNS} runs (median of 5)`, median(lists), 'ms');

const opens: number[] = [];
for (let i = 0; i < 5; i++) {
  const clicked = await page.evaluate(() => performance.now());
  const painted = rowsPaintedAt(page, RUNS);
  await page.getByRole('button', { name: 'History', exact: true }).click();
  opens.push((await painted) - clicked);
  await page.getByRole('dialog', { name: 'History' }).getByRole('button', { name: 'Close' }).click();
}
report(
  `History opened → ${RUNS} runs painted (median of 5)`,
  median(opens),
  'ms',
  `min ${Math.min(...opens).toFixed(1)}, max ${Math.max(...opens).toFixed(1)}`,
);

await page.getByRole('button', { name: 'History', exact: true }).click();
await rowsPaintedAt(page, RUNS);
const typed = await page.evaluate(() => performance.now());
const filtered = rowsPaintedAt(page, 1);
await page.getByRole('searchbox', { name: 'Search runs' }).fill('r123-e7');
report('search by event id → 1 run painted', (await filtered) - typed, 'ms');

await app.close();
