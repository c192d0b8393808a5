// Crash safety as a user sees it: the browser host is killed with SIGKILL during a 20,000-event send from
// the window; started again on the same user-data folder, the window brings every tab back (the unsaved
// one too) and History lists the run as incomplete.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appRuntime, expect, onlyInBrowserHost, test } from './fixtures';
import { startWebHost, type WebHost } from '../harness/web-host';
import { launchChromium } from '../harness/chromium';
import { keptTexts, tabNames } from './workspace-tabs';

onlyInBrowserHost();

const POLL = { timeout: 60_000 };
// Each of the four 5,000-event requests waits this long at the sandbox: the kill lands between them.
const env = { BATCH_STUDIO_SANDBOX_LATENCY_MS: '2500' };

const big = `{\n  "crash": [\n${Array.from({ length: 20_000 }, (_, i) => `    { "id": "k${i}", "timestamp": "2026-01-05T10:00:00Z", "n": ${i} }`).join(',\n')}\n  ]\n}\n`;

test('after a kill -9 mid-send the tabs come back and the run is listed incomplete', async () => {
  const userDataDir = mkdtempSync(join(tmpdir(), 'bs-workspace-crash-'));
  const ownBrowser = appRuntime().browser ? undefined : await launchChromium();
  const browser = appRuntime().browser ?? ownBrowser;
  if (!browser) throw new Error('no browser');
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  let host: WebHost | undefined = await startWebHost({ userDataDir, env });
  try {
    const page = await context.newPage();
    await page.goto(host.appUrl.replace('/#', '/?test-hooks#'));
    await page.locator('.monaco-editor .view-lines').first().waitFor();
    await page.getByRole('button', { name: 'New document' }).click();
    await expect.poll(() => tabNames(page), POLL).toEqual(['Sample batch', 'Untitled 1']);
    await page.evaluate((text) => window.batchStudioTest?.setText(text), big);
    await expect.poll(() => keptTexts(userDataDir).includes('"k19999"'), POLL).toBe(true);

    await page.getByRole('button', { name: 'Send', exact: true }).click();
    const progress = page.getByRole('progressbar', { name: 'Send progress' });
    await expect
      .poll(async () => Number((await progress.getAttribute('aria-valuenow')) ?? '0'), POLL)
      .toBeGreaterThanOrEqual(5_000);
    host.child.kill('SIGKILL');
    await host.stop();

    host = await startWebHost({ userDataDir, env });
    await page.goto(host.appUrl.replace('/#', '/?test-hooks#'));
    await page.locator('.monaco-editor .view-lines').first().waitFor();
    await expect
      .poll(() => page.getByRole('status', { name: 'Session' }).innerText(), POLL)
      .toMatch(/Restored 2 tabs from your last session/);
    expect(await tabNames(page)).toEqual(['Sample batch', 'Untitled 1']);
    expect(await page.evaluate(() => window.batchStudioTest?.text() ?? '')).toBe(big);

    await page.getByRole('button', { name: 'History', exact: true }).click();
    const runs = page.getByRole('dialog', { name: 'History' }).getByRole('table', { name: 'Runs' }).locator('tbody tr');
    await expect.poll(() => runs.count(), POLL).toBe(1);
    const row = await runs.first().innerText();
    expect(row).toMatch(/incomplete/);
    expect(row).toMatch(/Untitled 1/);
    expect(row).toMatch(/20,000/);
    const accepted = Number(/([\d,]+) accepted/.exec(row)?.[1]?.replace(/,/g, '') ?? '0');
    expect(accepted).toBeGreaterThanOrEqual(5_000);
    expect(accepted).toBeLessThan(20_000);
  } finally {
    await context.close();
    await ownBrowser?.close();
    await host?.stop();
    rmSync(userDataDir, { recursive: true, force: true });
  }
});
