// The tab strip when the tabs do not fit (issue 12): it scrolls inside its room, the active tab is always
// in view, and every tab stays reachable through the "All tabs" menu, at the narrowest supported width.
import type { Locator, Page } from '@playwright/test';
import { expect, skipWhereHostIsMissing, test } from './fixtures';
import { openApp, type AppSession } from './app-fixture';

test.describe.configure({ mode: 'serial' });
skipWhereHostIsMissing();

const POLL = { timeout: 30_000 };
const strip = (page: Page) => page.getByRole('group', { name: 'Documents' });

/** True when the element's box lies inside the strip's visible box (a pixel of slack for rounding). */
async function inView(page: Page, element: Locator): Promise<boolean> {
  const [outer, inner] = await Promise.all([strip(page).boundingBox(), element.boundingBox()]);
  if (!outer || !inner) return false;
  return inner.x >= outer.x - 1 && inner.x + inner.width <= outer.x + outer.width + 1;
}

test.describe('tab strip overflow at 1024 px', () => {
  let app: AppSession;
  test.beforeAll(async () => {
    app = await openApp();
    await app.page.setViewportSize({ width: 1024, height: 700 });
  });
  test.afterAll(async () => {
    await app?.close();
  });

  test('keeps the newest active tab in view as tabs are added past the room there is', async () => {
    const { page } = app;
    for (let i = 0; i < 14; i++) await page.getByRole('button', { name: 'New document' }).click();
    await expect.poll(() => strip(page).locator('.doc-tab').count(), POLL).toBe(15);
    const overflow = await strip(page).evaluate((el) => el.scrollWidth - el.clientWidth);
    expect(overflow).toBeGreaterThan(0);
    await expect.poll(() => inView(page, strip(page).locator('.doc-tab.active')), POLL).toBe(true);
  });

  test('reaches the first tab through the All tabs menu, which makes it active and scrolls it into view', async () => {
    const { page } = app;
    const menu = page.getByRole('combobox', { name: 'All tabs' });
    await expect(menu).toBeVisible();
    const first = await menu.locator('option').first().getAttribute('value');
    expect(first).toBeTruthy();
    await menu.selectOption(first ?? '');
    const firstTab = strip(page).locator('.doc-tab').first();
    await expect(firstTab).toHaveClass(/active/);
    await expect.poll(() => inView(page, firstTab), POLL).toBe(true);
    expect(await inView(page, strip(page).locator('.doc-tab').last())).toBe(false);
    expect(app.problems).toEqual({ cspViolations: [], consoleErrors: [], pageErrors: [], foreignRequests: [] });
  });
});
