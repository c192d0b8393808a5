// Editor help that never leaves broken JSON: the new-event completion after `[`, property completion
// from sibling events, "now" for a timestamp, the new quick fixes, and a send that keeps a tab unsaved.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { projectRoot } from '../harness/chromium';
import { openApp, setEditorText, type AppSession } from './app-fixture';

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
      { timeout: 20_000, interval: 1_000 },
    )
    .toEqual(expect.arrayContaining([expect.stringMatching(entry)]));
}

describe('editor help in Chromium', () => {
  let app: AppSession;
  beforeAll(async () => {
    app = await openApp({ query: 'test-hooks' });
    await app.page.setViewportSize({ width: 1024, height: 700 });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('after "purchases": [ the completion and Enter leave valid JSON with a complete event', async () => {
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

  it('a second new event after the first gets its comma', async () => {
    const { page } = app;
    await setEditorText(page, '{\n  "purchases": [\n    { "id": "a-1" }\n  ]\n}\n');
    await cursorAtEndOf(page, 3);
    await openSuggestions(page, /New event/);
    await page.keyboard.press('Enter');
    await expect.poll(async () => ((await parsed(page).catch(() => ({}))) as { purchases?: unknown[] }).purchases?.length, { timeout: 10_000 }).toBe(2);
  });

  it('a property completion from the sibling events inserts name, colon and value: valid JSON', async () => {
    const { page } = app;
    await setEditorText(page, '{\n  "purchases": [\n    { "id": "a-1", "product": "Lamp", "price": 39 },\n    { "id": "a-2",  }\n  ]\n}\n');
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

  it('offers "now" after "timestamp": ', async () => {
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

  it('quick fixes: date-only timestamp to midnight UTC, a repeated id renewed, a $ collection renamed', async () => {
    const { page } = app;
    await setEditorText(page, '{\n  "$orders": [\n    { "id": "o-1", "timestamp": "2026-01-05" },\n    { "id": "o-1", "timestamp": "2026-01-05T10:00:00.000Z" }\n  ]\n}\n');
    const fixAt = async (needle: string, title: RegExp) => {
      await expect.poll(() => page.locator('.monaco-editor .squiggly-error, .monaco-editor .squiggly-warning').count(), { timeout: 20_000 }).toBeGreaterThan(0);
      const source = await text(page);
      const lines = source.split('\n');
      const line = lines.findIndex((l) => l.includes(needle)) + 1;
      const column = (lines[line - 1] ?? '').indexOf(needle) + 2;
      await page.evaluate(([l, c]) => window.batchStudioTest?.setCursor?.(l ?? 1, c ?? 1), [line, column]);
      const menu = page.locator('.action-widget').filter({ visible: true });
      await expect
        .poll(
          async () => {
            if (!(await menu.isVisible())) await page.keyboard.press('ControlOrMeta+.');
            return menu.innerText();
          },
          { timeout: 20_000, interval: 1_000 },
        )
        .toMatch(title);
      const item = menu.locator('.monaco-list-row.action', { hasText: title }).first();
      await page.screenshot({ path: join(shots, 'editor-quick-fix.png') });
      // The whole title shows: nothing is cut off with an ellipsis.
      expect(await item.locator('.title').evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
      return item;
    };
    const timestampFix = await fixAt('"2026-01-05"', /2026-01-05T00:00:00\.000Z/);
    await timestampFix.click();
    await expect.poll(() => text(page)).toContain('"timestamp": "2026-01-05T00:00:00.000Z"');

    const idFix = await fixAt('"o-1", "timestamp": "2026-01-05T10', /Give this event a new id/);
    await idFix.click();
    await expect.poll(async () => ((await parsed(page)) as Record<string, { id: string }[]>)['$orders']?.[1]?.id).toMatch(UUID);

    const renameFix = await fixAt('"$orders"', /Rename collection to "orders"/);
    await renameFix.click();
    await expect.poll(async () => Object.keys((await parsed(page)) as object)).toEqual(['orders']);
  });

  it('sending keeps the tab marked as changed (sending is not saving)', async () => {
    const { page } = app;
    await expect.poll(() => page.locator('.sandbox-status').innerText(), { timeout: 30_000 }).toContain('running');
    await expect.poll(() => page.locator('.doc-tab.active .dirty-marker').count()).toBe(1);
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await expect.poll(() => page.locator('.count-pill[data-outcome="accepted"] .count-value').innerText(), { timeout: 30_000 }).toBe('2');
    expect(await page.locator('.doc-tab.active .dirty-marker').count()).toBe(1);
  });

  it('has no serious or critical accessibility violations with the completion list open', async () => {
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

  it('had no CSP violation, console error or uncaught error', () => {
    expect(app.problems).toEqual({ cspViolations: [], consoleErrors: [], pageErrors: [], foreignRequests: [] });
  });
});
