// The whole request in view: per attempt the method and URL, headers with the key masked, the body
// (first 64 KB, "show all"), status, timing, the raw response, and Copy as curl without the key.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { projectRoot } from '../harness/project-root';
import { openApp, setEditorText, type AppSession } from './app-fixture';
import { expect, skipWhereHostIsMissing, test } from './fixtures';

const shots = join(projectRoot, 'test-results', 'screenshots');
mkdirSync(shots, { recursive: true });

/** A batch whose body is well over 64 KB, so the panel shows its start and offers the rest. */
const bigBatch = (): string => {
  const events = Array.from({ length: 1200 }, (_, i) => ({
    id: `r-${i}`,
    timestamp: '2026-01-05T10:00:00.000Z',
    note: 'x'.repeat(120),
  }));
  return `${JSON.stringify({ purchases: events }, null, 2)}\n`;
};

const sandboxKeys = (userDataDir: string): string[] => {
  const identity = JSON.parse(readFileSync(join(userDataDir, 'sandbox.json'), 'utf8')) as {
    keys: Record<string, string>;
  };
  return Object.values(identity.keys);
};

test.describe.configure({ mode: 'serial' });
skipWhereHostIsMissing();

test.describe('Requests panel in Chromium', () => {
  let app: AppSession;
  test.beforeAll(async () => {
    app = await openApp();
    await app.context.grantPermissions(['clipboard-read', 'clipboard-write']);
  });
  test.afterAll(async () => {
    await app?.close();
  });

  test('shows method, URL, masked key, status, timing and the response of the attempt', async () => {
    const { page } = app;
    await expect.poll(() => page.locator('.sandbox-status').innerText(), { timeout: 30_000 }).toContain('running');
    await setEditorText(page, bigBatch());
    await expect.poll(() => page.locator('.status-bar').innerText(), { timeout: 30_000 }).toContain('1,200 events');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    const panel = page.getByRole('region', { name: 'Requests' });
    await expect
      .poll(() => panel.locator('.request-line').innerText(), { timeout: 30_000 })
      .toMatch(/^POST http:\/\/127\.0\.0\.1:\d+\/.*events/);
    // Numbers read one way, and a collection's bar is scaled to that collection (all accepted: full).
    expect(await page.locator('.collection-counts').first().innerText()).toBe('1,200 events, 1,200 accepted');
    const [bar, part] = await Promise.all([
      page.locator('.collection-bar .bar').first().boundingBox(),
      page.locator('.collection-bar .bar-part').first().boundingBox(),
    ]);
    expect(Math.round(part?.width ?? 0)).toBe(Math.round(bar?.width ?? -1));
    const text = await panel.innerText();
    expect(text).toMatch(/Status\s+200/);
    expect(text).toMatch(/Took\s+[\d,]+ ms/);
    await panel.getByText(/^Headers/).click();
    const keyHeader = await panel
      .locator('.header-row', { hasText: /x-api-key/i })
      .locator('dd')
      .innerText();
    expect(keyHeader).toMatch(/^••••.{1,4}$/);
    expect(
      await panel
        .getByRole('region', { name: 'Raw response' })
        .or(panel.locator('[aria-label="Raw response"]'))
        .innerText(),
    ).toContain('"success": true');
    await page.screenshot({ path: join(shots, 'requests-1440.png') });
  });

  test('shows the first 64 KB of the body, and all of it on "show all"', async () => {
    const { page } = app;
    const panel = page.getByRole('region', { name: 'Requests' });
    await panel.getByText(/^Body \(/).click();
    const body = panel.locator('[aria-label="Request body"]');
    const preview = await body.innerText();
    expect(preview.length).toBeLessThanOrEqual(65_536);
    await panel.getByRole('button', { name: /^Show all/ }).click();
    await expect.poll(async () => (await body.innerText()).length, { timeout: 20_000 }).toBeGreaterThan(65_536);
    const sent = JSON.parse(await body.innerText()) as { purchases: unknown[] };
    expect(sent.purchases).toHaveLength(1200);
  });

  test('Copy as curl has $CONNECT_API_KEY and never the key', async () => {
    const { page, host } = app;
    const panel = page.getByRole('region', { name: 'Requests' });
    await panel.getByRole('button', { name: 'Copy as curl' }).click();
    await expect
      .poll(() => panel.getByRole('status').innerText(), { timeout: 10_000 })
      .toMatch(/Copied as curl|copy the command below/);
    const command =
      (await panel.locator('textarea').count()) > 0
        ? await panel.locator('textarea').inputValue()
        : await page.evaluate(() => navigator.clipboard.readText());
    expect(command).toMatch(/^curl -X POST 'http:\/\/127\.0\.0\.1:\d+\//);
    expect(command).toContain('-H "X-Api-Key: $CONNECT_API_KEY"');
    expect(command).toContain('"r-1199"');
    for (const key of sandboxKeys(host.userDataDir)) expect(command).not.toContain(key);
    expect(command).not.toContain('••••');
  });

  for (const size of [
    { width: 1024, height: 700 },
    { width: 1440, height: 900 },
    { width: 1920, height: 1080 },
  ]) {
    test(`fits at ${size.width}×${size.height}`, async () => {
      const { page } = app;
      await page.setViewportSize(size);
      const panel = page.locator('.requests-panel');
      await expect.poll(() => panel.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
      const select = page.locator('.attempt-field select');
      const [selectBox, panelBox] = await Promise.all([select.boundingBox(), panel.boundingBox()]);
      expect((selectBox?.x ?? 0) + (selectBox?.width ?? 0)).toBeLessThanOrEqual(
        (panelBox?.x ?? 0) + (panelBox?.width ?? 0),
      );
      await page.screenshot({ path: join(shots, `requests-${size.width}.png`) });
    });
  }

  test('has no serious or critical accessibility violations in the Requests panel', async () => {
    const { page } = app;
    const result = await new AxeBuilder({ page }).include('.requests-panel').analyze();
    const serious = result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
    expect(serious).toEqual([]);
  });

  test('had no CSP violation, console error or uncaught error', () => {
    expect(app.problems).toEqual({ cspViolations: [], consoleErrors: [], pageErrors: [], foreignRequests: [] });
  });
});
