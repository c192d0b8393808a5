// The send service behind `send:start` / `send:request-body` / `send:outcomes` / `send:stage`, over a real embedded sandbox: one attempt
// record per attempt with the key masked, whole bodies on request for recent runs only, and cancel.
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAppServices, type AppServices } from '../../../../electron/services/app-services';
import { createRouter } from '../../../../electron/router/router';
import { RUNS_KEPT } from '../../../../electron/services/send-service';
import { OUTCOMES_PAGE, STAGE_PIECE_CHARS } from '../../../../electron/contract/send-pages';
import type { EventOutcome } from '../../../../core/send/outcome';
import type { CallResult, SendReport } from '../../../../electron/contract/channels';

const open: AppServices[] = [];
const dirs: string[] = [];

afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function harness(latencyMs?: number) {
  const dir = await mkdtemp(join(tmpdir(), 'bs-send-service-'));
  dirs.push(dir);
  const services = createAppServices({
    userDataDir: dir,
    host: 'web',
    version: '1.0.0',
    emit: () => undefined,
    ...(latencyMs ? { sandboxLatencyMs: latencyMs } : {}),
  });
  open.push(services);
  await services.start();
  const router = createRouter<null>({
    handlers: services.handlers,
    isTrustedSender: () => true,
    secrets: services.secrets,
  });
  const identity = JSON.parse(await readFile(join(dir, 'sandbox.json'), 'utf8')) as { keys: Record<string, string> };
  return {
    call: (channel: string, input: unknown) => router.call(channel, input, null),
    keys: Object.values(identity.keys),
  };
}

const data = <T>(result: CallResult<unknown>): T => {
  if (!result.ok) throw new Error(`call failed: ${result.error.code} ${result.error.message}`);
  return result.data as T;
};

const events = (n: number, pad = '') => Array.from({ length: n }, (_, i) => ({ id: `e${i}`, page: `/p${i}`, pad }));

describe('send service', () => {
  it('keeps one record per attempt with the key masked, and the whole body of each request on request', async () => {
    const h = await harness();
    const batchText = JSON.stringify({ pageviews: events(7, 'x'.repeat(20_000)) });
    const report = data<SendReport>(
      await h.call('send:start', { runId: 'run-1', profileId: 'local-sandbox', batchText, chunkSize: 4 }),
    );
    expect(report.outcomes.map((o) => o.outcome)).toEqual(Array(7).fill('accepted'));
    expect(report.attempts.map((a) => [a.request, a.attempt, a.method, a.status])).toEqual([
      [1, 1, 'POST', 200],
      [2, 1, 'POST', 200],
    ]);
    const [first] = report.attempts;
    expect(first?.url).toBe(`${report.target.url}/events`);
    expect(first?.headers['X-Api-Key']).toMatch(/^••••.{4}$/);
    expect(first?.headers['X-Project-Id']).toBe(report.target.projectId);
    expect(first?.bodyBytes).toBeGreaterThan(80_000);
    expect(Buffer.byteLength(first?.bodyPreview ?? '')).toBe(65_536);
    expect(JSON.parse(first?.response ?? '')).toEqual({ pageviews: Array(4).fill({ success: true }) });
    expect(Date.parse(first?.startedAt ?? '')).not.toBeNaN();
    for (const key of h.keys) expect(JSON.stringify(report)).not.toContain(key);

    const whole = data<{ text: string }>(await h.call('send:request-body', { runId: 'run-1', request: 1 }));
    expect(Buffer.byteLength(whole.text)).toBe(first?.bodyBytes);
    expect((JSON.parse(whole.text) as { pageviews: { id: string }[] }).pageviews.map((e) => e.id)).toEqual([
      'e0',
      'e1',
      'e2',
      'e3',
    ]);
    expect(whole.text.startsWith(first?.bodyPreview ?? 'none')).toBe(true);
    const missing = await h.call('send:request-body', { runId: 'run-1', request: 3 });
    expect(missing.ok ? 'ok' : missing.error.code).toBe('not-found');
  });

  it('forgets the bodies of older runs, keeping the last few', async () => {
    const h = await harness();
    const batchText = JSON.stringify({ clicks: events(2) });
    for (let run = 1; run <= RUNS_KEPT + 1; run++)
      data<SendReport>(await h.call('send:start', { runId: `r${run}`, profileId: 'local-sandbox', batchText }));
    const oldest = await h.call('send:request-body', { runId: 'r1', request: 1 });
    expect(oldest.ok ? 'ok' : oldest.error.code).toBe('not-found');
    expect(
      data<{ text: string }>(await h.call('send:request-body', { runId: `r${RUNS_KEPT + 1}`, request: 1 })).text,
    ).toContain('"e1"');
  });

  it('keeps the batch text in history exactly as sent, written from its bytes or, with a lone surrogate, from the text', async () => {
    const h = await harness();
    const texts = [
      JSON.stringify({ wörk: [{ id: 'u1', text: 'a😀b' }] }, null, 2),
      '{"views":[{"id":"s1","text":"\ud800x"}]}',
    ];
    for (const [i, batchText] of texts.entries()) {
      const runId = `history-${i}`;
      data<SendReport>(await h.call('send:start', { runId, profileId: 'local-sandbox', batchText }));
      const shown = data<{ run: { batchText: string } }>(await h.call('runs:show', { id: runId })).run;
      expect(shown.batchText).toBe(i === 0 ? batchText : batchText.replace('\ud800', '\ufffd'));
    }
  });

  it('cancels a run under way: answered requests keep their outcomes, the one in flight is unknown', async () => {
    const h = await harness(400);
    const batchText = JSON.stringify({ clicks: events(30) });
    const started = h.call('send:start', { runId: 'slow', profileId: 'local-sandbox', batchText, chunkSize: 5 });
    await expect
      .poll(async () => data<{ cancelled: boolean }>(await h.call('send:cancel', { runId: 'slow' })).cancelled, {
        timeout: 30_000,
      })
      .toBe(true);
    const report = data<SendReport>(await started);
    expect(report.cancelled).toBe(true);
    expect(report.outcomes).toHaveLength(30);
    const inFlight = report.outcomes.filter((o) => o.outcome === 'unknown');
    expect(inFlight.length).toBeLessThanOrEqual(5);
    expect(
      report.outcomes.filter((o) => o.outcome === 'accepted' || o.outcome === 'unknown' || o.outcome === 'not-sent'),
    ).toHaveLength(30);
  });

  it('hands a report of more than a page of outcomes back in pages that equal the whole list of the run', async () => {
    const h = await harness();
    const total = OUTCOMES_PAGE + 2_345;
    const batchText = JSON.stringify({ views: events(total) });
    const report = data<SendReport>(
      await h.call('send:start', { runId: 'big', profileId: 'local-sandbox', batchText }),
    );
    expect(report.outcomes).toEqual([]);
    expect(report.outcomesPaged).toBe(true);
    expect(report.outcomesTotal).toBe(total);
    const paged: EventOutcome[] = [];
    for (let from = 0; from < total; from += OUTCOMES_PAGE) {
      const page = data<{ outcomes: EventOutcome[]; total: number }>(
        await h.call('send:outcomes', { runId: 'big', from, count: OUTCOMES_PAGE }),
      );
      expect(page.total).toBe(total);
      paged.push(...page.outcomes);
    }
    expect(paged.map((o) => o.id)).toEqual(events(total).map((e) => e.id));
    expect(paged.every((o) => o.outcome === 'accepted')).toBe(true);
    // The same list history keeps for the run.
    const shown = data<{ outcomes: EventOutcome[] }>(await h.call('runs:show', { id: 'big' }));
    expect(paged).toEqual(shown.outcomes);

    const past = data<{ outcomes: EventOutcome[] }>(
      await h.call('send:outcomes', { runId: 'big', from: total, count: 10 }),
    );
    expect(past.outcomes).toEqual([]);
    const tooMany = await h.call('send:outcomes', { runId: 'big', from: 0, count: OUTCOMES_PAGE + 1 });
    expect(tooMany.ok ? 'ok' : tooMany.error.code).toBe('bad-input');
    const negative = await h.call('send:outcomes', { runId: 'big', from: -1, count: 10 });
    expect(negative.ok ? 'ok' : negative.error.code).toBe('bad-input');
  });

  it('records more left-out events than a request holds (valid only) in history exactly as the report says', async () => {
    const h = await harness();
    const list = events(100).map((e, i) => (i % 3 === 0 ? { ...e, tp_source: 'x' } : e));
    const batchText = JSON.stringify({ views: list, clicks: events(5) });
    const report = data<SendReport>(
      await h.call('send:start', {
        runId: 'left-out',
        profileId: 'local-sandbox',
        batchText,
        chunkSize: 10,
        mode: 'valid-only',
      }),
    );
    const notSent = report.outcomes.filter((o) => o.outcome === 'not-sent');
    expect(notSent.map((o) => o.index)).toEqual(list.flatMap((_, i) => (i % 3 === 0 ? [i] : [])));
    expect(notSent.every((o) => o.message !== undefined && o.request === undefined)).toBe(true);
    const shown = data<{ outcomes: EventOutcome[] }>(await h.call('runs:show', { id: 'left-out' }));
    expect(shown.outcomes).toEqual(report.outcomes);
  });

  it('keeps small reports whole, and forgets the outcomes of older runs like their bodies', async () => {
    const h = await harness();
    const batchText = JSON.stringify({ clicks: events(3) });
    for (let run = 1; run <= RUNS_KEPT + 1; run++) {
      const report = data<SendReport>(
        await h.call('send:start', { runId: `o${run}`, profileId: 'local-sandbox', batchText }),
      );
      expect(report.outcomes).toHaveLength(3);
      expect(report.outcomesPaged).toBeUndefined();
    }
    const oldest = await h.call('send:outcomes', { runId: 'o1', from: 0, count: 10 });
    expect(oldest.ok ? 'ok' : oldest.error.code).toBe('not-found');
    if (!oldest.ok) expect(oldest.error.message).toContain('o1');
    const unknown = await h.call('send:outcomes', { runId: 'never', from: 0, count: 10 });
    expect(unknown.ok ? 'ok' : unknown.error.code).toBe('not-found');
    const latest = data<{ outcomes: EventOutcome[] }>(
      await h.call('send:outcomes', { runId: `o${RUNS_KEPT + 1}`, from: 1, count: 10 }),
    );
    expect(latest.outcomes.map((o) => o.id)).toEqual(['e1', 'e2']);
  });

  it('sends a text handed over in pieces exactly as the same text given whole, and drops the stage after use', async () => {
    const h = await harness();
    // Pieces cut inside a surrogate pair and inside an event still join to the same text.
    const batchText = JSON.stringify({ views: events(40, 'a😀b') });
    const direct = data<SendReport>(
      await h.call('send:start', { runId: 'direct', profileId: 'local-sandbox', batchText, chunkSize: 7 }),
    );
    data(await h.call('sandbox:reset', {}));
    const cuts = [0, batchText.indexOf('😀') + 1, 101, Math.floor(batchText.length / 2), batchText.length];
    for (let i = 0; i + 1 < cuts.length; i++) {
      const piece = batchText.slice(cuts[i], cuts[i + 1]);
      const staged = data<{ chars: number }>(await h.call('send:stage', { stageId: 'staged', piece }));
      expect(staged.chars).toBe(cuts[i + 1]);
    }
    const staged = data<SendReport>(
      await h.call('send:start', { runId: 'staged', profileId: 'local-sandbox', stagedText: 'staged', chunkSize: 7 }),
    );
    const shape = (r: SendReport) => ({
      outcomes: r.outcomes,
      collections: r.collections,
      requests: r.requests.map((q) => [q.request, q.eventCount, q.status, q.responseText]),
    });
    expect(shape(staged)).toEqual(shape(direct));
    expect(data<{ run: { batchText: string } }>(await h.call('runs:show', { id: 'staged' })).run.batchText).toBe(
      batchText,
    );
    const again = await h.call('send:start', { runId: 'again', profileId: 'local-sandbox', stagedText: 'staged' });
    expect(again.ok ? 'ok' : again.error.code).toBe('not-found');
  });

  it('refuses a piece over the bound, a send naming both texts or none, and pieces of a cancelled send', async () => {
    const h = await harness();
    const big = await h.call('send:stage', { stageId: 's', piece: 'x'.repeat(STAGE_PIECE_CHARS + 1) });
    expect(big.ok ? 'ok' : big.error.code).toBe('bad-input');
    const both = await h.call('send:start', {
      runId: 'b',
      profileId: 'local-sandbox',
      batchText: '{}',
      stagedText: 's',
    });
    expect(both.ok ? 'ok' : both.error.code).toBe('bad-input');
    const none = await h.call('send:start', { runId: 'n', profileId: 'local-sandbox' });
    expect(none.ok ? 'ok' : none.error.code).toBe('bad-input');

    data(await h.call('send:stage', { stageId: 'c', piece: '{"views":' }));
    expect(data<{ cancelled: boolean }>(await h.call('send:cancel', { runId: 'c' })).cancelled).toBe(true);
    const late = await h.call('send:stage', { stageId: 'c', piece: '[]}' });
    expect(late.ok ? 'ok' : late.error.code).toBe('cancelled');
    const start = await h.call('send:start', { runId: 'c', profileId: 'local-sandbox', stagedText: 'c' });
    expect(start.ok ? 'ok' : start.error.code).toBe('not-found');
  });
});
