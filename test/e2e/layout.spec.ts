// The layout at the three window sizes people use (1024×700, 1440×900, 1920×1080): header controls
// never overlap, the results toolbar stays on one line, and a screenshot of each size is kept.
import { mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { projectRoot } from '../harness/project-root';
import { openApp, setEditorText, type AppSession } from './app-fixture';
import { expect, skipWhereHostIsMissing, test } from './fixtures';

const shots = join(projectRoot, 'test-results', 'screenshots');
mkdirSync(shots, { recursive: true });

const SIZES = [
  { width: 1024, height: 700 },
  { width: 1440, height: 900 },
  { width: 1920, height: 1080 },
] as const;

const BATCH = `{
  "purchases": [
    { "id": "l-1", "timestamp": "2026-01-05T10:00:00.000Z", "product": "Notebook", "price": 12.5 },
    { "id": "l-2", "timestamp": "2026-01-05T11:00:00.000Z", "product": "Lamp", "price": 39 }
  ],
  "pageViews": [
    { "id": "l-3", "timestamp": "2026-01-05T10:01:00.000Z", "page": "/pricing" }
  ]
}
`;

interface Box {
  readonly name: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

async function boxOf(name: string, locator: Locator): Promise<Box | undefined> {
  if (!(await locator.isVisible())) return undefined;
  const box = await locator.boundingBox();
  return box ? { name, ...box } : undefined;
}

const overlaps = (a: Box, b: Box) =>
  a.x < b.x + b.width - 0.5 && b.x < a.x + a.width - 0.5 && a.y < b.y + b.height - 0.5 && b.y < a.y + a.height - 0.5;

/** Every pair of header controls that overlap, and every control cut by the window's edge (empty when the header holds). */
async function headerOverlaps(page: Page): Promise<string[]> {
  const header = page.locator('.app-header');
  const controls: Locator[] = [
    header.locator('.app-title'),
    header.getByRole('combobox', { name: 'Target' }),
    header.getByRole('button', { name: 'Send', exact: true }),
    header.getByRole('button', { name: 'Cancel' }),
    header.getByRole('button', { name: 'Profiles', exact: true }),
    header.getByRole('button', { name: 'Send by bulk import' }),
    header.getByRole('button', { name: 'Stored events' }),
    header.locator('.target-badge'),
    header.locator('.send-progress .progress-text'),
    header.getByRole('group', { name: 'Local sandbox' }).locator('.sandbox-text'),
    header.getByRole('group', { name: 'Local sandbox' }).getByRole('button', { name: 'Restart' }),
    header.getByRole('group', { name: 'Local sandbox' }).getByRole('button', { name: 'Reset' }),
  ];
  const boxes = (await Promise.all(controls.map((c, i) => boxOf(`control ${i}`, c)))).filter(
    (b): b is Box => b !== undefined,
  );
  const found: string[] = [];
  const width = page.viewportSize()?.width ?? 0;
  for (const box of boxes)
    if (box.x < 0 || box.x + box.width > width + 0.5) found.push(`${box.name} outside the window`);
  for (let i = 0; i < boxes.length; i += 1) {
    for (let j = i + 1; j < boxes.length; j += 1) {
      const a = boxes[i];
      const b = boxes[j];
      if (a && b && overlaps(a, b)) found.push(`${a.name} × ${b.name}`);
    }
  }
  return found;
}

test.describe.configure({ mode: 'serial' });
skipWhereHostIsMissing();

test.describe('layout at 1024, 1440 and 1920 px', () => {
  let app: AppSession;
  test.beforeAll(async () => {
    app = await openApp();
    await app.page.emulateMedia({ colorScheme: 'light' });
  });
  test.afterAll(async () => {
    await app?.close();
  });

  test('sends a batch so every panel has content', async () => {
    const { page } = app;
    await expect.poll(() => page.locator('.sandbox-status').innerText(), { timeout: 30_000 }).toContain('running');
    await setEditorText(page, BATCH);
    await expect.poll(() => page.locator('.status-bar').innerText(), { timeout: 30_000 }).toContain('3 events');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await expect
      .poll(() => page.locator('.count-pill[data-outcome="accepted"] .count-value').innerText(), { timeout: 30_000 })
      .toBe('3');
  });

  for (const size of SIZES) {
    test(`holds at ${size.width}×${size.height}: no header overlap, one-line toolbars`, async () => {
      const { page } = app;
      await page.setViewportSize(size);
      await page.screenshot({ path: join(shots, `layout-${size.width}.png`) });
      await expect.poll(() => headerOverlaps(page), { timeout: 10_000 }).toEqual([]);
      const toolbar = page.locator('.results-tools');
      const toolbarHeight = (await toolbar.boundingBox())?.height ?? 0;
      expect(toolbarHeight).toBeLessThan(40);
      // Nothing sticks out of the Requests panel sideways.
      const requests = page.locator('.requests-panel');
      const overflow = await requests.evaluate((el) => el.scrollWidth - el.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
    });
  }

  test('the Expectation column of a test run stays in view at 1024 px', async () => {
    const { page } = app;
    await page.setViewportSize(SIZES[0]);
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Record expectations' }).click();
    const recorded = await readFile((await (await downloading).path()) ?? '', 'utf8');
    await page
      .getByLabel('Test case file')
      .setInputFiles({ name: 'layout.case.json', mimeType: 'application/json', buffer: Buffer.from(recorded) });
    await expect
      .poll(() => page.getByRole('status', { name: 'Test verdict' }).innerText(), { timeout: 30_000 })
      .toMatch(/Test (passed|failed)/);
    const grid = page.getByRole('grid', { name: 'Results' });
    const header = grid.getByRole('columnheader', { name: /Expectation/ });
    const [gridBox, headerBox] = await Promise.all([grid.boundingBox(), header.boundingBox()]);
    expect((headerBox?.x ?? 0) + (headerBox?.width ?? 0)).toBeLessThanOrEqual(
      (gridBox?.x ?? 0) + (gridBox?.width ?? 0) + 0.5,
    );
    // The Results header holds the run label, the count, the QA buttons and the verdict on one line.
    const resultsHeader = page.locator('.results-panel > .panel-header');
    expect((await resultsHeader.boundingBox())?.height ?? 0).toBeLessThan(40);
    expect(await resultsHeader.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(shots, 'layout-expectations-1024.png') });
  });

  test('the Problems panel is resizable with the keyboard and the pointer', async () => {
    const { page } = app;
    const panel = page.locator('.problems');
    const handle = page.getByRole('separator', { name: 'Resize Problems panel' });
    const before = (await panel.boundingBox())?.width ?? 0;
    await handle.focus();
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await expect.poll(async () => (await panel.boundingBox())?.width ?? 0).toBeGreaterThan(before + 60);
    const box = await handle.boundingBox();
    if (!box) throw new Error('the resize handle has no box');
    await page.mouse.move(box.x + 3, box.y + 100);
    await page.mouse.down();
    await page.mouse.move(box.x + 150, box.y + 100, { steps: 5 });
    await page.mouse.up();
    await expect.poll(async () => (await panel.boundingBox())?.width ?? 0).toBeLessThan(before);
  });

  test('switches to the dark theme, Monaco too, and keeps the choice after a reload', async () => {
    const { page } = app;
    const background = () =>
      page.evaluate(() => getComputedStyle(document.querySelector('.editor-column') ?? document.body).backgroundColor);
    const editorBackground = () =>
      page.evaluate(() => getComputedStyle(document.querySelector('.monaco-editor') ?? document.body).backgroundColor);
    const light = await background();
    await page.getByRole('combobox', { name: 'Theme' }).selectOption('dark');
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset['theme'])).toBe('dark');
    await expect.poll(background).not.toBe(light);
    await expect.poll(editorBackground).toBe('rgb(30, 30, 30)');
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await page.screenshot({ path: join(shots, `layout-dark-${size.width}.png`) });
    }
    // The dialogs follow the theme as well.
    await page.getByRole('button', { name: 'Profiles', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    expect(await dialog.evaluate((el) => getComputedStyle(el.closest('.dialog') ?? el).backgroundColor)).toBe(
      'rgb(22, 26, 31)',
    );
    await page.screenshot({ path: join(shots, 'profiles-dark-1920.png') });
    const axeDialog = await new AxeBuilder({ page }).include('[role="dialog"]').analyze();
    expect(
      axeDialog.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id),
    ).toEqual([]);
    await page.keyboard.press('Escape');
    await page.reload();
    await page.locator('.monaco-editor .view-lines').first().waitFor();
    expect(await page.evaluate(() => document.documentElement.dataset['theme'])).toBe('dark');
    expect(await page.getByRole('combobox', { name: 'Theme' }).inputValue()).toBe('dark');
    const result = await new AxeBuilder({ page }).analyze();
    const serious = result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
    expect(serious).toEqual([]);
  });

  test('follows the OS while the switch says System', async () => {
    const { page } = app;
    await page.getByRole('combobox', { name: 'Theme' }).selectOption('system');
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset['theme'])).toBe('dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset['theme'])).toBe('light');
  });

  test('has no serious or critical accessibility violations at 1024 px', async () => {
    const { page } = app;
    await page.setViewportSize(SIZES[0]);
    const result = await new AxeBuilder({ page }).analyze();
    const serious = result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
    expect(serious).toEqual([]);
  });
});

test.describe('the header while a slow send runs', () => {
  let app: AppSession;
  test.beforeAll(async () => {
    app = await openApp({ env: { BATCH_STUDIO_SANDBOX_LATENCY_MS: '4000' } });
    await app.page.setViewportSize(SIZES[0]);
  });
  test.afterAll(async () => {
    await app?.close();
  });

  test('keeps its height and its controls apart at 1024 px', async () => {
    const { page } = app;
    await expect.poll(() => page.locator('.sandbox-status').innerText(), { timeout: 30_000 }).toContain('running');
    await setEditorText(page, BATCH);
    await expect.poll(() => page.locator('.status-bar').innerText(), { timeout: 30_000 }).toContain('3 events');
    const height = async () => (await page.locator('.app-header').boundingBox())?.height ?? 0;
    const idle = await height();
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await page.getByRole('progressbar').waitFor();
    expect(await height()).toBe(idle);
    expect(await headerOverlaps(page)).toEqual([]);
    // The progress text is read whole, not cut to a letter.
    await expect(page.locator('.progress-text')).toHaveText(/Starting|requests/);
    await page.screenshot({ path: join(shots, 'layout-sending-1024.png') });
    const cut = await page.locator('.progress-text').evaluate((el) => el.scrollWidth - el.clientWidth);
    expect(cut).toBeLessThanOrEqual(0);
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => page.getByRole('progressbar').count(), { timeout: 30_000 }).toBe(0);
  });
});
