// "Send by bulk import" in Chromium against the production bundle and the real browser host, with a real
// sandbox process reading from a real S3-compatible server on loopback: the suggestion above the threshold,
// the progress bar, imported and rejected rows in the results grid, and deleting the uploaded objects.
import { expect, onlyInBrowserHost, test } from './fixtures';
import type { Page } from '@playwright/test';
import { openApp, setEditorText, type AppSession } from './app-fixture';
import { startSandboxProcess, type SandboxProcess } from '../harness/sandbox-process';
import { startS3Server, type S3Server } from '../harness/s3-server';

test.describe.configure({ mode: 'serial' });
onlyInBrowserHost();

const gridRows = (page: Page) => page.getByRole('grid', { name: 'Results' }).locator('.grid-body [role="row"]');

test.describe('bulk import in Chromium', () => {
  let s3: S3Server;
  let sandbox: SandboxProcess;
  let app: AppSession;

  test.beforeAll(async () => {
    s3 = await startS3Server();
    sandbox = await startSandboxProcess(['--s3-endpoint', s3.url]);
    app = await openApp();
    // The profile's bulk import section and secrets go in through the bridge, as the Profiles dialog sends them.
    const [base = '', token = ''] = app.host.url.split('/#token=');
    const invoke = async <T>(channel: string, input: unknown): Promise<T> => {
      const response = await fetch(`${base}/bridge/invoke/${channel}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Bridge-Token': token, Origin: base },
        body: JSON.stringify(input),
      });
      const answer = (await response.json()) as { ok: boolean; data: T; error?: { message: string } };
      if (!answer.ok) throw new Error(`${channel}: ${answer.error?.message ?? ''}`);
      return answer.data;
    };
    const profile = await invoke<{ id: string }>('profiles:create', {
      draft: {
        name: 'Imports',
        baseUrl: sandbox.url,
        projectId: sandbox.projectId,
        bulkImport: { bucket: s3.bucket, prefix: 'e2e/', endpoint: s3.url, accessKeyId: s3.accessKeyId },
      },
    });
    // No keychain on a test machine: the user's consent to file storage, as the Profiles dialog asks for it.
    await invoke('profiles:accept-weak-storage', {});
    await invoke('profiles:set-key', { id: profile.id, key: sandbox.keys.push });
    await invoke('profiles:set-s3-secret', { id: profile.id, secret: s3.secretAccessKey });
    // A low threshold (Preferences), so a small batch is enough to see the suggestion.
    await invoke('settings:update', { bulkImportThreshold: 100 });
    await app.page.reload();
    await app.page.locator('.monaco-editor .view-lines').first().waitFor();
    await app.page.getByRole('combobox', { name: 'Target' }).selectOption({ label: 'Imports' });
  });
  test.afterAll(async () => {
    await app?.close();
    await sandbox?.stop();
    await s3?.dispose();
  });

  test('imports the batch, shows imported and rejected rows, and deletes the uploaded objects', async () => {
    const { page } = app;
    const events = Array.from({ length: 150 }, (_, i) =>
      i === 5 ? { id: `e${i}`, $bad: true } : { id: `e${i}`, n: i },
    );
    // The Local sandbox has no bulk import section: a big batch is not steered to a send it cannot make.
    const target = page.getByRole('combobox', { name: 'Target' });
    await target.selectOption({ label: 'Local sandbox' });
    await setEditorText(page, JSON.stringify({ views: events }, null, 1));
    await expect.poll(() => page.locator('.status-bar').innerText()).toContain('150 events');
    await expect(page.locator('.bulk-hint')).toHaveCount(0);
    await target.selectOption({ label: 'Imports' });
    await expect(page.getByText('150 events: bulk import suggested')).toBeVisible();

    await page.getByRole('button', { name: 'Send by bulk import' }).click();
    await expect(
      page.getByRole('status').filter({ hasText: 'views: Complete, 149 imported, 0 duplicates' }),
    ).toBeVisible();
    await expect.poll(() => gridRows(page).count()).toBeGreaterThan(0);
    const filter = page.getByRole('group', { name: 'Filter by outcome' });
    await expect(filter.locator('[data-outcome="imported"] .count-value')).toHaveText('149');
    await expect(filter.locator('[data-outcome="rejected"] .count-value')).toHaveText('1');
    await filter.locator('[data-outcome="rejected"]').click();
    await expect(gridRows(page)).toHaveCount(1);
    await expect(gridRows(page).first()).toContainText('Property names cannot start with $.');
    await expect(gridRows(page).first()).toContainText('e5');

    await page.getByRole('button', { name: 'Delete uploaded objects' }).click();
    await expect(page.getByText('Deleted 1 uploaded object.')).toBeVisible();
    expect(await page.content()).not.toContain(s3.secretAccessKey);
    expect(app.problems.consoleErrors).toEqual([]);
    expect(app.problems.cspViolations).toEqual([]);
  });
});
