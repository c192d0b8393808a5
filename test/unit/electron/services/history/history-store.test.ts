// The history store on real temp folders: a run recorded as it goes, listed, searched, bounded, deleted;
// a run whose process died mid-send reads back incomplete with what its journal holds.
import { appendFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createHistoryStore,
  type HistoryStore,
  type RunStart,
} from '../../../../../electron/services/history/history-store';
import { createHistoryService } from '../../../../../electron/services/history/history-service';
import type { EventOutcome } from '../../../../../core/send/outcome';

let dir: string;
let n = 0;
const store = (limits: { maxRuns?: number; maxBytes?: number } = {}): HistoryStore =>
  createHistoryStore({ dir, newRunId: (at) => `${at.slice(0, 10)}-${++n}`, ...limits });

const start = (over: Partial<RunStart> = {}): RunStart => ({
  startedAt: '2026-12-01T10:00:00.000Z',
  target: { name: 'Staging', url: 'http://127.0.0.1:1', projectId: 'p1' },
  source: 'views.json',
  batchText: '{"views":[{"id":"a"},{"id":"b"},{"page":3}]}',
  collections: [{ name: 'views', events: 3 }],
  ...over,
});

const outcomes: EventOutcome[] = [
  { collection: 'views', index: 0, id: 'a', outcome: 'accepted', request: 1 },
  {
    collection: 'views',
    index: 1,
    id: 'b',
    outcome: 'rejected',
    message: 'Property names cannot start with $.',
    request: 1,
  },
  { collection: 'views', index: 2, outcome: 'unknown', message: 'no answer', request: 2 },
];
const request = (n: number) => ({ request: n, eventCount: 1, attempts: 1, status: 200, responseText: '{}' });

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bs-history-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('history store', () => {
  it('records a run as it goes and keeps the exact batch, the requests and every outcome', async () => {
    const history = store();
    const recorder = await history.begin(start({ id: 'app-run-1' }));
    expect(recorder.id).toBe('app-run-1');
    recorder.record(outcomes.slice(0, 2), request(1));
    // Mid-send, another reader sees an incomplete run with what is known so far.
    const during = await history.list();
    expect(during.map((r) => [r.id, r.complete, r.counts.accepted, r.counts.rejected])).toEqual([
      ['app-run-1', false, 1, 1],
    ]);
    recorder.record(outcomes.slice(2), request(2));
    const meta = await recorder.finish({
      finishedAt: '2026-12-01T10:00:02.500Z',
      cancelled: false,
      outcomes,
      requests: [request(1), request(2)],
    });
    expect(meta).toMatchObject({
      complete: true,
      durationMs: 2500,
      counts: { accepted: 1, rejected: 1, unknown: 1, duplicate: 0, 'not-sent': 0 },
    });
    const shown = await history.show('app-run-1');
    expect(shown.batchText).toBe(start().batchText);
    expect(shown.outcomes).toEqual(outcomes);
    expect(shown.requests.map((r) => r.request)).toEqual([1, 2]);
    expect(JSON.stringify(await readFile(join(dir, 'app-run-1', 'run.json'), 'utf8'))).not.toContain('key');
  });

  it('reads a run killed mid-send as incomplete, skipping a torn last journal line', async () => {
    const history = store();
    const recorder = await history.begin(start());
    recorder.record(outcomes.slice(0, 2), request(1));
    // What a kill -9 in the middle of a write leaves.
    await appendFile(join(dir, recorder.id, 'journal.ndjson'), '{"o":{"collection":"views","ind');
    const [run] = await createHistoryStore({ dir, newRunId: () => 'x' }).list();
    expect(run).toMatchObject({ id: recorder.id, complete: false, counts: { accepted: 1, rejected: 1, unknown: 0 } });
    expect(run?.finishedAt).toBeUndefined();
  });

  it('searches by event id, collection or message and filters by target and outcome', async () => {
    const history = store();
    const one = await history.begin(start({ startedAt: '2026-12-01T10:00:00.000Z' }));
    await one.finish({ finishedAt: '2026-12-01T10:00:01.000Z', cancelled: false, outcomes, requests: [] });
    const two = await history.begin(
      start({
        startedAt: '2026-12-01T11:00:00.000Z',
        target: { url: 'https://api.getconnect.io', projectId: 'prod' },
        collections: [{ name: 'clicks', events: 1 }],
        batchText: '{"clicks":[{}]}',
      }),
    );
    await two.finish({
      finishedAt: '2026-12-01T11:00:01.000Z',
      cancelled: false,
      outcomes: [{ collection: 'clicks', index: 0, outcome: 'accepted' }],
      requests: [],
    });
    const ids = async (filter: Parameters<HistoryStore['list']>[0]) => (await history.list(filter)).map((r) => r.id);
    expect(await ids({})).toEqual([two.id, one.id]);
    expect(await ids({ search: 'B' })).toEqual([one.id]);
    expect(await ids({ search: 'cannot start with' })).toEqual([one.id]);
    expect(await ids({ search: 'clicks' })).toEqual([two.id]);
    expect(await ids({ target: 'getconnect' })).toEqual([two.id]);
    expect(await ids({ outcome: 'unknown' })).toEqual([one.id]);
    expect(await ids({ search: 'nothing like it' })).toEqual([]);
  });

  it('keeps at most maxRuns runs (and maxBytes), the oldest going first', async () => {
    const history = store({ maxRuns: 2 });
    for (let hour = 10; hour < 14; hour++) {
      const r = await history.begin(start({ startedAt: `2026-12-01T${hour}:00:00.000Z` }));
      await r.finish({ finishedAt: `2026-12-01T${hour}:00:01.000Z`, cancelled: false, outcomes, requests: [] });
    }
    expect((await history.list()).map((r) => r.startedAt)).toEqual([
      '2026-12-01T13:00:00.000Z',
      '2026-12-01T12:00:00.000Z',
    ]);
    const small = store({ maxBytes: 1 });
    const r = await small.begin(start({ startedAt: '2026-12-01T15:00:00.000Z' }));
    await r.finish({ finishedAt: '2026-12-01T15:00:01.000Z', cancelled: false, outcomes, requests: [] });
    // The newest run is always kept, even alone over the limit.
    expect((await small.list()).map((x) => x.startedAt)).toEqual(['2026-12-01T15:00:00.000Z']);
  });

  it('deletes one run, clears all, and says plainly when a run is not there', async () => {
    const history = store();
    const a = await history.begin(start());
    await a.finish({ finishedAt: '2026-12-01T10:00:01.000Z', cancelled: false, outcomes, requests: [] });
    const b = await history.begin(start());
    await b.finish({ finishedAt: '2026-12-01T10:00:01.000Z', cancelled: false, outcomes, requests: [] });
    await history.remove(a.id);
    expect((await history.list()).map((r) => r.id)).toEqual([b.id]);
    await expect(history.remove(a.id)).rejects.toThrow(/No run/);
    await expect(history.show('../etc')).rejects.toThrow(/No run/);
    expect(await history.clear()).toBe(1);
    expect(await readdir(dir)).toEqual([]);
  });

  it('skips a damaged run.json instead of failing the whole list', async () => {
    const history = store();
    const a = await history.begin(start());
    await a.finish({ finishedAt: '2026-12-01T10:00:01.000Z', cancelled: false, outcomes, requests: [] });
    await mkdir(join(dir, 'broken'));
    await writeFile(join(dir, 'broken', 'run.json'), '{');
    expect((await history.list()).map((r) => r.id)).toEqual([a.id]);
  });
});

describe('history service', () => {
  it('exports results and failures under names that say source, target and time, and builds the resend batch', async () => {
    const history = store();
    const r = await history.begin(start());
    await r.finish({ finishedAt: '2026-12-01T10:00:01.000Z', cancelled: false, outcomes, requests: [] });
    const service = createHistoryService(history, () => 'new-id');
    const csv = await service.exportRun(r.id, 'csv');
    expect(csv.fileName).toBe('views-to-staging-20261201-100000-results.csv');
    expect(csv.text.split('\r\n')[0]).toBe('collection,index,id,outcome,message,request');
    expect((await service.exportRun(r.id, 'junit')).text).toContain('failures="2"');
    const resend = await service.resendFailures(r.id);
    expect(JSON.parse(resend.batchText)).toEqual({ views: [{ page: 3 }] });
    expect(resend.missingIds).toEqual([{ collection: 'views', index: 0, outcome: 'unknown' }]);
    expect(JSON.parse(resend.ruleRejectedText ?? '')).toEqual({ views: [{ id: 'b' }] });
    const withIds = await service.resendFailures(r.id, { addIds: true });
    expect(JSON.parse(withIds.batchText)).toEqual({ views: [{ id: 'new-id', page: 3 }] });
    expect(withIds.missingIds).toEqual([]);
    const failed = await service.exportRun(r.id, 'failed-batch');
    expect(JSON.parse(failed.text)).toEqual({ views: [{ page: 3 }, { id: 'b' }] });
    await expect(service.show('nope')).rejects.toMatchObject({ code: 'not-found' });
  });

  it('previews and applies an import', () => {
    const service = createHistoryService(store(), () => 'new-id');
    const input = { text: 'id,n\n,1\nx,2\n', collection: 'rows', addIds: true, rows: 1 };
    const preview = service.importPreview(input);
    expect(preview).toEqual({
      format: 'csv',
      events: [{ id: 'new-id', n: 1 }],
      total: 2,
      problems: [],
      columns: [
        { name: 'id', type: 'string' },
        { name: 'n', type: 'number' },
      ],
    });
    const applied = service.importApply(input);
    expect(JSON.parse(applied.eventsText)).toEqual({
      rows: [
        { id: 'new-id', n: 1 },
        { id: 'x', n: 2 },
      ],
    });
    expect(applied.count).toBe(2);
  });
});
