// Profiles in Chromium against the browser host: create a profile for a second sandbox with its own keys,
// test the connection (ok, then a wrong key → a clear 401), send there, confirm a production send, and
// switch back to the Local sandbox. The key field is write-only: never pre-filled, emptied once saved.
import { expect, skipWhereHostIsMissing, test } from './fixtures';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { projectRoot } from '../harness/project-root';
import { callSandbox, startSandboxProcess, type SandboxProcess } from '../harness/sandbox-process';
import { openApp, setEditorText, type AppSession } from './app-fixture';

test.describe.configure({ mode: 'serial' });
skipWhereHostIsMissing();

/** Waits for the UI and the servers behind it; a loaded machine may take a while. */
const POLL = { timeout: 30_000 };
const KEY = 'sk-e2e-STAGING-push-key-61c2';
const WRONG = 'sk-e2e-WRONG-push-key-0b0b';
const shots = join(projectRoot, 'test-results', 'screenshots');
mkdirSync(shots, { recursive: true });

const batch = (prefix: string) =>
  JSON.stringify(
    {
      purchases: [
        { id: `${prefix}-1`, price: 1 },
        { id: `${prefix}-2`, price: 2 },
      ],
      views: [{ id: `${prefix}-3`, page: '/' }],
    },
    null,
    2,
  );

const dialog = (page: Page) => page.getByRole('dialog', { name: 'Profiles' });
const keyField = (page: Page) => dialog(page).getByRole('group', { name: 'API key' }).locator('input[type="password"]');
const testResult = (page: Page) => dialog(page).getByRole('status', { name: 'Connection test' });
const countOf = async (page: Page, outcome: string) =>
  Number(await page.locator(`.count-pill[data-outcome="${outcome}"] .count-value`).innerText());

async function exported(sandbox: SandboxProcess, collection: string): Promise<unknown[]> {
  const answer = await callSandbox(sandbox, 'GET', `/events/${collection}/export`, { key: 'query' });
  return answer.json<{ results: unknown[] }>().results;
}

async function sendAndWait(page: Page): Promise<void> {
  const before = await page.locator('.requests-panel').innerText();
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect.poll(() => page.locator('.requests-panel').innerText(), POLL).not.toBe(before);
}

test.describe('profiles in Chromium', () => {
  let app: AppSession;
  let staging: SandboxProcess;
  test.beforeAll(async () => {
    staging = await startSandboxProcess(['--project-id', 'e2e-staging', '--push-key', KEY]);
    app = await openApp();
  });
  test.afterAll(async () => {
    await app?.close();
    await staging?.stop();
  });

  test('creates a profile for a second sandbox, with a write-only key', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Profiles', exact: true }).click();
    await expect.poll(() => dialog(page).isVisible(), POLL).toBe(true);
    // The browser host has no keychain: the dialog says so, and keys wait for the user's consent.
    await expect
      .poll(() => dialog(page).getByRole('note', { name: 'Key storage' }).innerText(), POLL)
      .toMatch(/mode 0600/);
    await dialog(page).getByRole('button', { name: 'New profile' }).click();
    expect(await keyField(page).isDisabled()).toBe(true);
    await dialog(page).getByRole('button', { name: 'Accept file storage for API keys' }).click();
    await expect.poll(() => keyField(page).isDisabled(), POLL).toBe(false);

    await dialog(page).getByLabel('Name').fill('Staging');
    await dialog(page).getByLabel('Base URL').fill(staging.url);
    await dialog(page).getByLabel('Project id').fill('e2e-staging');
    await keyField(page).fill(KEY);
    await dialog(page).getByRole('button', { name: 'Save', exact: true }).click();
    await expect
      .poll(() => dialog(page).locator('.key-status').innerText(), POLL)
      .toMatch(new RegExp(`^set ••••${KEY.slice(-4)} · changed \\d`));
    expect(await keyField(page).inputValue()).toBe('');
    await expect
      .poll(() => dialog(page).getByRole('navigation', { name: 'Profile list' }).innerText(), POLL)
      .toContain('Staging');
    expect(await dialog(page).locator('.key-warning').innerText()).toMatch(/without a keychain/);
    await page.screenshot({ path: join(shots, 'profiles-dialog.png') });

    const result = await new AxeBuilder({ page }).include('[role="dialog"]').analyze();
    const serious = result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
    expect(serious).toEqual([]);

    // Keyboard users stay inside the modal dialog, forwards and backwards.
    for (let i = 0; i < 30; i++) await page.keyboard.press(i < 15 ? 'Tab' : 'Shift+Tab');
    expect(
      await page.evaluate(() => document.activeElement?.closest('[role="dialog"]')?.getAttribute('aria-label')),
    ).toBe('Profiles');
  });

  test('tests the connection: ok, then a wrong key gives a clear 401 message', async () => {
    const { page } = app;
    await dialog(page).getByRole('button', { name: 'Test connection' }).click();
    await expect
      .poll(() => testResult(page).innerText(), POLL)
      .toMatch(/^Connected: .*accepted the project id and key/);

    await keyField(page).fill(WRONG);
    await dialog(page).getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => dialog(page).locator('.key-status').innerText(), POLL).toContain(`••••${WRONG.slice(-4)}`);
    await dialog(page).getByRole('button', { name: 'Test connection' }).click();
    await expect.poll(() => testResult(page).innerText(), POLL).toMatch(/^Key or project refused: .*\(401\)/);
    await page.screenshot({ path: join(shots, 'profiles-401.png') });

    await keyField(page).fill(KEY);
    await dialog(page).getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => dialog(page).locator('.key-status').innerText(), POLL).toContain(`••••${KEY.slice(-4)}`);
    await dialog(page).getByRole('button', { name: 'Test connection' }).click();
    await expect.poll(() => testResult(page).innerText(), POLL).toMatch(/^Connected/);
    await dialog(page).getByRole('button', { name: 'Close' }).click();
    await expect.poll(() => dialog(page).count(), POLL).toBe(0);
  });

  test('sends to the second sandbox, showing its name and colour next to Send', async () => {
    const { page } = app;
    await page.getByRole('combobox', { name: 'Target' }).selectOption({ label: 'Staging' });
    await expect.poll(() => page.locator('.target-badge').innerText(), POLL).toContain('Staging');
    await setEditorText(page, batch('stg'));
    await sendAndWait(page);
    await expect.poll(() => countOf(page, 'accepted'), POLL).toBe(3);
    const summary = await page.locator('.request-summary').first().innerText();
    expect(summary).toContain('Staging');
    // The request's headers show the key as its hint only.
    await page.locator('.requests-panel details', { hasText: 'Headers' }).locator('summary').click();
    expect(await page.locator('.request-facts.headers').innerText()).toContain(`••••${KEY.slice(-4)}`);
    expect(await exported(staging, 'purchases')).toHaveLength(2);
  });

  test('asks before sending to a production profile, and sends only once confirmed', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Profiles', exact: true }).click();
    await dialog(page)
      .getByRole('navigation', { name: 'Profile list' })
      .getByRole('button', { name: /Staging/ })
      .click();
    await dialog(page).getByLabel('Production target').check();
    expect(await dialog(page).getByLabel('Ask for confirmation before sending here').isChecked()).toBe(true);
    await dialog(page).getByRole('button', { name: 'Save', exact: true }).click();
    await expect
      .poll(() => dialog(page).getByRole('navigation', { name: 'Profile list' }).innerText(), POLL)
      .toContain('production');
    await dialog(page).getByRole('button', { name: 'Close' }).click();

    await setEditorText(page, batch('prod'));
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    const question = page.getByRole('alertdialog');
    await expect.poll(() => question.innerText(), POLL).toMatch(/Send to production target “Staging”\?/);
    const text = await question.innerText();
    expect(text).toMatch(/3 events will be sent to/);
    expect(text).toMatch(/purchases: 2 events/);
    expect(text).toMatch(/views: 1 event/);
    await page.screenshot({ path: join(shots, 'profiles-production.png') });
    await question.getByRole('button', { name: 'Cancel' }).click();
    expect(await exported(staging, 'views')).toHaveLength(1);

    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await question.getByRole('button', { name: 'Send to Staging' }).click();
    await expect.poll(async () => (await exported(staging, 'views')).length, POLL).toBe(2);
  });

  test('keeps a bulk import section with a write-only S3 secret (only its last 4 ever shown)', async () => {
    const { page } = app;
    const secret = 'e2e-S3-secret-access-key-9d3f';
    await page.getByRole('button', { name: 'Profiles', exact: true }).click();
    await dialog(page)
      .getByRole('navigation', { name: 'Profile list' })
      .getByRole('button', { name: /Staging/ })
      .click();
    const bulk = dialog(page).getByRole('group', { name: 'Bulk import (S3)' });
    expect(await bulk.getByLabel('S3 secret').isDisabled()).toBe(true);
    await bulk.getByLabel('S3 bucket').fill('e2e-bulk');
    await bulk.getByLabel('S3 key prefix').fill('imports/');
    await bulk.getByLabel('S3 endpoint').fill('http://127.0.0.1:9000');
    await bulk.getByLabel('S3 access key id').fill('AKIAE2E');
    await bulk.getByLabel('S3 secret').fill(secret);
    await dialog(page).getByRole('button', { name: 'Save', exact: true }).click();
    await expect
      .poll(() => bulk.locator('.s3-secret-status').innerText(), POLL)
      .toMatch(new RegExp(`^S3 secret: set ••••${secret.slice(-4)} · changed \\d`));
    expect(await bulk.getByLabel('New S3 secret').inputValue()).toBe('');
    // The API key stayed: the API's address did not change.
    expect(await dialog(page).locator('.key-status').innerText()).toContain(`••••${KEY.slice(-4)}`);
    expect(await page.content()).not.toContain(secret.slice(0, -4));
    await bulk.getByLabel('S3 bucket').fill('Not A Bucket');
    await dialog(page).getByRole('button', { name: 'Save', exact: true }).click();
    await expect
      .poll(() => dialog(page).getByRole('alert').innerText(), POLL)
      .toMatch(/bucket name must be 3 to 63 lowercase/);
    await bulk.getByLabel('S3 bucket').fill('e2e-bulk');
    await dialog(page).getByRole('button', { name: 'Close' }).click();
  });

  test('switches back to the Local sandbox', async () => {
    const { page } = app;
    await page.getByRole('combobox', { name: 'Target' }).selectOption({ label: 'Local sandbox' });
    await expect.poll(() => page.locator('.target-badge').innerText(), POLL).toContain('Local sandbox');
    await setEditorText(page, batch('local'));
    await sendAndWait(page);
    await expect.poll(() => countOf(page, 'accepted'), POLL).toBe(3);
    expect(await page.locator('.request-summary').first().innerText()).toContain('Local sandbox');
    expect(await exported(staging, 'purchases')).toHaveLength(4);
    expect(app.problems.consoleErrors, app.problems.consoleErrors.join('\n')).toEqual([]);
    expect(app.problems.cspViolations).toEqual([]);
  });
});
