// Preferences in Chromium against the production bundle and the real browser host: each field says what is
// wrong before anything is saved, the bulk import threshold changes the suggestion at once and survives a
// reload (it lives in main's settings.json), and lowering the runs kept prunes history as soon as it is saved.
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { projectRoot } from '../harness/project-root';
import { expect, skipWhereHostIsMissing, test } from './fixtures';
import { openApp, setEditorText, type AppSession } from './app-fixture';

test.describe.configure({ mode: 'serial' });
skipWhereHostIsMissing();

const POLL = { timeout: 30_000 };
const BATCH = '{\n  "clicks": [{ "id": "p-1" }, { "id": "p-2" }, { "id": "p-3" }]\n}\n';
const hint = (page: Page) => page.locator('.bulk-hint');
const dialog = (page: Page) => page.getByRole('dialog', { name: 'Preferences' });

test.describe('Preferences', () => {
  let app: AppSession;
  test.beforeAll(async () => {
    app = await openApp();
    await expect
      .poll(() => app.page.getByRole('group', { name: 'Local sandbox' }).innerText(), POLL)
      .toContain('running');
    // The bulk import is suggested only for a target with a bulk import section: a profile with one, made
    // through the bridge as the Profiles dialog makes it.
    const [base = '', token = ''] = app.host.url.split('/#token=');
    const response = await fetch(`${base}/bridge/invoke/profiles:create`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Bridge-Token': token, Origin: base },
      body: JSON.stringify({
        draft: { name: 'Imports', baseUrl: 'http://127.0.0.1:9', projectId: 'p', bulkImport: { bucket: 'events' } },
      }),
    });
    expect(((await response.json()) as { ok: boolean }).ok).toBe(true);
    await app.page.reload();
    await app.page.getByRole('combobox', { name: 'Target' }).selectOption({ label: 'Imports' });
  });
  test.afterAll(async () => {
    await app?.close();
  });

  test('refuse a value out of bounds in place, then suggest bulk import from the saved threshold', async () => {
    const { page } = app;
    await setEditorText(page, BATCH);
    await expect.poll(() => page.locator('.status-bar').innerText(), POLL).toContain('3 events');
    expect(await hint(page).count()).toBe(0);

    await page.getByRole('button', { name: 'Preferences' }).click();
    const threshold = dialog(page).getByRole('textbox', { name: 'Suggest bulk import from (events)' });
    await expect(threshold).toHaveValue('50000');
    await threshold.fill('0');
    await expect(threshold).toHaveAttribute('aria-invalid', 'true');
    await expect(threshold).toHaveAccessibleDescription('Enter a whole number from 1 to 1,000,000,000.');
    await expect(dialog(page).getByRole('button', { name: 'Save' })).toBeDisabled();
    await page.screenshot({ path: join(projectRoot, 'test-results', 'screenshots', 'preferences.png') });
    await threshold.fill('3');
    await expect(threshold).toHaveAttribute('aria-invalid', 'false');
    await dialog(page).getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => dialog(page).count(), POLL).toBe(0);
    await expect(hint(page)).toHaveText('3 events: bulk import suggested', POLL);

    await page.reload();
    await expect.poll(() => page.locator('.status-bar').innerText(), POLL).toContain('3 events');
    await expect(hint(page)).toHaveText('3 events: bulk import suggested', POLL);
  });

  test('take over the bulk import threshold an older version kept in the page’s local storage', async () => {
    const { page } = app;
    await page.evaluate(() => localStorage.setItem('batch-studio:bulk-import-threshold', '7'));
    await page.reload();
    await expect
      .poll(() => page.evaluate(() => localStorage.getItem('batch-studio:bulk-import-threshold')), POLL)
      .toBe(null);
    await page.getByRole('button', { name: 'Preferences' }).click();
    await expect(dialog(page).getByRole('textbox', { name: 'Suggest bulk import from (events)' })).toHaveValue('7');
    await page.keyboard.press('Escape');
  });

  test('Ctrl+, opens them; fewer runs kept removes the oldest runs at once; Enter saves', async () => {
    const { page } = app;
    await page.getByRole('combobox', { name: 'Target' }).selectOption({ label: 'Local sandbox' });
    for (const id of ['r-1', 'r-2', 'r-3']) {
      await setEditorText(page, `{\n  "clicks": [{ "id": "${id}" }]\n}\n`);
      await expect.poll(() => page.locator('.status-bar').innerText(), POLL).toContain('1 event');
      await page.getByRole('button', { name: 'Send', exact: true }).click();
      await expect
        .poll(() => page.locator('.count-pill[data-outcome="accepted"] .count-value').innerText(), POLL)
        .toBe('1');
      await expect.poll(() => page.getByRole('progressbar').count(), POLL).toBe(0);
    }
    await page.getByRole('button', { name: 'History', exact: true }).click();
    const history = page.getByRole('dialog', { name: 'History' });
    const runs = history.getByRole('table', { name: 'Runs' }).locator('tbody tr');
    await expect.poll(() => runs.count(), POLL).toBe(3);
    await page.keyboard.press('Escape');

    await page.locator('.status-bar').click();
    await page.keyboard.press('Control+Comma');
    const kept = dialog(page).getByRole('textbox', { name: 'Runs kept in history' });
    await expect(kept).toBeVisible(POLL);
    await kept.fill('2');
    await kept.press('Enter');
    await expect.poll(() => dialog(page).count(), POLL).toBe(0);

    await page.getByRole('button', { name: 'History', exact: true }).click();
    // Which two stay (the newest) is checked with the services (test/unit/electron/services/preferences.test.ts).
    await expect.poll(() => runs.count(), POLL).toBe(2);
    await page.keyboard.press('Escape');
  });
});
