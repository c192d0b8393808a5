// Nothing typed is lost: tabs come back after a reload with a notice; files open through the browser's
// picker and save as downloads; closing an unsaved tab asks first; each tab keeps its own results.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, onlyInBrowserHost, test } from './fixtures';
import { openApp, setEditorText, type AppSession } from './app-fixture';
import { keptTexts, tabNames } from './workspace-tabs';

test.describe.configure({ mode: 'serial' });
onlyInBrowserHost();

const POLL = { timeout: 30_000 };
const tabs = (page: Page) => page.getByRole('group', { name: 'Documents' });
const tab = (page: Page, name: string) => tabs(page).getByRole('button', { name, exact: true });
const editorText = (page: Page) => page.evaluate(() => window.batchStudioTest?.text() ?? '');

const seriousViolations = async (page: Page) =>
  (await new AxeBuilder({ page }).analyze()).violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);

test.describe('workspace in Chromium', () => {
  let app: AppSession;
  let dir: string;
  test.beforeAll(async () => {
    app = await openApp({ query: 'test-hooks' });
    dir = mkdtempSync(join(tmpdir(), 'batch-studio-files-'));
  });
  test.afterAll(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('opens a batch file through the picker into its own tab', async () => {
    const { page } = app;
    const path = join(dir, 'orders.json');
    writeFileSync(path, '\uFEFF{\n  "orders": [\n    { "id": "o-1", "timestamp": "2026-01-05T10:00:00Z" }\n  ]\n}\n');
    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      page.getByRole('button', { name: 'Open', exact: true }).click(),
    ]);
    await chooser.setFiles(path);
    await expect.poll(() => tabNames(page), POLL).toContain('orders.json');
    await expect.poll(() => editorText(page), POLL).toContain('"o-1"');
    expect((await editorText(page)).charCodeAt(0)).toBe('{'.charCodeAt(0));
  });

  test('refuses a file that is not UTF-8, saying which, and opens nothing', async () => {
    const { page } = app;
    const path = join(dir, 'latin1.json');
    writeFileSync(path, Buffer.from([0x7b, 0x22, 0xe9, 0x22, 0x3a, 0x5b, 0x5d, 0x7d]));
    const before = await tabNames(page);
    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      page.getByRole('button', { name: 'Open', exact: true }).click(),
    ]);
    await chooser.setFiles(path);
    await expect.poll(() => page.locator('.alert').innerText(), POLL).toContain('latin1.json is not UTF-8 text');
    expect(await tabNames(page)).toEqual(before);
  });

  test('saves the active tab as a download of its exact text and marks it saved', async () => {
    const { page } = app;
    await setEditorText(page, '{\n  "orders": [\n    { "id": "o-2", "timestamp": "2026-01-05T11:00:00Z" }\n  ]\n}\n');
    await expect.poll(() => tabs(page).getByLabel('unsaved changes').count(), POLL).toBeGreaterThan(0);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Save', exact: true }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('orders.json');
    expect(readFileSync(await download.path(), 'utf8')).toBe(await editorText(page));
    await expect.poll(() => tabs(page).locator('.doc-tab.active').getByLabel('unsaved changes').count(), POLL).toBe(0);
  });

  test('asks before closing a tab with unsaved changes; Cancel keeps it, Don’t save closes it', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'New document' }).click();
    await expect.poll(() => tabNames(page), POLL).toContain('Untitled 1');
    await setEditorText(page, '{\n  "drafts": []\n}\n');
    await tabs(page).getByRole('button', { name: 'Close Untitled 1' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Save changes to Untitled 1?' });
    await dialog.waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(await tabNames(page)).toContain('Untitled 1');
    await tabs(page).getByRole('button', { name: 'Close Untitled 1' }).click();
    await dialog.getByRole('button', { name: 'Don’t save' }).click();
    await expect.poll(() => tabNames(page), POLL).not.toContain('Untitled 1');
  });

  test('keeps each tab’s own results, labelled with when and where they went', async () => {
    const { page } = app;
    await tab(page, 'orders.json').click();
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await expect
      .poll(() => page.locator('.results-label').innerText(), POLL)
      .toMatch(/^Sent \d\d:\d\d:\d\d to Local sandbox \(http:\/\/127\.0\.0\.1:\d+/);
    await expect
      .poll(() => page.getByRole('grid', { name: 'Results' }).locator('.grid-body [role="row"]').count(), POLL)
      .toBe(1);
    await tab(page, 'Sample batch').click();
    await expect.poll(() => page.locator('.results-label').count(), POLL).toBe(0);
    await tab(page, 'orders.json').click();
    await expect.poll(() => page.locator('.results-label').count(), POLL).toBe(1);
  });

  test('keeps each tab’s selection when switching tabs (one model and view state per tab)', async () => {
    const { page } = app;
    await tab(page, 'orders.json').click();
    await page.getByRole('list', { name: 'Problems' }).waitFor();
    await page.locator('.monaco-editor .view-lines').first().click();
    await page.keyboard.press('ControlOrMeta+Home');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Shift+End');
    const selected = await page.evaluate(() => window.batchStudioTest?.selectedText() ?? '');
    expect(selected).toContain('"orders"');
    await tab(page, 'Sample batch').click();
    await expect.poll(() => page.evaluate(() => window.batchStudioTest?.selectedText() ?? ''), POLL).not.toBe(selected);
    await tab(page, 'orders.json').click();
    await expect.poll(() => page.evaluate(() => window.batchStudioTest?.selectedText() ?? ''), POLL).toBe(selected);
  });

  test('pastes megabytes in pieces: all of it lands, one undo takes it out, and big NDJSON is still offered', async () => {
    const { page } = app;
    /** Dispatches a paste where the focus is; true when something took it over (its default prevented). */
    const paste = (text: string) =>
      page.evaluate((pasted) => {
        const data = new DataTransfer();
        data.setData('text/plain', pasted);
        return !(document.activeElement ?? document.body).dispatchEvent(
          new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
        );
      }, text);
    await page.getByRole('button', { name: 'New document' }).click();
    await page.locator('.monaco-editor .view-lines').first().click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.press('Delete');
    await expect.poll(() => editorText(page), POLL).toBe('');
    const events = Array.from(
      { length: 20_000 },
      (_, i) => `    { "id": "big-${i}", "page": "/p/${i % 50}", "note": "é 😀 \\"q\\"" }`,
    );
    const batch = `{\r\n  "pageViews": [\n${events.join(',\n')}\n  ]\n}\n`;
    // Into the find widget it is the widget's paste, not the document's.
    await page.keyboard.press('ControlOrMeta+F');
    await expect(page.locator('.find-widget textarea, .find-widget input').first()).toBeFocused();
    expect(await paste(batch)).toBe(false);
    await page.keyboard.press('Escape');
    await page.locator('.monaco-editor .view-lines').first().click();
    // In the document it is taken (and goes in piece by piece).
    expect(await paste(batch)).toBe(true);
    // The model keeps one line ending: the pasted CRLF reads back as LF, as with any paste.
    await expect.poll(() => editorText(page), POLL).toBe(batch.replace('\r\n', '\n'));
    await expect(page.locator('.status-bar')).toContainText('20,000 events', POLL);
    // One undo takes the whole paste out, and the editor takes typing again.
    await page.keyboard.press('ControlOrMeta+Z');
    await expect.poll(() => editorText(page), POLL).toBe('');
    await page.keyboard.type('{}');
    await expect.poll(() => editorText(page), POLL).toBe('{}');

    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.press('Delete');
    await expect.poll(() => editorText(page), POLL).toBe('');
    await paste(Array.from({ length: 8_000 }, (_, i) => `{"id": "line-${i}", "page": "/long/path/${i}"}\n`).join(''));
    const dialog = page.getByRole('dialog', { name: 'Import' });
    await dialog.waitFor();
    await expect(dialog).toContainText('8,000');
    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
    // Closed again, so the reload test below counts the tabs it expects.
    const count = (await tabNames(page)).length;
    await tabs(page).locator('.doc-tab.active .doc-tab-close').click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Don’t save' }).click();
    await expect.poll(async () => (await tabNames(page)).length, POLL).toBe(count - 1);
  });

  test('offers to wrap NDJSON pasted into an empty tab into a collection', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'New document' }).click();
    await page.locator('.monaco-editor .view-lines').first().click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.press('Delete');
    await expect.poll(() => editorText(page), POLL).toBe('');
    await page.evaluate((pasted) => {
      const data = new DataTransfer();
      data.setData('text/plain', pasted);
      (document.activeElement ?? document.body).dispatchEvent(
        new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
      );
    }, '{"id": "n-1", "page": "/a"}\n{"id": "n-2", "page": "/b"}\n');
    const dialog = page.getByRole('dialog', { name: 'Import' });
    await dialog.waitFor();
    await dialog.getByRole('combobox', { name: 'Collection' }).fill('pageViews');
    await dialog.getByRole('radio', { name: /^into Untitled/ }).check();
    await dialog.getByRole('button', { name: 'Import 2 events' }).click();
    // Until the import lands the editor still holds the pasted NDJSON, which is no JSON document: keep polling.
    const editorDocument = async (): Promise<unknown> => {
      try {
        return JSON.parse((await editorText(page)) || '{}') as unknown;
      } catch {
        return undefined;
      }
    };
    await expect.poll(editorDocument, POLL).toEqual({
      pageViews: [
        { id: 'n-1', page: '/a' },
        { id: 'n-2', page: '/b' },
      ],
    });
  });

  test('opens a batch file dropped on the window', async () => {
    const { page } = app;
    await page.evaluate(() => {
      const data = new DataTransfer();
      data.items.add(
        new File(['{\n  "dropped": [\n    { "id": "d-1" }\n  ]\n}\n'], 'dropped.json', { type: 'application/json' }),
      );
      const target = document.querySelector('.editor-region') ?? document.body;
      target.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }));
      target.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    });
    await expect.poll(() => tabNames(page), POLL).toContain('dropped.json');
    await expect.poll(() => editorText(page), POLL).toContain('"d-1"');
    // Close it again (unchanged, so without a question): the reload test counts the tabs before.
    await tab(page, 'dropped.json').click();
    await tabs(page).getByRole('button', { name: 'Close dropped.json' }).click();
    await expect.poll(() => tabNames(page), POLL).not.toContain('dropped.json');
  });

  test('brings every tab back after a reload, unsaved text included, and says so', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'New document' }).click();
    const unsaved = '{\n  "notes": [\n    { "id": "kept-after-reload" }\n  ]\n}\n';
    await setEditorText(page, unsaved);
    const names = await tabNames(page);
    // Reload once the text is kept in the user-data folder (the promise: within 2 s of a change).
    await expect.poll(() => keptTexts(app.host.userDataDir), POLL).toContain('kept-after-reload');
    await page.reload();
    await page.locator('.monaco-editor .view-lines').first().waitFor();
    await expect
      .poll(() => page.getByRole('status', { name: 'Session' }).innerText(), POLL)
      .toMatch(/Restored 4 tabs from your last session, unsaved changes included/);
    expect(await tabNames(page)).toEqual(names);
    expect(await editorText(page)).toBe(unsaved);
    expect(await tabs(page).locator('.doc-tab.active').getByLabel('unsaved changes').count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
  });
});
