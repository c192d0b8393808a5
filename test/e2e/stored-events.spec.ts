// What the sandbox stored and safe QA runs, in Chromium against the production bundle and the real browser
// host: the Stored events view (collections with counts, filter and timeframe, the events' JSON; axe clean,
// keyboard reachable), Reset that asks first with the count, and Run test that leaves the stored events alone.
import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, skipWhereHostIsMissing, test } from './fixtures';
import { openApp, setEditorText, type AppSession } from './app-fixture';

test.describe.configure({ mode: 'serial' });
skipWhereHostIsMissing();

const BATCH = {
  views: [
    { id: 'v1', timestamp: '2024-01-01T00:00:00.000Z', page: '/home', ms: 10 },
    { id: 'v2', timestamp: '2024-01-02T00:00:00.000Z', page: '/about', ms: 30 },
    { id: 'v3', timestamp: '2024-01-03T00:00:00.000Z', page: '/home', ms: 50 },
  ],
  clicks: [{ id: 'c1', timestamp: '2024-01-01T00:00:00.000Z', button: 'buy' }],
};

const status = (page: Page) => page.getByRole('group', { name: 'Local sandbox' });
const stored = (page: Page) => page.getByRole('dialog', { name: 'Stored events' });
const gridRows = (page: Page) => page.getByRole('grid', { name: 'Results' }).locator('.grid-body [role="row"]');

async function send(page: Page, batch: unknown): Promise<void> {
  await setEditorText(page, `${JSON.stringify(batch, null, 2)}\n`);
  await page.getByRole('button', { name: 'Send', exact: true }).click();
}

const seriousViolations = async (page: Page, selector: string): Promise<string[]> => {
  const result = await new AxeBuilder({ page }).include(selector).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
};

test.describe('what the sandbox stored, and safe QA runs', () => {
  let app: AppSession;
  test.beforeAll(async () => {
    app = await openApp();
    await expect.poll(() => status(app.page).innerText()).toContain('running');
  });
  test.afterAll(async () => {
    await app?.close();
  });

  test('shows collections with counts, filters by property and timeframe, and is axe clean and keyboard reachable', async () => {
    const { page } = app;
    await send(page, BATCH);
    await expect.poll(() => gridRows(page).count()).toBe(4);
    await expect.poll(() => status(page).innerText()).toContain('4 events stored');

    // Reached from the keyboard: focus the button, open it with Enter.
    await status(page).getByRole('button', { name: 'Stored events' }).focus();
    await page.keyboard.press('Enter');
    const dialog = stored(page);
    await expect
      .poll(() => dialog.getByRole('navigation', { name: 'Collections' }).innerText())
      .toMatch(/clicks\s*1[\s\S]*views\s*3/);
    await dialog.getByRole('button', { name: /^views/ }).click();
    const events = dialog.getByRole('list', { name: 'Matching events' }).getByRole('listitem');
    await expect.poll(() => events.count()).toBe(3);
    await expect.poll(() => dialog.getByRole('status').innerText()).toBe('3 matching events.');
    expect(await events.first().innerText()).toContain('"page": "/home"');

    await dialog.getByRole('textbox', { name: 'Filter (JSON)' }).fill('{"page": "/home", "ms": {"gt": 20}}');
    await dialog.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(() => events.count()).toBe(1);
    expect(await events.first().innerText()).toContain('"id": "v3"');

    await dialog.getByRole('textbox', { name: 'Filter (JSON)' }).fill('');
    await dialog.getByRole('textbox', { name: 'From (inclusive)' }).fill('2024-01-02T00:00:00Z');
    await dialog.getByRole('textbox', { name: 'To (exclusive)' }).fill('2024-01-03T00:00:00Z');
    await dialog.getByRole('textbox', { name: 'To (exclusive)' }).press('Enter');
    // The filter before this one matched one event too: wait for the event, not the count.
    await expect.poll(() => events.first().innerText()).toContain('"id": "v2"');
    await expect.poll(() => dialog.getByRole('status').innerText()).toBe('1 matching event.');
    expect(await events.count()).toBe(1);

    await dialog.getByRole('textbox', { name: 'Filter (JSON)' }).fill('{"page": ');
    await dialog.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(() => dialog.getByRole('alert').innerText()).toContain('The filter is not valid JSON');

    expect(await seriousViolations(page, '[role="dialog"]')).toEqual([]);
    await page.keyboard.press('Escape');
    await expect.poll(() => stored(page).count()).toBe(0);
  });

  test('Run test runs in a fresh sandbox: its reset leaves the stored events alone, and the recorded case passes', async () => {
    const { page } = app;
    // Sent again: every event is a duplicate now. Recorded, the case pushes their first copies itself.
    await send(page, { views: [BATCH.views[0]] });
    await expect.poll(() => gridRows(page).count()).toBe(1);
    expect(await gridRows(page).first().innerText()).toContain('duplicate');
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Record expectations' }).click();
    const recorded = JSON.parse(readFileSync((await (await downloading).path()) ?? '', 'utf8')) as { setup?: unknown };
    expect(recorded.setup).toEqual({ reset: true, push: { views: [BATCH.views[0]] } });

    await expect.poll(() => status(page).innerText()).toContain('4 events stored');
    await page.getByLabel('Test case file').setInputFiles({
      name: 'recorded.case.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(recorded)),
    });
    await expect.poll(() => page.getByRole('status', { name: 'Test verdict' }).innerText()).toContain('Test passed');
    // The user's sandbox still holds what it held: the test's reset and pushes went to a temporary one.
    await expect.poll(() => status(page).innerText()).toContain('4 events stored');
    await status(page).getByRole('button', { name: 'Stored events' }).click();
    await expect
      .poll(() => stored(page).getByRole('navigation', { name: 'Collections' }).innerText())
      .toMatch(/clicks\s*1[\s\S]*views\s*3/);
    await stored(page).getByRole('button', { name: 'Close' }).click();
  });

  test('Reset asks first, saying how many events it deletes; Cancel keeps them', async () => {
    const { page } = app;
    await status(page).getByRole('button', { name: 'Reset' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Reset the local sandbox?' });
    await expect.poll(() => confirm.innerText()).toContain('This deletes the 4 events the sandbox stored');
    expect(await seriousViolations(page, '[role="alertdialog"]')).toEqual([]);
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => status(page).innerText()).toContain('4 events stored');
    await status(page).getByRole('button', { name: 'Reset' }).click();
    await confirm.getByRole('button', { name: 'Delete 4 events' }).click();
    await expect.poll(() => status(page).innerText()).toContain(' 0 events stored');
    expect(app.problems).toEqual({ cspViolations: [], consoleErrors: [], pageErrors: [], foreignRequests: [] });
  });
});
