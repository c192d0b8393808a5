// The main flow in Chromium against the production bundle and the real browser host: lint while
// typing, fix, send to the embedded sandbox, duplicates, a rejection, jump to an event, cancel a send.
import { expect, skipWhereHostIsMissing, test } from './fixtures';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { projectRoot } from '../harness/project-root';
import { openApp, setEditorText, type AppSession } from './app-fixture';

test.describe.configure({ mode: 'serial' });
skipWhereHostIsMissing();

const shots = join(projectRoot, 'test-results', 'screenshots');
mkdirSync(shots, { recursive: true });

const BROKEN = `{
  "purchases": [
    { "id": "p-1", "timestamp": "2026-01-05T10:00:00Z", "price": 12.5 },
    { "id": "p-2", "timestamp": "yesterday", "first.name": "Ada" }
  ]
}
`;

const FIXED = `{
  "purchases": [
    { "id": "p-1", "timestamp": "2026-01-05T10:00:00Z", "price": 12.5 },
    { "id": "p-2", "timestamp": "2026-01-05T11:00:00Z", "first_name": "Ada" }
  ],
  "pageViews": [
    { "id": "v-1", "timestamp": "2026-01-05T10:01:00Z", "page": "/pricing" }
  ]
}
`;

const WITH_RESERVED = `{
  "purchases": [
    { "id": "p-3", "timestamp": "2026-01-06T10:00:00Z", "price": 3 },
    { "id": "p-4", "timestamp": "2026-01-06T10:05:00Z", "tp_source": "import" },
    { "id": "p-5", "timestamp": "2026-01-06T10:10:00Z", "price": 5 }
  ]
}
`;

/** Replaces the editor's text the way a user pastes a batch (typing would trigger auto-indent and auto-close). */
const MIXED = `{
  "purchases": [
    { "id": "p-1", "timestamp": "2026-01-05T10:00:00Z", "price": 12.5 },
    { "id": "p-6", "timestamp": "2026-01-07T09:00:00Z", "customer": { "id": "c-1001", "tier": "gold" }, "price": 39 },
    { "id": "p-7", "timestamp": "2026-01-07T10:05:00+01:00", "customer": { "id": "c-1002", "tier": "silver" }, "price": 4.95 },
    { "id": "p-8", "timestamp": "2026-01-07T09:10:00Z", "tp_source": "import", "price": 7 },
    { "id": "p-9", "timestamp": "2026-01-07T09:15:00Z", "customer": { "id": "c-1003", "tier": "gold" }, "price": 18 }
  ],
  "pageViews": [
    { "id": "v-1", "timestamp": "2026-01-05T10:01:00Z", "page": "/pricing" },
    { "id": "v-2", "timestamp": "2026-01-07T09:01:00Z", "page": "/checkout", "referrer": "/pricing" },
    { "id": "v-3", "timestamp": "2026-01-07T09:02:00Z", "page": "/thanks", "referrer": "/checkout" }
  ]
}
`;

const problems = (page: Page) => page.getByRole('list', { name: 'Problems' }).getByRole('listitem');
const grid = (page: Page) => page.getByRole('grid', { name: 'Results' });
const gridRows = (page: Page) => grid(page).locator('.grid-body [role="row"]');
const countOf = async (page: Page, outcome: string) =>
  Number(await page.locator(`.count-pill[data-outcome="${outcome}"] .count-value`).innerText());

test.describe('main flow in Chromium', () => {
  let app: AppSession;
  test.beforeAll(async () => {
    app = await openApp({ query: 'test-hooks' });
  });
  test.afterAll(async () => {
    await app?.close();
  });

  test('shows the sample batch with no problems and the sandbox running', async () => {
    const { page } = app;
    await expect.poll(() => page.locator('.sandbox-status').innerText()).toContain('running');
    await expect.poll(() => page.locator('.status-bar').innerText()).toContain('2 collections');
    expect(await problems(page).count()).toBe(0);
    await expect.poll(() => page.getByRole('combobox', { name: 'Target' }).inputValue()).not.toBe('');
    await page.screenshot({ path: join(shots, '01-start.png') });
  });

  test('lints while typing: markers and Problems at the right lines', async () => {
    const { page } = app;
    await setEditorText(page, BROKEN);
    await expect.poll(() => problems(page).count()).toBeGreaterThanOrEqual(2);
    const texts = await problems(page).allInnerTexts();
    expect(texts.find((t) => t.includes('timestamp-invalid'))).toMatch(/\b4:\d+/);
    expect(texts.find((t) => t.includes('property-name-dot'))).toMatch(/\b4:\d+/);
    await expect.poll(() => page.locator('.monaco-editor .squiggly-error').count()).toBeGreaterThanOrEqual(2);
    // Choosing a problem selects its range in the editor.
    await problems(page).filter({ hasText: 'property-name-dot' }).getByRole('button').click();
    expect(await page.evaluate(() => window.batchStudioTest?.selectedText())).toContain('first.name');
    await page.screenshot({ path: join(shots, '02-lint-errors.png') });
    // The severity filter hides errors and shows them again.
    const errorsChip = page.getByRole('group', { name: 'Show severities' }).getByRole('button', { name: /Errors/ });
    await errorsChip.click();
    expect(await errorsChip.getAttribute('aria-pressed')).toBe('false');
    await expect.poll(() => problems(page).count()).toBe(0);
    await errorsChip.click();
    await expect.poll(() => problems(page).count()).toBeGreaterThanOrEqual(2);
  });

  test('sends the fixed batch: accepted rows, then duplicates on a resend', async () => {
    const { page } = app;
    await setEditorText(page, FIXED);
    await expect.poll(() => problems(page).filter({ hasText: /error/ }).count()).toBe(0);
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await expect.poll(() => gridRows(page).count()).toBe(3);
    expect(await gridRows(page).allInnerTexts()).toEqual(expect.arrayContaining([expect.stringContaining('accepted')]));
    expect(await countOf(page, 'accepted')).toBe(3);
    await page.screenshot({ path: join(shots, '03-accepted.png') });

    await page.keyboard.press('ControlOrMeta+Enter');
    await expect.poll(() => countOf(page, 'duplicate')).toBe(3);
    const texts = await gridRows(page).allInnerTexts();
    expect(texts.every((t) => t.includes('duplicate'))).toBe(true);
    await page.screenshot({ path: join(shots, '04-duplicates.png') });
  });

  test('sends a tp_ property anyway: a rejected row with the server message and its own colour', async () => {
    const { page } = app;
    await setEditorText(page, WITH_RESERVED);
    await expect.poll(() => problems(page).filter({ hasText: 'reserved-prefix-tp' }).count()).toBe(1);
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain('1 error');
    await page.screenshot({ path: join(shots, '05-send-dialog.png') });
    await dialog.getByRole('button', { name: 'Send anyway' }).click();
    await expect.poll(() => countOf(page, 'rejected')).toBe(1);
    expect(await countOf(page, 'accepted')).toBe(2);
    const rejected = gridRows(page).filter({ hasText: 'rejected' });
    expect(await rejected.innerText()).toContain('Property names starting with tp_ are reserved and cannot be set.');
    const colour = (row: ReturnType<typeof gridRows>) =>
      row.locator('.outcome').evaluate((el) => getComputedStyle(el).color);
    const accepted = gridRows(page).filter({ hasText: 'accepted' }).first();
    expect(await colour(rejected)).not.toBe(await colour(accepted));
    // The rejected event carries the server's message as an editor marker.
    await expect.poll(() => page.locator('.monaco-editor .squiggly-error').count()).toBeGreaterThanOrEqual(1);
    await page.screenshot({ path: join(shots, '06-rejected.png') });
  });

  test('clicking the rejected row selects that event in the editor; Enter on a row does the same', async () => {
    const { page } = app;
    await gridRows(page).filter({ hasText: 'rejected' }).click();
    await expect
      .poll(() => page.evaluate(() => window.batchStudioTest?.selectedText()))
      .toMatch(/^\{ "id": "p-4".*"tp_source": "import" \}$/);
    await gridRows(page).filter({ hasText: 'p-5' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => window.batchStudioTest?.selectedText())).toContain('"p-5"');
  });

  test('filters, sorts and searches the grid', async () => {
    const { page } = app;
    await page.getByRole('group', { name: 'Filter by outcome' }).getByRole('button', { name: 'rejected' }).click();
    await expect.poll(() => gridRows(page).count()).toBe(1);
    await page.getByRole('group', { name: 'Filter by outcome' }).getByRole('button', { name: 'rejected' }).click();
    await page.getByRole('searchbox').fill('p-5');
    await expect.poll(() => gridRows(page).count()).toBe(1);
    await page.getByRole('searchbox').fill('');
    const idHeader = grid(page).getByRole('columnheader', { name: /Id/ });
    await idHeader.getByRole('button').click();
    await idHeader.getByRole('button').click();
    expect(await idHeader.getAttribute('aria-sort')).toBe('descending');
    await expect.poll(async () => (await gridRows(page).first().innerText()).includes('p-5')).toBe(true);
  });

  test('shows every outcome colour together after a mixed send (the README screenshot)', async () => {
    const { page } = app;
    // Back to batch order (the previous test sorted by id, descending).
    await grid(page).getByRole('columnheader', { name: /Id/ }).getByRole('button').click();
    expect(await grid(page).getByRole('columnheader', { name: /Id/ }).getAttribute('aria-sort')).toBe('none');
    await setEditorText(page, MIXED);
    await expect.poll(() => problems(page).filter({ hasText: 'timestamp-not-utc' }).count()).toBe(1);
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Send anyway' }).click();
    await expect.poll(() => countOf(page, 'duplicate')).toBe(2);
    expect(await countOf(page, 'accepted')).toBe(5);
    expect(await countOf(page, 'rejected')).toBe(1);
    await gridRows(page).filter({ hasText: 'rejected' }).click();
    await expect.poll(() => page.evaluate(() => window.batchStudioTest?.selectedText())).toContain('"p-8"');
    await page.screenshot({ path: join(shots, '09-mixed.png') });
    // The README's picture changes only on request, so a test run leaves the work tree clean.
    const readmeShot = join(projectRoot, 'docs', 'screenshots', 'main.png');
    if (process.env.BATCH_STUDIO_UPDATE_SCREENSHOTS === '1' || !existsSync(readmeShot)) {
      mkdirSync(dirname(readmeShot), { recursive: true });
      copyFileSync(join(shots, '09-mixed.png'), readmeShot);
    }
  });

  test('resets and restarts the embedded sandbox from the UI', async () => {
    const { page } = app;
    const status = page.getByRole('group', { name: 'Local sandbox' });
    await expect.poll(() => status.innerText()).not.toContain(' 0 events stored');
    await status.getByRole('button', { name: 'Reset' }).click();
    // It asks first, saying how many events it deletes.
    const confirm = page.getByRole('alertdialog', { name: 'Reset the local sandbox?' });
    await expect.poll(() => confirm.innerText()).toMatch(/This deletes the [\d,]+ events? the sandbox stored/);
    await confirm.getByRole('button', { name: /^Delete [\d,]+ events?$/ }).click();
    await expect.poll(() => status.innerText()).toContain(' 0 events stored');
    await status.getByRole('button', { name: 'Restart' }).click();
    await expect.poll(() => status.innerText()).toContain('running');
    await expect.poll(() => status.getByRole('button', { name: 'Restart' }).isEnabled()).toBe(true);
  });

  test('has no serious or critical accessibility violations on the main screen', async () => {
    const { page } = app;
    const result = await new AxeBuilder({ page }).analyze();
    const serious = result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
    expect(serious).toEqual([]);
  });

  test('had no CSP violation, console error, uncaught error or request to another origin', () => {
    expect(app.problems).toEqual({ cspViolations: [], consoleErrors: [], pageErrors: [], foreignRequests: [] });
  });
});

test.describe('cancelling a slow send', () => {
  let app: AppSession;
  test.beforeAll(async () => {
    app = await openApp({ env: { BATCH_STUDIO_SANDBOX_LATENCY_MS: '4000' } });
  });
  test.afterAll(async () => {
    await app?.close();
  });

  // Spec §9: the request was written before the cancel, so the server may have stored its events.
  test('stops the send and reports the events of the request in flight as unknown, never as not sent', async () => {
    const { page } = app;
    await setEditorText(page, FIXED);
    await expect.poll(() => problems(page).filter({ hasText: /error/ }).count()).toBe(0);
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await page.getByRole('progressbar').waitFor();
    await page.screenshot({ path: join(shots, '07-sending.png') });
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => countOf(page, 'unknown'), { timeout: 30_000 }).toBe(3);
    expect((await gridRows(page).allInnerTexts()).every((t) => t.includes('unknown'))).toBe(true);
    await page.screenshot({ path: join(shots, '08-cancelled.png') });
    expect(app.problems).toEqual({ cspViolations: [], consoleErrors: [], pageErrors: [], foreignRequests: [] });
  });
});
