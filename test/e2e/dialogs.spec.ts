// The one dialog shell, in Chromium against the production bundle and the real browser host: every dialog is
// modal and named, takes focus, keeps Tab and Shift+Tab inside, closes on Escape and gives focus back to the
// control that opened it, unless its answer moved focus on purpose (Fix first selects the error).
import type { Locator, Page } from '@playwright/test';
import { expect, skipWhereHostIsMissing, test } from './fixtures';
import { openApp, setEditorText, type AppSession } from './app-fixture';

test.describe.configure({ mode: 'serial' });
skipWhereHostIsMissing();

const POLL = { timeout: 30_000 };
const status = (page: Page) => page.getByRole('group', { name: 'Local sandbox' });

/** Whether the focused element is inside the open modal dialog. */
const focusInModal = (page: Page) =>
  page.evaluate(() => document.activeElement?.closest('[aria-modal="true"]') !== null);

const editorFocused = (page: Page) => page.evaluate(() => document.activeElement?.closest('.monaco-editor') !== null);

/** Opens a dialog from `opener`, walks Tab both ways inside it, closes it with Escape; focus goes back to `opener`. */
async function checkShell(page: Page, opener: Locator, dialog: Locator, focusReturns = true): Promise<void> {
  await opener.click();
  await dialog.waitFor();
  expect(await dialog.getAttribute('aria-modal')).toBe('true');
  await expect.poll(() => focusInModal(page), POLL).toBe(true);
  for (let i = 0; i < 24; i++) {
    await page.keyboard.press(i < 12 ? 'Tab' : 'Shift+Tab');
    expect(await focusInModal(page)).toBe(true);
  }
  await page.keyboard.press('Escape');
  await expect.poll(() => dialog.count(), POLL).toBe(0);
  if (focusReturns) await expect(opener).toBeFocused(POLL);
}

test.describe('the dialog shell', () => {
  let app: AppSession;
  test.beforeAll(async () => {
    app = await openApp();
    await expect.poll(() => status(app.page).innerText(), POLL).toContain('running');
  });
  test.afterAll(async () => {
    await app?.close();
  });

  test('Profiles, History, Schemas, Stored events and Preferences: focus kept inside, Escape closes, focus returns', async () => {
    const { page } = app;
    const checks: [Locator, Locator][] = [
      [page.getByRole('button', { name: 'Profiles', exact: true }), page.getByRole('dialog', { name: 'Profiles' })],
      [page.getByRole('button', { name: 'History', exact: true }), page.getByRole('dialog', { name: 'History' })],
      [
        page.getByRole('button', { name: 'Schemas', exact: true }),
        page.getByRole('dialog', { name: 'Collection schemas' }),
      ],
      [
        status(page).getByRole('button', { name: 'Stored events' }),
        page.getByRole('dialog', { name: 'Stored events' }),
      ],
      [page.getByRole('button', { name: 'Preferences' }), page.getByRole('dialog', { name: 'Preferences' })],
    ];
    for (const [opener, dialog] of checks) await checkShell(page, opener, dialog);
  });

  test('the questions are alert dialogs described by their message', async () => {
    const { page } = app;
    const reset = page.getByRole('alertdialog', { name: 'Reset the local sandbox?' });
    await checkShell(page, status(page).getByRole('button', { name: 'Reset' }), reset);

    await page.getByRole('button', { name: 'New document' }).click();
    await setEditorText(page, '{\n  "drafts": []\n}\n');
    const close = page.getByRole('button', { name: /^Close Untitled/ });
    const question = page.getByRole('alertdialog', { name: /^Save changes to Untitled/ });
    await checkShell(page, close, question);
    await close.click();
    await expect(question).toHaveAccessibleDescription(/changes that are not saved to a file/, POLL);
    await question.getByRole('button', { name: 'Don’t save' }).click();
    await expect.poll(() => close.count(), POLL).toBe(0);
  });

  test('Fix first leaves the cursor on the error in the editor, not on Send', async () => {
    const { page } = app;
    await setEditorText(page, '{\n  "views": [\n    { "id": "v1", "tp_source": "x" }\n  ]\n}\n');
    await expect.poll(() => page.locator('.status-bar').innerText(), POLL).toMatch(/[1-9]\d* errors?/);
    const send = page.getByRole('button', { name: 'Send', exact: true });
    const question = page.getByRole('dialog', { name: /^The batch has/ });
    // Escape is Fix first.
    await checkShell(page, send, question, false);
    await expect.poll(() => editorFocused(page), POLL).toBe(true);

    await send.click();
    await expect.poll(() => focusInModal(page), POLL).toBe(true);
    await question.getByRole('button', { name: 'Fix first' }).click();
    await expect.poll(() => question.count(), POLL).toBe(0);
    await expect.poll(() => editorFocused(page), POLL).toBe(true);
  });
});
