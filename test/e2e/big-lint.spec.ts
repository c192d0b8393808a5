// A big batch full of problems: the lint worker hands back its diagnostics in parts, and the editor
// shows all of them, counted, listed and marked, as if they had come in one piece.
import { openApp, setEditorText, type AppSession } from './app-fixture';
import { expect, skipWhereHostIsMissing, test } from './fixtures';

test.describe.configure({ mode: 'serial' });
skipWhereHostIsMissing();

/** `events` page views, each with a reserved `tp_` property: one error per event. */
const reservedBatch = (events: number): string => {
  const lines = Array.from(
    { length: events },
    (_, i) => `    { "id": "e-${i}", "timestamp": "2026-01-01T00:00:00.000Z", "tp_source": "x" }`,
  );
  return `{\n  "pageViews": [\n${lines.join(',\n')}\n  ]\n}\n`;
};

test.describe('a big batch full of problems in Chromium', () => {
  let app: AppSession;
  test.beforeAll(async () => {
    app = await openApp({ query: 'test-hooks' });
  });
  test.afterAll(async () => {
    await app?.close();
  });

  test('counts, lists and marks every one of 2,500 errors', async () => {
    const { page } = app;
    await setEditorText(page, reservedBatch(2_500));
    const status = page.getByRole('contentinfo', { name: 'Status' });
    await expect(status).toContainText('2,500 events', { timeout: 30_000 });
    await expect(status).toContainText('2,500 errors');
    // The Problems count is the number of diagnostics the editor received, across all the parts.
    await expect(page.getByRole('button', { name: /Errors 2500/ })).toBeVisible();
    await expect(page.getByText('Showing the first 500 of 2500.')).toBeVisible();
    // Every diagnostic is a marker too: from the end of the text, the previous problem is the last of all.
    await page.locator('.monaco-editor .view-lines').first().click();
    await page.keyboard.press('ControlOrMeta+End');
    await page.keyboard.press('Shift+F8');
    const widget = page.locator('.monaco-editor .zone-widget');
    await expect(widget).toContainText('2500 of 2500', { timeout: 10_000 });
    await expect(widget).toContainText('tp_');
  });
});
