// The sandbox's store on a real temp folder: ids by JSON type (claimed once, given back), deletes and resets that survive a restart,
// both kinds of push record read back, and events taken back out when their write fails.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openEventStore, type EventStore, type StoredEvent } from '../../../../electron/sandbox/event-store';

let dir: string;
let store: EventStore;
const open = () => openEventStore({ dataDir: dir, warn: () => undefined });
const restart = async () => {
  await store.close();
  store = await open();
};
const claimAll = (collection: string, events: StoredEvent[]) =>
  events.every(({ id }) => (typeof id === 'string' || typeof id === 'number') && store.claimId(collection, id));
const put = async (collection: string, events: StoredEvent[], batchText?: string) => {
  expect(claimAll(collection, events)).toBe(true);
  store.append(collection, events);
  await store.persist([{ collection, json: events.map((e) => JSON.stringify(e)), events }], batchText);
};

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sandbox-store-'));
  store = await open();
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('event store', () => {
  it('keeps ids per collection and by JSON type: 1 and "1" are different ids', async () => {
    await put('c', [{ id: 1 }, { id: 'a' }]);
    expect(store.hasId('c', 1)).toBe(true);
    expect(store.hasId('c', '1')).toBe(false);
    expect(store.hasId('c', 'a')).toBe(true);
    expect(store.hasId('other', 1)).toBe(false);
    expect(store.claimId('c', 1)).toBe(false);
    expect(store.claimId('c', '1')).toBe(true);
    store.releaseId('c', '1');
    expect(store.hasId('c', '1')).toBe(false);
    await restart();
    expect(store.hasId('c', 1) && store.hasId('c', 'a')).toBe(true);
    expect(store.count()).toBe(2);
  });

  it('reads back push records and batch records in order, with deletes in between', async () => {
    await put('c', [{ id: 1, n: 1 }]);
    await put('c', [{ id: 2, n: 2 }], '{"c": [{"id": 2, "n": 2}]}');
    await store.deleteCollection('c');
    await put('c', [{ id: 1, n: 3 }], '{"c":\n[{"id": 1, "n": 3}]}');
    await restart();
    expect(store.events('c')).toEqual([{ id: 1, n: 3 }]);
    expect(store.hasId('c', 2)).toBe(false);
  });

  it('a reset empties memory and the log', async () => {
    await put('c', [{ id: 1 }]);
    await store.clear();
    expect(store.count()).toBe(0);
    await restart();
    expect(store.events('c')).toEqual([]);
  });

  it('takes events back out of memory when their write fails', async () => {
    await put('c', [{ id: 'kept' }]);
    await store.close();
    const event = { id: 'lost' };
    expect(claimAll('c', [event])).toBe(true);
    store.append('c', [event]);
    await expect(store.persist([{ collection: 'c', json: ['{"id":"lost"}'], events: [event] }])).rejects.toThrow();
    expect(store.hasId('c', 'lost')).toBe(false);
    expect(store.events('c')).toEqual([{ id: 'kept' }]);
    store = await open();
  });
});
