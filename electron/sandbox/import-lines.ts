// The lines of a bulk import (spec §7), each an event, taken as their bytes arrive from the object. A line
// already in its stored form (an id, a UTC timestamp with milliseconds, nothing a schema checks) is claimed
// and kept as its bytes, as a batch push's events are (push-bytes.ts): no object is built for it. Any other
// line is parsed and admitted as an object. Stored order is line order, in memory and in the log.
import { isUtf8 } from 'node:buffer';
import { tryParseJson } from '../../core/json/value';
import { EventByteChecker } from '../../core/send/event-byte-check';
import { admitSerialized, type AdmissionContext } from './event-admission';
import type { EventStore, StoredEvent } from './event-store';
import type { ImportJob, ImportOptions } from './event-import';
import { claimIdAt, isStoredForm } from './push-bytes';

const NOT_JSON_LINE = 'The JSON specified was not valid.';
/** Events made durable at a time: the job waits for the log after each group. */
const PERSIST_EVERY = 5_000;
const NEWLINE = 0x0a;
const RETURN = 0x0d;
const COMMA = Buffer.from(',');
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

const isSpace = (c: number | undefined): boolean => c === 0x20 || c === 0x09 || c === RETURN || c === NEWLINE;

export interface LineIntake {
  /** Takes the next bytes of the object; lines complete in them are stored (waits for the log now and then). */
  take(chunk: Buffer, receivedAt: string): Promise<void>;
  /** The last line (one without a newline), then everything made durable. */
  end(receivedAt: string): Promise<void>;
  /** Makes durable what was taken so far (after a failure, what can still be kept). */
  flush(): Promise<void>;
}

export function createLineIntake(
  options: Pick<ImportOptions, 'store' | 'schemas'>,
  collection: string,
  job: ImportJob,
): LineIntake {
  const store: EventStore = options.store;
  let index = 0;
  let carry: Buffer | undefined;
  let first = true;
  // Lines stored as bytes, not yet in the store; events admitted as objects, in memory but not yet durable.
  let runs: Buffer[] = [];
  let runCount = 0;
  let json: string[] = [];
  let events: StoredEvent[] = [];
  let writes: Promise<void>[] = [];

  /** Hands the lines kept as bytes to the store (memory now, the log in call order). */
  const storeRuns = () => {
    if (runCount === 0) return;
    const bytes = Buffer.concat(runs);
    const count = runCount;
    runs = [];
    runCount = 0;
    writes.push(
      store.storeRuns([{ collection, bytes, runs: Uint32Array.of(0, bytes.length), count }]).catch((error: unknown) => {
        // The store took them out of memory again: they were not imported.
        job.importedEvents -= count;
        throw error;
      }),
    );
  };
  /** Writes the events admitted as objects to the log (they are in memory already). */
  const persistObjects = () => {
    if (events.length === 0) return;
    const accepted = { collection, json, events };
    json = [];
    events = [];
    writes.push(
      store.persist([accepted]).catch((error: unknown) => {
        job.importedEvents -= accepted.events.length;
        throw error;
      }),
    );
  };
  const flush = async () => {
    storeRuns();
    persistObjects();
    const pending = writes;
    writes = [];
    await Promise.all(pending);
  };

  /** The byte check over a chunk; none when the collection has a schema (its events are checked as objects). */
  const checkerFor = (bytes: Buffer): EventByteChecker | undefined =>
    options.schemas?.()?.[collection] === undefined
      ? new EventByteChecker(bytes, (start, end) => bytes.toString('utf8', start, end))
      : undefined;

  /** The line's event in its stored form as [start, end) with its id's place, or undefined for the object path. */
  const plainEvent = (checker: EventByteChecker, bytes: Buffer, from: number, to: number) => {
    let start = from;
    while (start < to && isSpace(bytes[start])) start++;
    const end = start < to ? checker.check(start) : -1;
    if (end < 0 || end > to || !isStoredForm(checker, bytes)) return undefined;
    for (let i = end; i < to; i++) if (!isSpace(bytes[i])) return undefined;
    // Bytes that are not UTF-8 are read as the decoder reads them (replaced), on the object path.
    if (!isUtf8(bytes.subarray(start, end))) return undefined;
    return { start, end, idStart: checker.idStart, idEnd: checker.idEnd };
  };

  const asObject = (text: string, lineIndex: number, receivedAt: string) => {
    const parsed = tryParseJson(text);
    if (!parsed.ok) return void job.eventErrors.push({ index: lineIndex, error: NOT_JSON_LINE });
    // --fail-events is about pushes (spec §10); an import line is judged by the rules and duplicates only.
    const admission: AdmissionContext = {
      store,
      collection,
      receivedAt,
      failEvent: () => false,
      schemas: options.schemas?.(),
    };
    const outcome = admitSerialized(admission, parsed.value);
    if (typeof outcome === 'string') {
      // Lines kept as bytes before this one go into the store first: stored order is line order.
      storeRuns();
      const event = parsed.value as StoredEvent;
      store.append(collection, [event]);
      json.push(outcome);
      events.push(event);
      job.importedEvents++;
    } else if (outcome.kind === 'duplicate') job.duplicateEvents++;
    else job.eventErrors.push({ index: lineIndex, error: outcome.message });
  };

  const takeLine = (checker: EventByteChecker | undefined, bytes: Buffer, from: number, to: number, at: string) => {
    const lineIndex = index++;
    const plain = checker && plainEvent(checker, bytes, from, to);
    if (plain) {
      if (!claimIdAt(store, collection, bytes, plain.idStart, plain.idEnd)) return void job.duplicateEvents++;
      // Events admitted as objects before this one reach the log first.
      persistObjects();
      if (runCount > 0) runs.push(COMMA);
      runs.push(bytes.subarray(plain.start, plain.end));
      runCount++;
      job.importedEvents++;
      return;
    }
    const text = bytes.toString('utf8', from, to > from && bytes[to - 1] === RETURN ? to - 1 : to);
    if (text.trim() !== '') asObject(text, lineIndex, at);
  };

  return {
    async take(value, receivedAt) {
      let bytes = carry ? Buffer.concat([carry, value]) : value;
      carry = undefined;
      if (first && bytes.length >= BOM.length) {
        // A byte order mark at the start of the object is not part of its first line (as the decoder reads it).
        if (bytes.subarray(0, BOM.length).equals(BOM)) bytes = bytes.subarray(BOM.length);
        first = false;
      }
      const checker = checkerFor(bytes);
      let from = 0;
      for (let nl = bytes.indexOf(NEWLINE); nl >= 0; nl = bytes.indexOf(NEWLINE, from)) {
        takeLine(checker, bytes, from, nl, receivedAt);
        from = nl + 1;
      }
      // The unfinished line is copied: a view would keep the whole chunk alive.
      if (from < bytes.length) carry = Buffer.from(bytes.subarray(from));
      if (runCount + events.length >= PERSIST_EVERY) await flush();
    },
    async end(receivedAt) {
      if (carry && carry.length > 0) {
        const bytes = carry;
        carry = undefined;
        takeLine(checkerFor(bytes), bytes, 0, bytes.length, receivedAt);
      }
      await flush();
    },
    flush,
  };
}
