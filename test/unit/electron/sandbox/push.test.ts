// Pushes through the real store on a real temp folder: answers, what is stored, and what the log holds,
// on the fast path (a batch stored exactly as sent is logged as its own text) and off it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openEventStore, type EventStore } from '../../../../electron/sandbox/event-store';
import { LOG_FILE_NAME } from '../../../../electron/sandbox/event-log';
import { createFaults } from '../../../../electron/sandbox/faults';
import { pushBatch, pushSingle, type PushContext } from '../../../../electron/sandbox/push';

let dir: string;
let store: EventStore;
const context = (overrides: Partial<PushContext> = {}): PushContext => ({
  store,
  faults: createFaults({ latencyMs: 0, failEvents: 0, failRequests: 0, dropRequests: 0, seed: 7 }),
  duplicates: 'report',
  ...overrides,
});
const open = () => openEventStore({ dataDir: dir, warn: () => undefined });
const logText = () => readFileSync(join(dir, LOG_FILE_NAME), 'utf8');
const reopened = async (collection: string) => {
  await store.close();
  store = await open();
  return store.events(collection);
};

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sandbox-push-'));
  store = await open();
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const STAMP = '2024-01-01T00:00:00.000Z';

describe('pushBatch', () => {
  it('logs a batch stored exactly as sent as its own text, pretty-printed too, and reads it back the same', async () => {
    const text = `{\n  "a": [{"id": "1", "timestamp": "${STAMP}", "n": {"deep": [1, "x\\ny"]}}],\n  "b": [{"id": 2, "timestamp": "${STAMP}"}]\n}`;
    const reply = await pushBatch(context(), text);
    expect(reply).toEqual({ status: 200, body: '{"a":[{"success":true}],"b":[{"success":true}]}' });
    expect(logText()).toContain('"t":"batch"');
    expect(logText().trimEnd().split('\n')).toHaveLength(1);
    expect(await reopened('a')).toEqual([{ id: '1', timestamp: STAMP, n: { deep: [1, 'x\ny'] } }]);
    expect(store.events('b')).toEqual([{ id: 2, timestamp: STAMP }]);
  });

  it('logs the stored form when an event was changed (id or timestamp added, timestamp converted)', async () => {
    const reply = await pushBatch(
      context(),
      `{"c": [{"id": "x", "timestamp": "2024-01-01T01:00:00+01:00"}, {"v": 1}]}`,
    );
    expect(reply).toEqual({ status: 200, body: '{"c":[{"success":true},{"success":true}]}' });
    expect(logText()).toContain('"t":"push"');
    const events = await reopened('c');
    expect(events[0]).toEqual({ id: 'x', timestamp: STAMP });
    expect(events[1]).toMatchObject({ v: 1, id: expect.any(String), timestamp: expect.any(String) });
  });

  it('a batch with a rejected or duplicate event logs only what was stored', async () => {
    const text = `{"c": [{"id": "d", "timestamp": "${STAMP}"}, {"id": "d", "timestamp": "${STAMP}"}, {"_id": 1}]}`;
    const reply = await pushBatch(context(), text);
    expect(JSON.parse((reply as { body: string }).body)).toEqual({
      c: [
        { success: true },
        { success: false, duplicate: true, message: 'An event with the same id has already been inserted.' },
        { success: false, message: "Top level properties cannot be named '_id'." },
      ],
    });
    expect(await reopened('c')).toEqual([{ id: 'd', timestamp: STAMP }]);
  });

  it('an event nested too deeply to serialize is rejected, its neighbours stored', async () => {
    // 30,000 levels stay under the 64 KiB rule but are deeper than JSON.stringify can go.
    const deep = '['.repeat(30_000) + ']'.repeat(30_000);
    const text = `{"c": [{"id": "ok", "timestamp": "${STAMP}"}, {"v": ${deep}}]}`;
    const reply = await pushBatch(context(), text);
    expect(JSON.parse((reply as { body: string }).body)).toEqual({
      c: [{ success: true }, { success: false, message: 'The event is nested too deeply.' }],
    });
    expect(await reopened('c')).toEqual([{ id: 'ok', timestamp: STAMP }]);
  });

  it('a failed write takes the events out of memory again, so a resend is not a duplicate', async () => {
    const failing = await openEventStore({ dataDir: join(dir, 'other'), warn: () => undefined });
    await failing.close(); // a closed log refuses every append
    await expect(
      pushBatch(context({ store: failing }), `{"c": [{"id": "w", "timestamp": "${STAMP}"}]}`),
    ).rejects.toThrow(/closed/);
    expect(failing.hasId('c', 'w')).toBe(false);
    expect(failing.count()).toBe(0);
  });
});

describe('pushSingle', () => {
  it('stores one event with an empty 200, answers 409 for its id again, and 422 with the field path', async () => {
    expect(await pushSingle(context(), 'c', `{"id": "s", "timestamp": "${STAMP}"}`)).toEqual({ status: 200 });
    expect(await pushSingle(context(), 'c', '{"id": "s"}')).toEqual({
      status: 409,
      body: JSON.stringify({ errorMessage: "An event with the same 'id' has already been inserted." }),
    });
    expect(await pushSingle(context(), 'c', '{"items": [{"first.name": 1}]}')).toEqual({
      status: 422,
      body: JSON.stringify({
        errors: [{ field: 'items[0].first.name', description: 'Property names cannot contain a period (.).' }],
      }),
    });
    expect(await reopened('c')).toEqual([{ id: 's', timestamp: STAMP }]);
  });
});
