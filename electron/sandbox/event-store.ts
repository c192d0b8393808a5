// The sandbox's stored events: an in-memory index per collection (events in insertion order, ids by JSON
// type) in front of an optional append-only log, so pushes and exports stay fast at a million events.
import { isJsonObject } from '../../core/json/value';
import { openEventLog, type EventLog } from './event-log';
import { createIdIndex, type IdIndex } from './id-index';

export type StoredEvent = Record<string, unknown>;

interface Collection {
  readonly events: StoredEvent[];
  // spec §4 "Ids (Decided)": `1` and `"1"` are different ids (the index compares with ===).
  readonly ids: IdIndex;
}

/** Accepted events of one request, by collection, in the order they were accepted: as JSON for the log, and the objects added to memory. */
export type AcceptedEvents = {
  readonly collection: string;
  readonly json: readonly string[];
  readonly events: readonly StoredEvent[];
}[];

export interface EventStore {
  hasId(collection: string, id: string | number): boolean;
  /**
   * Takes `id` in the collection for an event about to be stored, in one lookup: false when it is taken
   * already (spec §5: a duplicate). A claimed id counts from then on, also for later events of the same batch.
   */
  claimId(collection: string, id: string | number): boolean;
  /** Gives back an id claimed for an event that was not stored after all (an injected failure). */
  releaseId(collection: string, id: string | number): void;
  /** Adds valid, normalised events whose ids are claimed to memory; `persist` makes them durable. */
  append(collection: string, events: readonly StoredEvent[]): void;
  /**
   * Resolves when these events, and everything added or removed before, are on disk. When the write fails
   * they are taken out of memory again: the client hears 500 and may resend them, which must not be a duplicate.
   * `batchText`, when given, is the request's batch document, every event of which was stored exactly as sent:
   * it is logged as it is instead of the events' `json`.
   */
  persist(accepted: AcceptedEvents, batchText?: string): Promise<void>;
  events(collection: string): readonly StoredEvent[];
  /** Every collection holding events, with its count, by name. */
  collections(): { name: string; count: number }[];
  deleteCollection(collection: string): Promise<void>;
  clear(): Promise<void>;
  count(): number;
  close(): Promise<void>;
}

export interface EventStoreOptions {
  /** Folder of the log; memory only when absent. */
  readonly dataDir?: string;
  readonly warn: (message: string) => void;
}

// Log records: `{"t":"push","b":[[collection,[event,...]],...]}` holds a request's accepted events,
// `{"t":"batch","b":{collection:[event,...],...}}` a batch document all of whose events were stored as sent,
// `{"t":"delete","c":collection}` a deleted collection. A reset empties the file instead.
const pushRecord = (accepted: AcceptedEvents): string =>
  '{"t":"push","b":[' +
  accepted.map(({ collection, json }) => `[${JSON.stringify(collection)},[${json.join(',')}]]`).join(',') +
  ']}';

// A raw line feed in valid JSON is whitespace (strings cannot hold one), and a record must fit on one line.
const batchRecord = (batchText: string): string[] => [
  '{"t":"batch","b":',
  batchText.includes('\n') ? batchText.replaceAll('\n', ' ') : batchText,
  '}',
];

export async function openEventStore(options: EventStoreOptions): Promise<EventStore> {
  const collections = new Map<string, Collection>();
  let total = 0;

  const collectionFor = (name: string): Collection => {
    let collection = collections.get(name);
    if (!collection) {
      collection = { events: [], ids: createIdIndex() };
      collections.set(name, collection);
    }
    return collection;
  };

  const claimId = (name: string, id: string | number): boolean => collectionFor(name).ids.add(id);

  const append = (name: string, events: readonly StoredEvent[]): void => {
    const stored = collectionFor(name).events;
    for (let i = 0; i < events.length; i++) stored.push(events[i] as StoredEvent);
    total += events.length;
  };

  // Replay trusts the log: its events were checked when they were pushed.
  const add = (name: string, event: StoredEvent): void => {
    const id = event['id'];
    if (typeof id === 'string' || typeof id === 'number') claimId(name, id);
    collectionFor(name).events.push(event);
    total++;
  };

  const remove = (name: string): void => {
    const collection = collections.get(name);
    if (!collection) return;
    total -= collection.events.length;
    collections.delete(name);
  };

  const discard = (accepted: AcceptedEvents): void => {
    for (const { collection: name, events } of accepted) {
      const collection = collections.get(name);
      if (!collection) continue;
      const gone = new Set<StoredEvent>(events);
      let kept = 0;
      for (const event of collection.events) if (!gone.has(event)) collection.events[kept++] = event;
      total -= collection.events.length - kept;
      collection.events.length = kept;
      for (const event of events) {
        const id = event['id'];
        if (typeof id === 'string' || typeof id === 'number') collection.ids.delete(id);
      }
    }
  };

  let log: EventLog | undefined;
  if (options.dataDir !== undefined) {
    const opened = await openEventLog(options.dataDir, options.warn);
    log = opened.log;
    for (const record of opened.records) replay(record, add, remove, options.warn);
  }

  return {
    hasId(name, id) {
      const collection = collections.get(name);
      if (!collection) return false;
      return collection.ids.has(id);
    },
    claimId,
    releaseId(name, id) {
      collections.get(name)?.ids.delete(id);
    },
    append,
    persist(accepted, batchText) {
      if (!log) return Promise.resolve();
      if (accepted.length === 0) return log.settled();
      return log
        .append(...(batchText === undefined ? [pushRecord(accepted)] : batchRecord(batchText)))
        .catch((error: unknown) => {
          discard(accepted);
          throw error;
        });
    },
    events: (name) => collections.get(name)?.events ?? [],
    collections: () =>
      [...collections]
        .filter(([, collection]) => collection.events.length > 0)
        .map(([name, collection]) => ({ name, count: collection.events.length }))
        .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
    async deleteCollection(name) {
      remove(name);
      if (log) await log.append(JSON.stringify({ t: 'delete', c: name }));
    },
    async clear() {
      collections.clear();
      total = 0;
      if (log) await log.truncate();
    },
    count: () => total,
    async close() {
      await log?.close();
    },
  };
}

function replay(
  record: unknown,
  add: (collection: string, event: StoredEvent) => void,
  remove: (collection: string) => void,
  warn: (message: string) => void,
): void {
  if (isJsonObject(record) && record['t'] === 'push' && Array.isArray(record['b'])) {
    for (const entry of record['b'] as unknown[]) {
      if (!Array.isArray(entry) || typeof entry[0] !== 'string' || !Array.isArray(entry[1])) continue;
      const name = entry[0];
      for (const event of entry[1] as unknown[]) if (isJsonObject(event)) add(name, event);
    }
    return;
  }
  if (isJsonObject(record) && record['t'] === 'batch' && isJsonObject(record['b'])) {
    for (const [name, events] of Object.entries(record['b'])) {
      if (Array.isArray(events)) for (const event of events as unknown[]) if (isJsonObject(event)) add(name, event);
    }
    return;
  }
  if (isJsonObject(record) && record['t'] === 'delete' && typeof record['c'] === 'string') {
    remove(record['c']);
    return;
  }
  warn('sandbox storage: a record of an unknown kind was skipped');
}
