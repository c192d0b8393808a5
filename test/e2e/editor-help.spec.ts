// Editor help that never leaves broken JSON: the new-event completion after `[`, property completion
// from sibling events, "now" for a timestamp, the new quick fixes, and a send that keeps a tab unsaved.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { projectRoot } from '../harness/project-root';
import { openApp, setEditorText, type AppSession } from './app-fixture';
import { expect, skipWhereHostIsMissing, test } from './fixtures';

const shots = join(projectRoot, 'test-results', 'screenshots');
mkdirSync(shots, { recursive: true });

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const MS_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

const text = (page: Page) => page.evaluate(() => window.batchStudioTest?.text() ?? '');
const parsed = async (page: Page): Promise<unknown> => JSON.parse(await text(page));
const suggest = (page: Page) => page.locator('.monaco-editor .suggest-widget.visible');

/** Puts the cursor at the end of a 1-based line. */
async function cursorAtEndOf(page: Page, line: number) {
  await page.keyboard.press('ControlOrMeta+Home');
  for (let i = 1; i < line; i += 1) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('End');
}

/** Opens the completion list (as typing would) and waits for an entry. */
async function openSuggestions(page: Page, entry: RegExp) {
  await expect
    .poll(
      async () => {
        if (!(await suggest(page).isVisible())) await page.keyboard.press('Control+Space');
        return suggest(page).locator('.monaco-list-row').allInnerTexts();
      },
      { timeout: 20_000, intervals: [1_000] },
    )
    .toEqual(expect.arrayContaining([expect.stringMatching(entry)]));
}

test.describe.configure({ mode: 'serial' });
skipWhereHostIsMissing();

test.describe('editor help in Chromium', () => {
  let app: AppSession;
  test.beforeAll(async () => {
    app = await openApp({ query: 'test-hooks' });
    await app.page.setViewportSize({ width: 1024, height: 700 });
  });
  test.afterAll(async () => {
    await app?.close();
  });

  test('after "purchases": [ the completion and Enter leave valid JSON with a complete event', async () => {
    const { page } = app;
    await setEditorText(page, '{\n\n}\n');
    await cursorAtEndOf(page, 2);
    await page.keyboard.type('"purchases": [');
    await openSuggestions(page, /New event/);
    expect(await suggest(page).locator('.monaco-list-row.focused').innerText()).toMatch(/New event/);
    await page.screenshot({ path: join(shots, 'editor-new-event-completion.png') });
    await page.keyboard.press('Enter');
    await expect.poll(() => parsed(page).catch(() => undefined), { timeout: 10_000 }).toBeDefined();
    const batch = (await parsed(page)) as { purchases: { id: string; timestamp: string }[] };
    expect(batch.purchases).toHaveLength(1);
    expect(batch.purchases[0]?.id).toMatch(UUID);
    expect(batch.purchases[0]?.timestamp).toMatch(MS_UTC);
  });

  test('a second new event after the first gets its comma', async () => {
    const { page } = app;
    await setEditorText(page, '{\n  "purchases": [\n    { "id": "a-1" }\n  ]\n}\n');
    await cursorAtEndOf(page, 3);
    await openSuggestions(page, /New event/);
    await page.keyboard.press('Enter');
    await expect
      .poll(async () => ((await parsed(page).catch(() => ({}))) as { purchases?: unknown[] }).purchases?.length, {
        timeout: 10_000,
      })
      .toBe(2);
  });

  test('a property completion from the sibling events inserts name, colon and value: valid JSON', async () => {
    const { page } = app;
    await setEditorText(
      page,
      '{\n  "purchases": [\n    { "id": "a-1", "product": "Lamp", "price": 39 },\n    { "id": "a-2",  }\n  ]\n}\n',
    );
    await cursorAtEndOf(page, 4);
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.type('"pro');
    await openSuggestions(page, /product/);
    const rows = await suggest(page).locator('.monaco-list-row').allInnerTexts();
    // Only names the batch uses: no word fragments from the text.
    expect(rows.some((r) => r.includes('Lamp'))).toBe(false);
    await page.screenshot({ path: join(shots, 'editor-property-completion.png') });
    await page.keyboard.press('Enter');
    await page.keyboard.type('Desk');
    const batch = (await parsed(page)) as { purchases: Record<string, unknown>[] };
    expect(batch.purchases[1]).toEqual({ id: 'a-2', product: 'Desk' });
  });

  test('offers "now" after "timestamp": ', async () => {
    const { page } = app;
    await setEditorText(page, '{\n  "purchases": [\n    { "id": "a-1" }\n  ]\n}\n');
    await cursorAtEndOf(page, 3);
    for (let i = 0; i < 2; i += 1) await page.keyboard.press('ArrowLeft');
    await page.keyboard.type(', "timestamp": ');
    await openSuggestions(page, /now/);
    await page.keyboard.press('Enter');
    const batch = (await parsed(page)) as { purchases: { timestamp: string }[] };
    expect(batch.purchases[0]?.timestamp).toMatch(MS_UTC);
  });

  test('quick fixes: date-only timestamp to midnight UTC, a repeated id renewed, a $ collection renamed', async () => {
    const { page } = app;
    await setEditorText(
      page,
      '{\n  "$orders": [\n    { "id": "o-1", "timestamp": "2026-01-05" },\n    { "id": "o-1", "timestamp": "2026-01-05T10:00:00.000Z" }\n  ]\n}\n',
    );
    const fixAt = async (needle: string, title: RegExp, code: string) => {
      // The marker must be there first: a fix can make a new one appear (a repeated id counts once the first copy is valid).
      await expect
        .poll(() => page.getByRole('list', { name: 'Problems' }).innerText(), { timeout: 20_000 })
        .toContain(code);
      const source = await text(page);
      const lines = source.split('\n');
      const line = lines.findIndex((l) => l.includes(needle)) + 1;
      const column = (lines[line - 1] ?? '').indexOf(needle) + 2;
      await page.evaluate(([l, c]) => window.batchStudioTest?.setCursor?.(l ?? 1, c ?? 1), [line, column]);
      const menu = page.locator('.action-widget').filter({ visible: true });
      await expect
        .poll(
          async () => {
            if (!(await menu.isVisible())) {
              await page.keyboard.press('Escape');
              await page.keyboard.press('ControlOrMeta+.');
            }
            return menu.innerText();
          },
          { timeout: 20_000, intervals: [1_000] },
        )
        .toMatch(title);
      const item = menu.locator('.monaco-list-row.action', { hasText: title }).first();
      await page.screenshot({ path: join(shots, 'editor-quick-fix.png') });
      // The whole title shows: nothing is cut off with an ellipsis.
      expect(await item.locator('.title').evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
      return item;
    };
    const timestampFix = await fixAt('"2026-01-05"', /2026-01-05T00:00:00\.000Z/, 'timestamp-invalid');
    await timestampFix.click();
    await expect.poll(() => text(page)).toContain('"timestamp": "2026-01-05T00:00:00.000Z"');

    const idFix = await fixAt(
      '"o-1", "timestamp": "2026-01-05T10',
      /Give this event a new id/,
      'id-duplicate-in-batch',
    );
    await idFix.click();
    await expect
      .poll(async () => ((await parsed(page)) as Record<string, { id: string }[]>)['$orders']?.[1]?.id)
      .toMatch(UUID);

    const renameFix = await fixAt('"$orders"', /Rename collection to "orders"/, 'collection-name-invalid');
    await renameFix.click();
    await expect.poll(async () => Object.keys((await parsed(page)) as object)).toEqual(['orders']);
  });

  test('sending keeps the tab marked as changed (sending is not saving)', async () => {
    const { page } = app;
    await expect.poll(() => page.locator('.sandbox-status').innerText(), { timeout: 30_000 }).toContain('running');
    await expect.poll(() => page.locator('.doc-tab.active .dirty-marker').count()).toBe(1);
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await expect
      .poll(() => page.locator('.count-pill[data-outcome="accepted"] .count-value').innerText(), { timeout: 30_000 })
      .toBe('2');
    expect(await page.locator('.doc-tab.active .dirty-marker').count()).toBe(1);
  });

  test('has no serious or critical accessibility violations with the completion list open', async () => {
    const { page } = app;
    await page.locator('.monaco-editor .view-lines').first().click();
    await cursorAtEndOf(page, 3);
    await openSuggestions(page, /New event/);
    const result = await new AxeBuilder({ page }).analyze();
    const serious = result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
    expect(serious).toEqual([]);
    await page.keyboard.press('Escape');
  });

  test('had no CSP violation, console error or uncaught error', () => {
    expect(app.problems).toEqual({ cspViolations: [], consoleErrors: [], pageErrors: [], foreignRequests: [] });
  });
});
