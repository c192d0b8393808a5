// The sandbox's stored events: an in-memory index per collection (events in insertion order, ids by JSON
// type) in front of an optional append-only log, so pushes and exports stay fast at a million events. A batch
// pushed as bytes is kept as those bytes and parsed only when something reads its events.
import { isJsonObject } from '../../core/json/value';
import { readBatchRuns } from './batch-runs';
import { openEventLog, type EventLog } from './event-log';
import { BatchBytes } from './log-framing';
import { createIdIndex, type IdIndex } from './id-index';

export type StoredEvent = Record<string, unknown>;

/**
 * One collection's events of one request, kept as that request's JSON bytes: `runs` holds [start, end) byte
 * ranges, each one event or several in a row (commas and whitespace between them), `count` events in all,
 * every one valid, in its stored form, with its id claimed.
 */
export interface EventRuns {
  readonly collection: string;
  readonly bytes: Buffer;
  readonly runs: Uint32Array;
  readonly count: number;
}

/**
 * Events of a collection in the order they were stored: objects (`open`: later appends join them), or runs of
 * bytes until they are read, parsed then and kept as objects.
 */
interface Chunk {
  events: StoredEvent[] | undefined;
  source: EventRuns | undefined;
  readonly open: boolean;
}

interface Collection {
  readonly chunks: Chunk[];
  count: number;
  // spec §4 "Ids (Decided)": `1` and `"1"` are different ids (the index keys them by JSON type).
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
  /** claimId for a string id given as its UTF-8 bytes [start, end) (a JSON string's, without escapes). */
  claimUtf8Id(collection: string, bytes: Uint8Array, start: number, end: number): boolean;
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
  /**
   * persist and append in one for events kept as bytes: the log write starts first, then they join memory.
   * `batch`, when given, is the request's whole batch document, every event of which is in `accepted`.
   */
  storeRuns(accepted: readonly EventRuns[], batch?: Buffer): Promise<void>;
  /** Every event of the collection (bytes still kept as bytes are parsed now, once). */
  events(collection: string): readonly StoredEvent[];
  /**
   * Parses the collection's events still kept as bytes, one batch at a time with a turn of the event loop after
   * each, so a read of a million events does not hold up the pushes arriving meanwhile.
   */
  parseEvents(collection: string): Promise<void>;
  /** The collection's events in stored order, a chunk at a time, each parsed only when it is reached. */
  eventChunks(collection: string): Iterable<readonly StoredEvent[]>;
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

/** The push record of events kept as bytes: each run is written as it came (log-framing makes it one line). */
function runsRecord(accepted: readonly EventRuns[]): (string | Uint8Array)[] {
  const parts: (string | Uint8Array)[] = ['{"t":"push","b":['];
  accepted.forEach(({ collection, bytes, runs }, c) => {
    parts.push(`${c === 0 ? '' : ','}[${JSON.stringify(collection)},[`);
    for (let r = 0; r < runs.length; r += 2) {
      if (r > 0) parts.push(',');
      parts.push(bytes.subarray(runs[r], runs[r + 1]));
    }
    parts.push(']]');
  });
  parts.push(']}');
  return parts;
}

// A raw line feed in valid JSON is whitespace (strings cannot hold one), and a record must fit on one line.
const batchRecord = (batchText: string): string[] => [
  '{"t":"batch","b":',
  batchText.includes('\n') ? batchText.replaceAll('\n', ' ') : batchText,
  '}',
];

/** The batch record of a request's bytes (log-framing makes it one line). */
const batchBytesRecord = (batch: Buffer): (string | Uint8Array)[] => ['{"t":"batch","b":', batch, '}'];

/** The events of runs of bytes, each run parsed as one array. */
function parseRuns({ bytes, runs }: EventRuns): StoredEvent[] {
  let events: StoredEvent[] = [];
  for (let r = 0; r < runs.length; r += 2) {
    const run = JSON.parse(`[${bytes.toString('utf8', runs[r], runs[r + 1])}]`) as StoredEvent[];
    events = events.length === 0 ? run : events.concat(run);
  }
  return events;
}

/** A chunk's events, parsed (and kept as objects from then on) if it still holds bytes. */
function eventsOf(chunk: Chunk): StoredEvent[] {
  if (chunk.events === undefined) {
    chunk.events = chunk.source === undefined ? [] : parseRuns(chunk.source);
    chunk.source = undefined;
  }
  return chunk.events;
}

const idOf = (event: StoredEvent): string | number | undefined => {
  const id = event['id'];
  return typeof id === 'string' || typeof id === 'number' ? id : undefined;
};

export async function openEventStore(options: EventStoreOptions): Promise<EventStore> {
  const collections = new Map<string, Collection>();
  let total = 0;

  const collectionFor = (name: string): Collection => {
    let collection = collections.get(name);
    if (!collection) {
      collection = { chunks: [], count: 0, ids: createIdIndex() };
      collections.set(name, collection);
    }
    return collection;
  };

  const claimId = (name: string, id: string | number): boolean => collectionFor(name).ids.add(id);

  /** The collection's last chunk when it holds objects (more may join it), else a new one. */
  const objectsOf = (collection: Collection): StoredEvent[] => {
    const last = collection.chunks[collection.chunks.length - 1];
    if (last?.open === true && last.events !== undefined) return last.events;
    const events: StoredEvent[] = [];
    collection.chunks.push({ events, source: undefined, open: true });
    return events;
  };

  const append = (name: string, events: readonly StoredEvent[]): void => {
    const collection = collectionFor(name);
    const stored = objectsOf(collection);
    for (let i = 0; i < events.length; i++) stored.push(events[i] as StoredEvent);
    collection.count += events.length;
    total += events.length;
  };

  // Replay trusts the log: its events were checked when they were pushed.
  const add = (name: string, event: StoredEvent): void => {
    const id = idOf(event);
    if (id !== undefined) claimId(name, id);
    const collection = collectionFor(name);
    objectsOf(collection).push(event);
    collection.count++;
    total++;
  };

  const remove = (name: string): void => {
    const collection = collections.get(name);
    if (!collection) return;
    total -= collection.count;
    collections.delete(name);
  };

  const discard = (accepted: AcceptedEvents): void => {
    for (const { collection: name, events } of accepted) {
      const collection = collections.get(name);
      if (!collection) continue;
      const gone = new Set<StoredEvent>(events);
      for (const chunk of collection.chunks) {
        if (chunk.events === undefined) continue;
        const kept = chunk.events.filter((event) => !gone.has(event));
        collection.count -= chunk.events.length - kept.length;
        total -= chunk.events.length - kept.length;
        chunk.events = kept;
      }
      for (const event of events) {
        const id = idOf(event);
        if (id !== undefined) collection.ids.delete(id);
      }
    }
  };

  /** Takes chunks of bytes back out (their write failed), with their ids, parsed or not. */
  const discardChunks = (added: readonly { name: string; chunk: Chunk }[]): void => {
    for (const { name, chunk } of added) {
      const collection = collections.get(name);
      const at = collection?.chunks.indexOf(chunk) ?? -1;
      if (!collection || at < 0) continue;
      const events = eventsOf(chunk);
      collection.chunks.splice(at, 1);
      collection.count -= events.length;
      total -= events.length;
      for (const event of events) {
        const id = idOf(event);
        if (id !== undefined) collection.ids.delete(id);
      }
    }
  };

  /** A logged batch kept as its bytes, its ids claimed; parsed into events only when the bytes cannot be read so. */
  const replayBatch = (record: BatchBytes): void => {
    const read = readBatchRuns(record.body);
    if (read === undefined) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(record.payload.toString('utf8'));
      } catch {
        return options.warn(`sandbox storage: ${record.where} is not valid JSON; it was skipped`);
      }
      return replay(parsed, add, remove, options.warn);
    }
    let at = 0;
    for (const runs of read.runs) {
      const collection = collectionFor(runs.collection);
      for (let end = at + runs.count; at < end; at++) {
        const id = read.ids[at];
        if (id !== undefined) collection.ids.add(id);
      }
      collection.chunks.push({ events: undefined, source: runs, open: false });
      collection.count += runs.count;
      total += runs.count;
    }
  };

  let log: EventLog | undefined;
  if (options.dataDir !== undefined) {
    const opened = await openEventLog(options.dataDir, options.warn);
    log = opened.log;
    for (const record of opened.records) {
      if (record instanceof BatchBytes) replayBatch(record);
      else replay(record, add, remove, options.warn);
    }
  }

  return {
    hasId(name, id) {
      const collection = collections.get(name);
      if (!collection) return false;
      return collection.ids.has(id);
    },
    claimId,
    claimUtf8Id: (name, bytes, start, end) => collectionFor(name).ids.addUtf8(bytes, start, end),
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
    storeRuns(accepted, batch) {
      let durable = Promise.resolve();
      if (log && accepted.length === 0) durable = log.settled();
      else if (log) durable = log.append(...(batch === undefined ? runsRecord(accepted) : batchBytesRecord(batch)));
      const added = accepted.map((runs) => {
        const collection = collectionFor(runs.collection);
        const chunk: Chunk = { events: undefined, source: runs, open: false };
        collection.chunks.push(chunk);
        collection.count += runs.count;
        total += runs.count;
        return { name: runs.collection, chunk };
      });
      return durable.catch((error: unknown) => {
        discardChunks(added);
        throw error;
      });
    },
    events: (name) => {
      const chunks = collections.get(name)?.chunks ?? [];
      return chunks.length === 1 ? eventsOf(chunks[0] as Chunk) : chunks.flatMap(eventsOf);
    },
    async parseEvents(name) {
      // The list as it is now: chunks added meanwhile are parsed by whoever reads them.
      const chunks = collections.get(name)?.chunks ?? [];
      for (let c = 0; c < chunks.length; c++) {
        const chunk = chunks[c];
        if (chunk === undefined || chunk.events !== undefined) continue;
        eventsOf(chunk);
        await new Promise((resolve) => setImmediate(resolve));
      }
    },
    *eventChunks(name) {
      const chunks = collections.get(name)?.chunks ?? [];
      for (let c = 0; c < chunks.length; c++) yield eventsOf(chunks[c] as Chunk);
    },
    collections: () =>
      [...collections]
        .filter(([, collection]) => collection.count > 0)
        .map(([name, collection]) => ({ name, count: collection.count }))
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
