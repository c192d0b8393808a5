// Support's day in Chromium: import a CSV into a collection → send (some events rejected by the sandbox)
// → fix and resend the failures → compare the two runs → export JUnit; every new view passes axe.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, skipWhereHostIsMissing, test } from './fixtures';
import { openApp, setEditorText, type AppSession } from './app-fixture';

test.describe.configure({ mode: 'serial' });
skipWhereHostIsMissing();

const POLL = { timeout: 30_000 };
const CSV = [
  'id;timestamp;customer.firstName;price;tp_source',
  'c-1;2026-01-05T10:00:00Z;Ada;12.5;',
  'c-2;2026-01-05T10:01:00Z;Bob;3;crm',
  'c-3;2026-01-05T10:02:00Z;"Cy, Jr.";4;',
  'c-4;2026-01-05T10:03:00Z;Di;5;crm',
  'c-5;2026-01-05T10:04:00Z;Ed;6;;extra',
  '',
].join('\r\n');

const seriousViolations = async (page: Page) =>
  (await new AxeBuilder({ page }).analyze()).violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);

const editorText = (page: Page) => page.evaluate(() => window.batchStudioTest?.text() ?? '');
const countOf = async (page: Page, outcome: string) =>
  Number(await page.locator(`.count-pill[data-outcome="${outcome}"] .count-value`).innerText());
const activeTab = (page: Page) =>
  page.getByRole('group', { name: 'Documents' }).locator('.doc-tab.active .doc-tab-name').innerText();

test.describe('import, send, resend failures, compare and export in Chromium', () => {
  let app: AppSession;
  let dir: string;
  test.beforeAll(async () => {
    app = await openApp({ query: 'test-hooks' });
    dir = mkdtempSync(join(tmpdir(), 'batch-studio-import-'));
  });
  test.afterAll(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('previews a CSV with its problem at its line, then imports it into a new collection tab', async () => {
    const { page } = app;
    const path = join(dir, 'customers.csv');
    writeFileSync(path, `\uFEFF${CSV}`);
    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      page.getByRole('button', { name: 'Import', exact: true }).click(),
    ]);
    await chooser.setFiles(path);
    const dialog = page.getByRole('dialog', { name: 'Import' });
    await dialog.waitFor();
    await expect
      .poll(() => dialog.getByRole('list', { name: 'First rows' }).getByRole('listitem').count(), POLL)
      .toBe(4);
    expect(await dialog.getByRole('list', { name: 'First rows' }).innerText()).toContain(
      '"customer":{"firstName":"Cy, Jr."}',
    );
    expect(await dialog.getByRole('list', { name: 'Import problems' }).innerText()).toMatch(/Line 6\b/);
    await dialog.getByRole('combobox', { name: 'Collection' }).fill('customers');
    // The price column read as text instead of numbers.
    await dialog.getByRole('combobox', { name: 'Type of price' }).selectOption('string');
    await expect
      .poll(() => dialog.getByRole('list', { name: 'First rows' }).innerText(), POLL)
      .toContain('"price":"12.5"');
    await dialog.getByRole('combobox', { name: 'Type of price' }).selectOption('number');
    await expect
      .poll(() => dialog.getByRole('list', { name: 'First rows' }).innerText(), POLL)
      .toContain('"price":12.5');
    expect(await seriousViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: /^Import 4 events$/ }).click();
    await expect.poll(() => activeTab(page), POLL).toContain('customers (imported)');
    const batch = JSON.parse(await editorText(page)) as { customers: { id: string }[] };
    expect(batch.customers.map((e) => e.id)).toEqual(['c-1', 'c-2', 'c-3', 'c-4']);
  });

  test('sends it: the tp_ events come back rejected by the sandbox', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: /The batch has/ });
    // The linter knows tp_ is reserved: send anyway, as a user replaying real data would.
    await dialog.getByRole('button', { name: 'Send anyway' }).click();
    await expect.poll(() => countOf(page, 'rejected'), POLL).toBe(2);
    expect(await countOf(page, 'accepted')).toBe(2);
  });

  test('resends the failures: the rule-rejected events open in a tab to fix, then go again', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'History', exact: true }).click();
    const history = page.getByRole('dialog', { name: 'History' });
    const runs = history.getByRole('table', { name: 'Runs' }).locator('tbody tr');
    await expect.poll(() => runs.count(), POLL).toBe(1);
    expect(await runs.first().innerText()).toMatch(/customers \(imported\)[\s\S]*2 accepted[\s\S]*2 rejected/);
    expect(await seriousViolations(page)).toEqual([]);
    await runs.first().getByRole('button', { name: 'Resend failures' }).click();
    await expect.poll(() => activeTab(page), POLL).toContain('To fix: customers (imported)');
    const toFix = JSON.parse(await editorText(page)) as { customers: Record<string, unknown>[] };
    expect(toFix.customers.map((e) => e['id'])).toEqual(['c-2', 'c-4']);
    const fixed = {
      customers: toFix.customers.map(({ tp_source: _dropped, ...rest }) => ({ ...rest, source: 'crm' })),
    };
    await setEditorText(page, `${JSON.stringify(fixed, null, 2)}\n`);
    await expect.poll(() => editorText(page), POLL).toContain('"source": "crm"');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await expect.poll(() => countOf(page, 'accepted'), POLL).toBe(2);
  });

  test('compares the two runs and exports the first as JUnit, named for what it holds', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'History', exact: true }).click();
    const history = page.getByRole('dialog', { name: 'History' });
    const runs = history.getByRole('table', { name: 'Runs' }).locator('tbody tr');
    await expect.poll(() => runs.count(), POLL).toBe(2);
    // Newest first: B is the resend, A the first send.
    await runs.nth(1).getByRole('checkbox').check();
    await runs.nth(0).getByRole('checkbox').check();
    await history.getByRole('button', { name: 'Compare' }).click();
    const comparison = history.getByRole('region', { name: 'Comparison' });
    await comparison.waitFor();
    expect(await comparison.locator('.comparison-summary').innerText()).toMatch(/2 changed[\s\S]*2 only in A/);
    await comparison.getByRole('combobox', { name: 'Show changes' }).selectOption('changed');
    const changes = comparison.getByRole('table', { name: 'Changes' }).locator('tbody tr');
    await expect.poll(() => changes.count(), POLL).toBe(2);
    expect(await changes.allInnerTexts()).toEqual([
      expect.stringMatching(/c-2[\s\S]*rejected[\s\S]*accepted/),
      expect.stringMatching(/c-4[\s\S]*rejected[\s\S]*accepted/),
    ]);
    expect(await seriousViolations(page)).toEqual([]);
    await comparison.getByRole('button', { name: 'Back to runs' }).click();

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      runs.nth(1).getByRole('combobox', { name: 'Export' }).selectOption('junit'),
    ]);
    expect(download.suggestedFilename()).toMatch(/customers.*\.xml$/);
    expect(download.suggestedFilename()).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
    const xml = readFileSync(await download.path(), 'utf8');
    expect(xml).toContain('<testsuites');
    expect((xml.match(/<testcase /g) ?? []).length).toBe(4);
    expect((xml.match(/<failure /g) ?? []).length).toBe(2);
  });
});
