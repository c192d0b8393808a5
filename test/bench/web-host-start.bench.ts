// Cold start of the browser host: spawn → ready line (sandbox running), → first bridge answer, and, where
// Debian's Chromium exists, → an interactive editor (the Send button and the editor region visible).
// Fresh user-data folder each round. Run: npm run build && node scripts/bench.mjs web-host-start
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { CHROMIUM_PATH, launchChromium } from '../harness/chromium';
import { startWebHost } from '../harness/web-host';

const ROUNDS = 5;
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
const ready: number[] = [];
const bridge: number[] = [];
const interactive: number[] = [];

// Without Debian's Chromium the bench still times the host; only the interactive step is left out.
const browser = existsSync(CHROMIUM_PATH) ? await launchChromium() : undefined;

for (let round = 0; round < ROUNDS; round++) {
  const dir = mkdtempSync(join(tmpdir(), 'bs-start-bench-'));
  const started = performance.now();
  const host = await startWebHost({ userDataDir: dir });
  ready.push(performance.now() - started);
  const answer = await fetch(`${host.url}/bridge/invoke/sandbox:status`, {
    method: 'POST',
    headers: { 'X-Bridge-Token': host.token },
    body: '{}',
  });
  await answer.json();
  bridge.push(performance.now() - started);
  if (browser) {
    const page = await browser.newPage();
    await page.goto(host.appUrl);
    await page.getByRole('button', { name: 'Send', exact: true }).waitFor();
    await page.locator('.monaco-editor').first().waitFor();
    interactive.push(performance.now() - started);
    await page.close();
  }
  await host.stop();
  rmSync(dir, { recursive: true, force: true });
}
await browser?.close();

const fmt = (values: number[]) =>
  `median ${median(values).toFixed(0)} ms (min ${Math.min(...values).toFixed(0)}, max ${Math.max(...values).toFixed(0)})`;
console.log(`browser host cold start, ${ROUNDS} rounds, fresh user-data folder each:`);
console.log(`  spawn → ready line (sandbox running):  ${fmt(ready)}`);
console.log(`  spawn → first bridge answer:           ${fmt(bridge)}`);
if (interactive.length) console.log(`  spawn → interactive editor (Chromium): ${fmt(interactive)}`);
else console.log(`  interactive editor: skipped (no Chromium at ${CHROMIUM_PATH})`);
