// Collection schemas and QA expectations in Chromium against the production bundle and the real browser
// host: a schema saved in the app lints as you type, completion proposes the right collection's
// properties, "Infer schema" drafts one for review, the local sandbox enforces schemas when switched on,
// and a recorded test case runs with an expectation column and a verdict. No CSP violation, no console error.
import { readFileSync } from 'node:fs';
import { expect, skipWhereHostIsMissing, test } from './fixtures';
import type { Page } from '@playwright/test';
import { openApp, setEditorText, type AppSession } from './app-fixture';

test.describe.configure({ mode: 'serial' });
skipWhereHostIsMissing();

const PURCHASES_SCHEMA = JSON.stringify({
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  required: ['customerId'],
  properties: {
    id: { type: 'string' },
    customerId: { type: 'string', description: 'The buyer, as in the CRM.' },
    purchasePrice: { type: 'number', description: 'Total paid.' },
    plan: { enum: ['free', 'pro'], description: 'The plan bought.' },
  },
});
const SIGNUPS_SCHEMA = JSON.stringify({
  type: 'object',
  properties: { userId: { type: 'string', description: 'The new user.' } },
});

/** Puts the cursor at a 1-based line and column (Monaco's own "go to line" would need a quick-open round trip). */
async function moveCursor(page: Page, line: number, column: number): Promise<void> {
  await page.locator('.monaco-editor .view-lines').first().click();
  await page.keyboard.press('ControlOrMeta+Home');
  for (let i = 1; i < line; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Home');
  await page.keyboard.press('Home');
  for (let i = 1; i < column; i++) await page.keyboard.press('ArrowRight');
}

const problems = (page: Page) => page.getByRole('list', { name: 'Problems' }).getByRole('listitem');
const gridRows = (page: Page) => page.getByRole('grid', { name: 'Results' }).locator('.grid-body [role="row"]');
const dialog = (page: Page) => page.getByRole('dialog', { name: 'Collection schemas' });

async function saveSchema(page: Page, collection: string, text: string): Promise<void> {
  await dialog(page).getByRole('textbox', { name: 'New schema for collection' }).fill(collection);
  await dialog(page).getByRole('button', { name: 'New', exact: true }).click();
  await dialog(page).getByRole('textbox', { name: 'Schema JSON' }).fill(text);
  await dialog(page).getByRole('button', { name: 'Save schema' }).click();
  await dialog(page).getByRole('button', { name: collection, exact: true }).waitFor();
}

test.describe('schemas and QA in Chromium', () => {
  let app: AppSession;
  test.beforeAll(async () => {
    app = await openApp({ query: 'test-hooks' });
  });
  test.afterAll(async () => {
    await app?.close();
  });

  test('saves schemas in the app and lints against them as you type', async () => {
    const { page } = app;
    await page.getByRole('button', { name: /^Schemas/ }).click();
    await saveSchema(page, 'purchases', PURCHASES_SCHEMA);
    await saveSchema(page, 'signups', SIGNUPS_SCHEMA);
    await dialog(page).getByRole('button', { name: 'Close' }).click();
    await setEditorText(
      page,
      '{\n  "purchases": [\n    { "id": "p-1", "customerId": "c-1", "purchasePrice": "34.95" },\n    { "id": "p-2", "plan": "gold", "customerId": "c-2" }\n  ]\n}\n',
    );
    await expect.poll(() => problems(page).filter({ hasText: 'schema-violation' }).count()).toBe(2);
    const texts = await problems(page).filter({ hasText: 'schema-violation' }).allInnerTexts();
    expect(texts.find((t) => t.includes('`purchasePrice` must be a number, got the string "34.95"'))).toMatch(
      /\b3:58\b/,
    );
    expect(texts.find((t) => t.includes('`plan` must be one of "free", "pro", got "gold"'))).toMatch(/\b4:28\b/);
  });

  test('completes the properties of the collection at the cursor, from its schema', async () => {
    const { page } = app;
    await setEditorText(page, '{\n  "signups": [ {} ],\n  "purchases": [\n    {\n      "id": "p-1"\n    }\n  ]\n}\n');
    await moveCursor(page, 5, 18);
    await page.keyboard.type(',');
    await page.keyboard.press('Enter');
    await page.keyboard.press('ControlOrMeta+Space');
    const rows = page.locator('.suggest-widget .monaco-list-row');
    await expect.poll(() => rows.count()).toBeGreaterThan(0);
    const labels = await rows.allInnerTexts();
    expect(labels.some((l) => l.includes('customerId'))).toBe(true);
    expect(labels.some((l) => l.includes('purchasePrice'))).toBe(true);
    // Not the other collection's, and not a property already written.
    expect(labels.some((l) => l.includes('userId'))).toBe(false);
    expect(labels.some((l) => /(^|\s)id(\s|$)/.test(l))).toBe(false);
    await page.keyboard.press('Escape');
  });

  test('infers a schema from the collection at the cursor, for review before saving', async () => {
    const { page } = app;
    const clicks = Array.from({ length: 24 }, (_, i) => ({ id: `k-${i}`, button: i % 2 ? 'buy' : 'cancel', x: i }));
    await setEditorText(page, `${JSON.stringify({ clicks }, null, 2)}\n`);
    await moveCursor(page, 4, 5);
    await page.getByRole('button', { name: 'Infer schema' }).click();
    await dialog(page).waitFor();
    const text = await dialog(page).getByRole('textbox', { name: 'Schema JSON' }).inputValue();
    const schema = JSON.parse(text) as {
      properties: Record<string, { type?: string; enum?: string[] }>;
      required: string[];
    };
    expect(schema.properties['button']?.enum).toEqual(['buy', 'cancel']);
    expect(schema.properties['x']?.type).toBe('integer');
    expect(schema.required).toEqual(['id', 'button', 'x']);
    expect(await dialog(page).innerText()).toContain('Inferred from 24 events of clicks');
    await dialog(page).getByRole('button', { name: 'Save schema' }).click();
    await dialog(page).getByRole('button', { name: 'clicks', exact: true }).waitFor();
    await dialog(page).getByRole('button', { name: 'Close' }).click();
  });

  test('makes the local sandbox reject violating events when enforcing is on', async () => {
    const { page } = app;
    await page.getByRole('button', { name: /^Schemas/ }).click();
    // The switch changes once main has saved it: click, then wait for the new state.
    await dialog(page)
      .getByRole('checkbox', { name: /Enforce schemas in the local sandbox/ })
      .click();
    await expect
      .poll(() =>
        dialog(page)
          .getByRole('checkbox', { name: /Enforce schemas/ })
          .isChecked(),
      )
      .toBe(true);
    await dialog(page).getByRole('button', { name: 'Close' }).click();
    await setEditorText(
      page,
      '{\n  "purchases": [\n    { "id": "e-1", "customerId": "c-1", "purchasePrice": 3 },\n    { "id": "e-2", "customerId": "c-1", "purchasePrice": "3" }\n  ]\n}\n',
    );
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Send anyway' }).click();
    await expect.poll(() => gridRows(page).count()).toBe(2);
    const rows = await gridRows(page).allInnerTexts();
    expect(rows[0]).toContain('accepted');
    expect(rows[1]).toContain('rejected');
    expect(rows[1]).toContain('does not match the schema');
  });

  test('records expectations, and runs a test case with an expectation column and a verdict', async () => {
    const { page } = app;
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Record expectations' }).click();
    const download = await downloading;
    const recorded = JSON.parse(readFileSync((await download.path()) ?? '', 'utf8')) as {
      setup?: unknown;
      expect: { purchases: unknown[] };
    };
    expect(recorded.expect.purchases).toEqual([
      'accepted',
      { outcome: 'rejected', message: expect.stringContaining('`purchasePrice` must be a number') },
    ]);

    // Recorded from the local sandbox, the case starts from an empty one (a fresh temporary sandbox, which
    // enforces the schemas too): it reproduces.
    expect(recorded.setup).toEqual({ reset: true });
    await page.getByLabel('Test case file').setInputFiles({
      name: 'recorded.case.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(recorded)),
    });
    await expect.poll(() => page.getByRole('status', { name: 'Test verdict' }).innerText()).toContain('Test passed');

    // Without its reset, in the current sandbox, the first event is a duplicate: the case fails on it, and says so.
    delete recorded.setup;
    await page.getByRole('checkbox', { name: 'Run in the current sandbox' }).check();
    await page.getByLabel('Test case file').setInputFiles({
      name: 'recorded.case.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(recorded)),
    });
    await expect.poll(() => page.getByRole('status', { name: 'Test verdict' }).innerText()).toContain('Test failed');
    expect(await page.getByRole('status', { name: 'Test verdict' }).innerText()).toContain('1 as expected, 1 not');
    const rows = await gridRows(page).allInnerTexts();
    expect(rows[0]).toContain('fail: expected accepted');
    expect(rows[1]).toContain('pass');
    expect(app.problems).toEqual({ cspViolations: [], consoleErrors: [], pageErrors: [], foreignRequests: [] });
  });
});
