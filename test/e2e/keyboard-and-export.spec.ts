// Keyboard-only use of the main flow, copying results as TSV and exporting them as CSV and JSON.
import { expect, skipWhereHostIsMissing, test } from './fixtures';
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { openApp, type AppSession } from './app-fixture';

test.describe.configure({ mode: 'serial' });
skipWhereHostIsMissing();

const gridRows = (page: Page) => page.getByRole('grid', { name: 'Results' }).locator('.grid-body [role="row"]');
const focusedName = (page: Page) => page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');

test.describe('keyboard, copy and export', () => {
  let app: AppSession;
  test.beforeAll(async () => {
    app = await openApp({ query: 'test-hooks' });
    await app.context.grantPermissions(['clipboard-read', 'clipboard-write']);
  });
  test.afterAll(async () => {
    await app?.close();
  });

  test('sends the sample batch and opens a result with the keyboard only', async () => {
    const { page } = app;
    await expect.poll(() => page.locator('.sandbox-status').innerText()).toContain('running');
    await expect.poll(() => page.getByRole('combobox', { name: 'Target' }).inputValue()).not.toBe('');
    // Tab from the top of the page to the Send button.
    let steps = 0;
    while ((await focusedName(page)) !== 'Send' && steps++ < 15) await page.keyboard.press('Tab');
    expect(await focusedName(page)).toBe('Send');
    expect(await page.evaluate(() => getComputedStyle(document.activeElement as Element).outlineStyle)).not.toBe(
      'none',
    );
    await page.keyboard.press('Enter');
    await expect.poll(() => gridRows(page).count()).toBe(5);
    // Into the grid: its active row takes focus, arrows move, Enter selects the event in the editor.
    await gridRows(page).first().focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    const second = await gridRows(page).nth(1).locator('.cell-id').innerText();
    await expect
      .poll(() => page.evaluate(() => window.batchStudioTest?.selectedText() ?? ''))
      .toContain(`"id": "${second}"`);
    const selected = await page.evaluate(() => window.batchStudioTest?.selectedText() ?? '');
    expect(JSON.parse(selected)).toMatchObject({ id: second });
  });

  test('copies the selected rows as TSV with Ctrl+C', async () => {
    const { page } = app;
    await gridRows(page).first().click();
    await gridRows(page)
      .nth(2)
      .click({ modifiers: ['Shift'] });
    await gridRows(page).nth(2).focus();
    await page.keyboard.press('ControlOrMeta+C');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    const lines = copied.trim().split('\n');
    expect(lines[0]).toBe('collection\tindex\tid\toutcome\tmessage\trequest');
    expect(lines).toHaveLength(4);
    expect(lines.slice(1).every((l) => l.split('\t')[3] === 'accepted')).toBe(true);
  });

  test('exports all results as CSV and JSON downloads', async () => {
    const { page } = app;
    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'CSV', exact: true }).click(),
    ]);
    const csvText = readFileSync(await csv.path(), 'utf8');
    expect(csvText.split(/\r?\n/)[0]).toBe('collection,index,id,outcome,message,request');
    expect(csvText.trim().split(/\r?\n/)).toHaveLength(6);
    const [json] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'JSON', exact: true }).click(),
    ]);
    expect(json.suggestedFilename()).toMatch(/\.json$/);
    const parsed: unknown = JSON.parse(readFileSync(await json.path(), 'utf8'));
    expect(JSON.stringify(parsed)).toContain('"accepted"');
  });

  test('inserts a new event with a fresh id and a UTC timestamp, and opens a new tab', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Insert event' }).click();
    const inserted = JSON.parse((await page.evaluate(() => window.batchStudioTest?.selectedText())) ?? '') as {
      id: string;
      timestamp: string;
    };
    expect(inserted.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(inserted.timestamp).toMatch(/Z$/);
    expect(await page.getByRole('group', { name: 'Documents' }).innerText()).toContain('•');
    await page.getByRole('button', { name: 'New document' }).click();
    await expect
      .poll(() =>
        page
          .getByRole('group', { name: 'Documents' })
          .getByRole('button', { name: /^Close/ })
          .count(),
      )
      .toBe(2);
  });

  test('offers the quick fixes as code actions (Ctrl+.) and applies them', async () => {
    const { page } = app;
    await page.evaluate(
      (text) => window.batchStudioTest?.setText(text),
      '{\n  "orders": [\n    { "id": "o-1", "timestamp": "2026-01-07T10:05:00+01:00", "first.name": "Ada" },\n    {}\n  ]\n}\n',
    );
    const problems = page.getByRole('list', { name: 'Problems' }).getByRole('listitem');
    for (const [code, expected] of [
      ['timestamp-not-utc', '"timestamp": "2026-01-07T09:05:00.000Z"'],
      ['property-name-dot', '"first_name": "Ada"'],
    ] as const) {
      await problems.filter({ hasText: code }).getByRole('button').click();
      await page.keyboard.press('ControlOrMeta+.');
      await page.locator('.action-widget').first().waitFor();
      await page.keyboard.press('Enter');
      await expect.poll(() => page.evaluate(() => window.batchStudioTest?.text() ?? '')).toContain(expected);
      await expect.poll(() => problems.filter({ hasText: code }).count()).toBe(0);
    }
    // The empty event gets an id and stays valid JSON.
    await problems.filter({ hasText: 'id-missing' }).getByRole('button').click();
    await page.keyboard.press('ControlOrMeta+.');
    await page.locator('.action-widget').first().waitFor();
    await page.locator('.action-widget').first().getByText('Add an id').click();
    await expect.poll(() => problems.filter({ hasText: 'id-missing' }).count()).toBe(0);
    const fixed = JSON.parse(await page.evaluate(() => window.batchStudioTest?.text() ?? '')) as {
      orders: { id?: string }[];
    };
    expect(fixed.orders[1]?.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  test("turns the editor's own JSON validation off for a large document and says so", async () => {
    const { page } = app;
    const events = Array.from(
      { length: 9000 },
      (_, i) => `    { "id": "big-${i}", "timestamp": "2026-02-01T00:00:00Z", "note": "${'x'.repeat(80)}" }`,
    );
    await page.evaluate(
      (text) => window.batchStudioTest?.setText(text),
      `{\n  "big": [\n${events.join(',\n')}\n  ]\n}\n`,
    );
    await expect.poll(() => page.locator('.status-bar').innerText()).toContain('Large document');
    expect(await page.locator('.status-bar').innerText()).toContain('9,000 events');
    expect(await page.locator('.status-bar').innerText()).toContain('2 requests');
  });

  test('keeps a constant number of DOM rows with 100,000 results, wherever it scrolls', async () => {
    const { page } = app;
    await page.evaluate(() => window.batchStudioTest?.loadResults(100_000));
    await expect.poll(() => page.getByRole('grid', { name: 'Results' }).getAttribute('aria-rowcount')).toBe('100001');
    const atTop = await gridRows(page).count();
    expect(atTop).toBeGreaterThan(0);
    expect(atTop).toBeLessThan(60);
    await page.locator('.grid-body').evaluate((el) => (el.scrollTop = el.scrollHeight));
    await expect.poll(() => gridRows(page).last().getAttribute('aria-rowindex')).toBe('100001');
    expect(await gridRows(page).count()).toBeLessThan(60);
  });

  test('had no CSP violation, console error, uncaught error or request to another origin', () => {
    expect(app.problems).toEqual({ cspViolations: [], consoleErrors: [], pageErrors: [], foreignRequests: [] });
  });
});
