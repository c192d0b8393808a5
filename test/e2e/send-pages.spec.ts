// A send too large for one call in Chromium through the real browser host: the batch text goes to main in
// pieces (send:stage), the outcomes come back in pages (send:outcomes), and the results show every event.
import { expect, skipWhereHostIsMissing, test } from './fixtures';
import type { Page } from '@playwright/test';
import { openApp, setEditorText, type AppSession } from './app-fixture';
import { OUTCOMES_PAGE, STAGE_ABOVE_CHARS } from '../../electron/contract/send-pages';

skipWhereHostIsMissing();

const EVENTS = 12_000;
const PAD = 'x'.repeat(760);

const countOf = async (page: Page, outcome: string) =>
  Number((await page.locator(`.count-pill[data-outcome="${outcome}"] .count-value`).innerText()).replace(/\D/g, ''));

test.describe('a send larger than one call', () => {
  let app: AppSession;
  test.beforeAll(async () => {
    app = await openApp({ query: 'test-hooks' });
  });
  test.afterAll(async () => {
    await app?.close();
  });

  test('stages the text in pieces, pages the outcomes back, and shows every event accepted', async () => {
    test.setTimeout(180_000);
    const { page } = app;
    const batchText = JSON.stringify({
      bulk: Array.from({ length: EVENTS }, (_, i) => ({ id: `b${i}`, n: i, pad: PAD })),
    });
    expect(batchText.length).toBeGreaterThan(STAGE_ABOVE_CHARS);
    const calls: { channel: string; bytes: number }[] = [];
    page.on('request', (request) => {
      const match = /\/bridge\/invoke\/(send:[a-z-]+)$/.exec(decodeURIComponent(new URL(request.url()).pathname));
      if (match?.[1]) calls.push({ channel: match[1], bytes: request.postDataBuffer()?.length ?? 0 });
    });
    await setEditorText(page, batchText);
    await expect(page.getByRole('button', { name: 'Send', exact: true })).toBeEnabled({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await expect.poll(() => countOf(page, 'accepted'), { timeout: 120_000 }).toBe(EVENTS);

    const named = (channel: string) => calls.filter((c) => c.channel === channel);
    expect(named('send:stage').length).toBeGreaterThanOrEqual(3);
    expect(named('send:outcomes')).toHaveLength(Math.ceil(EVENTS / OUTCOMES_PAGE));
    const [start] = named('send:start');
    expect(start?.bytes).toBeLessThan(2_000);
    for (const call of calls) expect(call.bytes).toBeLessThan(5 * 1024 * 1024);
    expect(app.problems).toEqual({ cspViolations: [], consoleErrors: [], pageErrors: [], foreignRequests: [] });
  });
});
