// Batch pushes read from the request's bytes (spec §3–§5): when every event passes the byte check already in
// its stored form (an id, a UTC timestamp with milliseconds), no event object is built; the ids are claimed
// from the bytes and the events kept as runs of them. Any other batch takes push.ts's path over its text.
import { scanBatchSpans, type BatchSpans } from '../../core/send/batch-spans';
import { EventByteChecker } from '../../core/send/event-byte-check';
import { QUOTE } from '../../core/json/char-codes';
import {
  MAX_BATCH_EVENTS,
  MESSAGES,
  RESULT_ACCEPTED,
  RESULT_DUPLICATE,
  errorBody,
  isValidCollectionName,
  rejectedResult,
} from './api-messages';
import { batchAnswer, type OtherResult } from './batch-answer';
import type { EventRuns, EventStore } from './event-store';
import { stringAt, unescaped, valueAt } from './json-bytes';
import { SHALLOW_DEPTH, pushBatch, type PushContext, type Reply } from './push';

const COMMA = Buffer.from(',');
const DOT = 0x2e;
const LETTER_Z = 0x5a;
/** `"YYYY-MM-DDTHH:MM:SS.mmmZ"`, quotes included: the stored form of a timestamp. */
const STORED_STAMP_BYTES = 26;

/**
 * An accepted timestamp token (the byte check parsed it) that is 24 unescaped characters ending in `.mmmZ` is
 * its own UTC form: the event is stored with it unchanged.
 */
const isStoredStamp = (bytes: Buffer, start: number, end: number): boolean =>
  end - start === STORED_STAMP_BYTES &&
  bytes[start + 20] === DOT &&
  bytes[start + 24] === LETTER_Z &&
  unescaped(bytes, start + 1, end - 1);

/**
 * Whether the event `checker` has just accepted is in its stored form: clean with an id, a stored-form
 * timestamp, and shallow enough to be kept as its bytes.
 */
export const isStoredForm = (checker: EventByteChecker, bytes: Buffer): boolean =>
  checker.verdict === 'clean-with-id' &&
  checker.deepest <= SHALLOW_DEPTH &&
  checker.timestampStart >= 0 &&
  isStoredStamp(bytes, checker.timestampStart, checker.timestampEnd);

/** A batch all of whose events can be stored as sent: its spans, and where each event's id is. */
interface Plain {
  readonly spans: BatchSpans;
  readonly idStarts: number[];
  readonly idEnds: number[];
}

/** The plain reading of the batch, or undefined when any part of it needs the checked path over its text. */
function readPlain(context: PushContext, bytes: Buffer): Plain | undefined {
  const decode = (start: number, end: number): string => bytes.toString('utf8', start, end);
  const decodeName = (start: number, end: number): string | undefined => {
    const name = stringAt(bytes, start, end);
    // A collection with a schema checks its events as objects.
    if (name === undefined || !isValidCollectionName(name) || context.schemas?.[name] !== undefined) return undefined;
    return name;
  };
  const checker = new EventByteChecker(bytes, decode);
  const idStarts: number[] = [];
  const idEnds: number[] = [];
  const readEvent = (start: number): number => {
    const end = checker.check(start);
    if (end < 0 || !isStoredForm(checker, bytes)) return -1;
    idStarts.push(checker.idStart);
    idEnds.push(checker.idEnd);
    return end;
  };
  const scan = scanBatchSpans(bytes, decodeName, readEvent);
  let step = scan.next();
  while (!step.done) step = scan.next();
  return step.value === undefined ? undefined : { spans: step.value, idStarts, idEnds };
}

/**
 * The runs as the store keeps them: on the request's bytes when they make up most of them, else copied out into
 * one run of their own, so a batch that stored a few events does not keep the whole body in memory.
 */
function kept(accepted: EventRuns): EventRuns {
  const { bytes, runs } = accepted;
  const pieces: Buffer[] = [];
  let size = 0;
  for (let r = 0; r < runs.length; r += 2) {
    if (r > 0) pieces.push(COMMA);
    pieces.push(bytes.subarray(runs[r], runs[r + 1]));
    size += (runs[r + 1] as number) - (runs[r] as number) + (r > 0 ? 1 : 0);
  }
  if (size * 2 > bytes.length) return accepted;
  return { ...accepted, bytes: Buffer.concat(pieces, size), runs: Uint32Array.of(0, size) };
}

/** Claims the id at [start, end) of the body: a plain string from its bytes, without making it a string. */
export function claimIdAt(store: EventStore, collection: string, bytes: Buffer, start: number, end: number): boolean {
  if (bytes[start] === QUOTE && unescaped(bytes, start + 1, end - 1))
    return store.claimUtf8Id(collection, bytes, start + 1, end - 1);
  return store.claimId(collection, valueAt(bytes, start, end));
}

/** `POST /events` with the request body as its UTF-8 bytes (spec §3): the same answers as pushBatch gives. */
export function pushBatchBytes(context: PushContext, bytes: Buffer): Reply | Promise<Reply> {
  const plain = readPlain(context, bytes);
  if (plain === undefined) return pushBatch(context, bytes.toString('utf8'));
  const { names, firsts, starts, ends } = plain.spans;
  if (starts.length > MAX_BATCH_EVENTS) return { status: 413, body: errorBody(MESSAGES.batchTooLarge) };
  const { store, faults } = context;
  if (faults.failRequest()) return { status: 500, body: errorBody(MESSAGES.requestFailed) };

  const duplicate = context.duplicates === 'silent' ? RESULT_ACCEPTED : RESULT_DUPLICATE;
  const others: OtherResult[] = [];
  const accepted: EventRuns[] = [];
  for (let c = 0; c < names.length; c++) {
    const collection = names[c] as string;
    // [start, end) pairs of events stored one after another: a refused event ends a run.
    const runs: number[] = [];
    let count = 0;
    let runOpen = false;
    for (let g = firsts[c] as number; g < (firsts[c + 1] as number); g++) {
      const idStart = plain.idStarts[g] as number;
      const idEnd = plain.idEnds[g] as number;
      let refusal: string | undefined;
      if (!claimIdAt(store, collection, bytes, idStart, idEnd)) refusal = duplicate;
      else if (faults.failEvent()) {
        store.releaseId(collection, valueAt(bytes, idStart, idEnd));
        refusal = rejectedResult(MESSAGES.eventFailed);
      }
      if (refusal !== undefined) {
        others.push({ at: g, text: refusal });
        runOpen = false;
        continue;
      }
      if (runOpen) runs[runs.length - 1] = ends[g] as number;
      else runs.push(starts[g] as number, ends[g] as number);
      runOpen = true;
      count++;
    }
    if (count > 0) accepted.push(kept({ collection, bytes, runs: Uint32Array.from(runs), count }));
  }
  // Every event stored as sent: the body itself is the log record.
  const durable = store.storeRuns(accepted, others.length === 0 ? bytes : undefined);
  const body = batchAnswer(
    names.map((name, c) => ({ name, count: (firsts[c + 1] as number) - (firsts[c] as number) })),
    others,
  );
  return durable.then(() => ({ status: 200, body }));
}
