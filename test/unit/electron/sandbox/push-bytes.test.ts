// A batch push read from bytes answers and stores exactly what the push over its text does: the same batches
// go through both, each into its own durable store on a real temp folder, and the answers, the stored events
// and the events read back after a restart are compared, faults and duplicates included.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openEventStore, type EventStore, type StoredEvent } from '../../../../electron/sandbox/event-store';
import { LOG_FILE_NAME } from '../../../../electron/sandbox/event-log';
import { createFaults } from '../../../../electron/sandbox/faults';
import { pushBatch, type DuplicateMode, type PushContext } from '../../../../electron/sandbox/push';
import { pushBatchBytes } from '../../../../electron/sandbox/push-bytes';
import { MESSAGES } from '../../../../electron/sandbox/api-messages';

const S = '2024-01-01T00:00:00.000Z';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

interface Side {
  dir: string;
  store: EventStore;
  context: PushContext;
}

let text: Side;
let bytes: Side;

const open = (dir: string) => openEventStore({ dataDir: dir, warn: () => undefined });
async function side(failEvents = 0, duplicates: DuplicateMode = 'report'): Promise<Side> {
  const dir = mkdtempSync(join(tmpdir(), 'sandbox-push-bytes-'));
  const store = await open(dir);
  const faults = createFaults({ latencyMs: 0, failEvents, failRequests: 0, dropRequests: 0, seed: 11 });
  return { dir, store, context: { store, faults, duplicates } };
}
const setUp = async (failEvents = 0, duplicates: DuplicateMode = 'report') => {
  await tearDown();
  text = await side(failEvents, duplicates);
  bytes = await side(failEvents, duplicates);
};
async function tearDown(): Promise<void> {
  for (const s of [text, bytes]) {
    if (!s) continue;
    await s.store.close();
    rmSync(s.dir, { recursive: true, force: true });
  }
}

beforeEach(() => setUp());
afterEach(tearDown);

/**
 * The events as an export shows them (JSON: -0 is 0, which the text path's own log already makes of it), but
 * for generated ids and receive times (every sent timestamp is in 2024), which may differ between the two stores.
 */
const comparable = (events: readonly StoredEvent[]) =>
  (JSON.parse(JSON.stringify(events)) as StoredEvent[]).map((event) => ({
    ...event,
    ...(typeof event['id'] === 'string' && UUID.test(event['id']) ? { id: '<generated>' } : {}),
    ...(String(event['timestamp']).startsWith('2024-') ? {} : { timestamp: '<received>' }),
  }));

async function pushBoth(body: string): Promise<void> {
  const fromText = await pushBatch(text.context, body);
  const fromBytes = await pushBatchBytes(bytes.context, Buffer.from(body));
  expect(fromBytes, body).toEqual(fromText);
}

async function expectSameStores(collections: readonly string[]): Promise<void> {
  const snapshot = (store: EventStore) => ({
    count: store.count(),
    collections: store.collections(),
    events: collections.map((name) => comparable(store.events(name))),
  });
  expect(snapshot(bytes.store)).toEqual(snapshot(text.store));
  for (const s of [text, bytes]) {
    await s.store.close();
    s.store = await open(s.dir);
    s.context = { ...s.context, store: s.store };
  }
  expect(snapshot(bytes.store)).toEqual(snapshot(text.store));
}

const event = (id: unknown, extra = ''): string => `{"id":${JSON.stringify(id)},"timestamp":"${S}"${extra}}`;

describe('pushBatchBytes', () => {
  it('answers and stores as the text path does, across clean, partial and refused batches', async () => {
    const bodies = [
      `{"c":[${event('a1', ',"n":1')},${event(2)}]}`,
      `{\n  "c": [\n    {"id": "a3", "timestamp": "${S}", "s": "x\\ny", "deep": {"k": [1, {"z": null}]}}\n  ],\n  "d": []\n}`,
      // Duplicates of stored events and inside the batch, between events that are stored.
      `{"c": [ ${event('a1')} , {"id": "k2", "timestamp": "${S}"}, ${event('k2')}, ${event('k3')} ]}`,
      // Ids by JSON type and as JSON.parse reads them: 1e2 is 100, -0 is 0, an escape is its letter.
      `{"n":[${event(1e2)},{"id":100,"timestamp":"${S}"},{"id":-0,"timestamp":"${S}"},${event(0)},${event('1')}]}`,
      `{"n":[{"id":"\\u0061b","timestamp":"${S}"},${event('ab')},{"id":1.0,"timestamp":"${S}"},${event(1)}]}`,
      // The last of a repeated id or timestamp is the one that counts.
      `{"r":[{"id":"r1","id":"r2","timestamp":"${S}"},${event('r2')},${event('r1')}]}`,
      `{"r":[{"id":"r3","timestamp":"2024-01-01T00:00:00Z","timestamp":"${S}"},{"id":"r4","timestamp":"${S}","timestamp":"2024-01-01T00:00:00Z"}]}`,
      // Events the text path changes or refuses: no id, a timestamp to convert, a broken rule, an escaped stamp.
      `{"c":[{"timestamp":"${S}"},${event('k4')}]}`,
      `{"c":[{"id":"k5","timestamp":"2024-01-01T01:00:00+01:00"},${event('k6')}]}`,
      `{"c":[{"id":"k7","timestamp":"${S}","tp_x":1},${event('k8')},{"id":"","timestamp":"${S}"}]}`,
      `{"c":[{"id":"k9","timestamp":"2024-01-01T00:00:00.00\\u0030Z"}]}`,
      `{"c":[{"id":"k10"}]}`,
      // Collections: escaped names, names JSON.parse reorders, a name given twice, empty batches.
      `{"\\u0063":[${event('k11')}],"1":[${event('o1')}],"0":[${event('o0')}]}`,
      `{"c":[${event('k12')}],"c":[${event('k13')}]}`,
      `{}`,
      `{"e":[]}`,
      // Whole-request refusals, in the spec's order.
      `{"c":[${event('k14')}],"$x":[]}`,
      `{"c":[${event('k15')}],"d":{}}`,
      `{"c":[${event('k16')}]`,
      `[${event('k17')}]`,
      `{"big":[${Array.from({ length: 5001 }, (_, i) => event(`b${i}`)).join(',')}]}`,
      `{"c":[${event('k18')}]} x`,
    ];
    for (const body of bodies) await pushBoth(body);
    await expectSameStores(['c', 'd', 'e', 'n', 'r', '0', '1', 'big']);
    // Read back from the log, the ids are claimed again: every event is a duplicate now.
    const again = await pushBatchBytes(bytes.context, Buffer.from(bodies[0] as string));
    expect(again.body).toBe(
      `{"c":[${[0, 1].map(() => JSON.stringify({ success: false, duplicate: true, message: MESSAGES.duplicateInBatch })).join(',')}]}`,
    );
    await pushBoth(bodies[1] as string);
  });

  it('leaves events nested deeper than it takes to the text path, with the same answers', async () => {
    const deep = `${'{"a":'.repeat(1200)}1${'}'.repeat(1200)}`;
    await pushBoth(`{"c":[{"id":"d1","timestamp":"${S}","x":${deep}},${event('d2')}]}`);
    const shallow = `${'['.repeat(990)}${']'.repeat(990)}`;
    await pushBoth(`{"c":[{"id":"d3","timestamp":"${S}","x":${shallow}}]}`);
    await expectSameStores(['c']);
  });

  it('draws the injected failures as the text path does', async () => {
    await setUp(0.3);
    for (let b = 0; b < 4; b++)
      await pushBoth(`{"c":[${Array.from({ length: 50 }, (_, i) => event(`f${(b * 50 + i) % 120}`)).join(',')}]}`);
    await expectSameStores(['c']);
  });

  it('answers duplicates as successes in silent mode', async () => {
    await setUp(0, 'silent');
    await pushBoth(`{"c":[${event('s1')}]}`);
    await pushBoth(`{"c":[${event('s1')},${event('s2')}]}`);
    await expectSameStores(['c']);
  });

  it('logs a partial batch as its own bytes, one record a line, and reads it back', async () => {
    await pushBoth(`{"c":[${event('p1')}]}`);
    const body = `{"c": [\n  {"id": "p1", "timestamp": "${S}"},\n  {"id": "p2", "timestamp": "${S}",\n "v": 1},\n  {"id": "p3", "timestamp": "${S}"}\n]}`;
    await pushBoth(body);
    const log = readFileSync(join(bytes.dir, LOG_FILE_NAME), 'utf8');
    expect(log.trimEnd().split('\n')).toHaveLength(2);
    expect(log).toContain(`{"id": "p2", "timestamp": "${S}",  "v": 1},   {"id": "p3"`);
    await expectSameStores(['c']);
    expect(bytes.store.events('c').map((e) => e['id'])).toEqual(['p1', 'p2', 'p3']);
  });

  it('keeps the few events a mostly refused batch stored, in order, without the rest of its bytes', async () => {
    const ids = Array.from({ length: 20 }, (_, i) => `m${i}`);
    await pushBoth(
      `{"c":[${ids
        .filter((_, i) => i % 7 !== 3)
        .map((id) => event(id))
        .join(',')}]}`,
    );
    await pushBoth(`{"c":[${ids.map((id) => event(id, ',"again":true')).join(', ')}]}`);
    expect(
      bytes.store
        .events('c')
        .filter((e) => e['again'] === true)
        .map((e) => e['id']),
    ).toEqual(['m3', 'm10', 'm17']);
    await expectSameStores(['c']);
  });

  it('gives an export the events of a batch kept as bytes, a chunk at a time', async () => {
    await pushBoth(`{"c":[${event('x1')},${event('x2')}]}`);
    await pushBoth(`{"c":[${event('x3')}]}`);
    const chunks = [...bytes.store.eventChunks('c')];
    expect(chunks.map((chunk) => chunk.map((e) => e['id']))).toEqual([['x1', 'x2'], ['x3']]);
    await pushBoth(`{"c":[${event('x4')}]}`);
    await bytes.store.parseEvents('c');
    expect(bytes.store.events('c').map((e) => e['id'])).toEqual(['x1', 'x2', 'x3', 'x4']);
  });
});
