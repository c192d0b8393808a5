// The send service behind `send:start` / `send:request-body`, over a real embedded sandbox: one attempt
// record per attempt with the key masked, whole bodies on request for recent runs only, and cancel.
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAppServices, type AppServices } from '../../../../electron/services/app-services';
import { createRouter } from '../../../../electron/router/router';
import { RUNS_KEPT } from '../../../../electron/services/send-service';
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
});
