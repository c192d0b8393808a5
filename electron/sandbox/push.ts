// Batch and single pushes (spec §3–§5): whole-request checks in the spec's order, then each event through
// event-admission; the log write starts as soon as the stored events are known, and the answer text and the
// in-memory index are built while it runs, so a push's own work overlaps its fsync.
import { fieldPath } from '../../core/rules/event-rules';
import { isJsonObject, tryParseJson } from '../../core/json/value';
import {
  MAX_BATCH_EVENTS,
  MESSAGES,
  RESULT_ACCEPTED,
  RESULT_DUPLICATE,
  collectionNameInvalid,
  collectionNotArray,
  errorBody,
  fieldErrorBody,
  isValidCollectionName,
  rejectedResult,
} from './api-messages';
import { batchAnswer, type OtherResult } from './batch-answer';
import { mayBeReordered, topLevelKeyOrder } from './document-order';
import {
  DUPLICATE,
  EVENT_FAILED,
  admit,
  admitJudged,
  admitSerialized,
  judge,
  type AdmissionContext,
  type Refusal,
} from './event-admission';
import { nestsAtMost } from './nesting-depth';
import type { EventStore, StoredEvent } from './event-store';
import type { Faults } from './faults';
import { schemaRejection, type SandboxSchemas } from './schema-enforcement';

export interface Reply {
  readonly status: number;
  /** JSON text; absent for the empty 200 answers. */
  readonly body?: string;
}

export type DuplicateMode = 'report' | 'silent';

export interface PushContext {
  readonly store: EventStore;
  readonly faults: Faults;
  readonly duplicates: DuplicateMode;
  /** Collection schemas to enforce (`--schemas DIR`); replaced when the app's switch changes. */
  schemas?: SandboxSchemas;
}

/**
 * Nesting up to which JSON.stringify surely succeeds: a batch no deeper is stored without serializing each
 * event to find out, and when every event was stored as sent its own text is the log record.
 */
export const SHALLOW_DEPTH = 1_000;

/** The batch's collections in document order (spec §3), or the answer refusing the whole request. */
function collectionsOf(text: string): { batch: Record<string, unknown[]>; names: string[] } | Reply {
  const parsed = tryParseJson(text);
  if (!parsed.ok) return { status: 400, body: errorBody(MESSAGES.batchNotJson) };
  const batch = parsed.value;
  if (!isJsonObject(batch)) return { status: 400, body: errorBody(MESSAGES.batchNotObject) };
  // Every collection's name, then its shape, in document order; the total only after all of them.
  let names = Object.keys(batch);
  if (mayBeReordered(names)) names = topLevelKeyOrder(text) ?? names;
  let total = 0;
  for (const name of names) {
    if (!isValidCollectionName(name)) return { status: 400, body: errorBody(collectionNameInvalid(name)) };
    const events = batch[name];
    if (!Array.isArray(events)) return { status: 400, body: errorBody(collectionNotArray(name)) };
    total += events.length;
  }
  if (total > MAX_BATCH_EVENTS) return { status: 413, body: errorBody(MESSAGES.batchTooLarge) };
  return { batch: batch as Record<string, unknown[]>, names };
}

/** What one collection of a batch stored: the events, and their JSON when it was made at admission. */
interface Stored {
  readonly collection: string;
  json: string[];
  readonly events: StoredEvent[];
}

const refusalResult = (refusal: Refusal, duplicate: string): string => {
  if (refusal.kind === 'duplicate') return duplicate;
  return refusal.varying
    ? JSON.stringify({ success: false, message: refusal.message })
    : rejectedResult(refusal.message);
};

/** `POST /events` with the request body as text (spec §3). */
export function pushBatch(context: PushContext, text: string): Reply | Promise<Reply> {
  const request = collectionsOf(text);
  if ('status' in request) return request;
  if (context.faults.failRequest()) return { status: 500, body: errorBody(MESSAGES.requestFailed) };

  const { batch, names } = request;
  const { store, faults, schemas } = context;
  const duplicate = context.duplicates === 'silent' ? RESULT_ACCEPTED : RESULT_DUPLICATE;
  const receivedAt = new Date().toISOString();
  // The fast path: no event can be too deep to serialize, so events are stored first and serialized only
  // when the log needs them; the others are serialized before they are stored, to reject what cannot be.
  const shallow = nestsAtMost(text, SHALLOW_DEPTH);
  let allAsSent = shallow;
  const accepted: Stored[] = [];
  const others: OtherResult[] = [];
  let at = 0;
  for (const name of names) {
    const admission: AdmissionContext = { store, collection: name, receivedAt, failEvent: faults.failEvent, schemas };
    const stored: Stored = { collection: name, json: [], events: [] };
    for (const event of batch[name] as unknown[]) {
      const outcome = shallow ? admit(admission, event) : admitSerialized(admission, event);
      if (typeof outcome === 'object') {
        others.push({ at, text: refusalResult(outcome, duplicate) });
        allAsSent = false;
      } else {
        stored.events.push(event as StoredEvent);
        if (typeof outcome === 'string') stored.json.push(outcome);
        else if (!outcome) allAsSent = false;
      }
      at++;
    }
    if (stored.events.length > 0) accepted.push(stored);
  }
  // Serialized now, one event at a time as an export does; the nesting bound means it cannot fail.
  if (shallow && !allAsSent)
    for (const entry of accepted) entry.json = entry.events.map((event) => JSON.stringify(event));
  const durable = store.persist(accepted, allAsSent ? text : undefined);
  // The write is under way: what is left is done while it syncs, before any other request is read.
  for (const entry of accepted) store.append(entry.collection, entry.events);
  const body = batchAnswer(
    names.map((name) => ({ name, count: (batch[name] as unknown[]).length })),
    others,
  );
  return durable.then(() => ({ status: 200, body }));
}

/** `POST /events/:collection` with the request body as text (spec §4, §5). */
export function pushSingle(context: PushContext, collection: string, text: string): Reply | Promise<Reply> {
  const parsed = tryParseJson(text);
  if (!parsed.ok) return { status: 400, body: errorBody(MESSAGES.eventNotJson) };
  const event = parsed.value;
  const verdict = judge(event);
  if (verdict === 'too-deep') return { status: 400, body: errorBody(MESSAGES.eventTooDeep) };
  if (verdict) {
    if (verdict.singlePushStatus === 422) {
      return { status: 422, body: fieldErrorBody(fieldPath(verdict.path), verdict.apiMessage) };
    }
    return { status: verdict.singlePushStatus, body: errorBody(verdict.apiMessage) };
  }
  const schemaViolation = schemaRejection(context.schemas, collection, event);
  if (schemaViolation) return { status: 422, body: JSON.stringify({ errors: schemaViolation.errors }) };
  const { store, faults } = context;
  if (faults.failRequest()) return { status: 500, body: errorBody(MESSAGES.requestFailed) };
  const admission: AdmissionContext = {
    store,
    collection,
    receivedAt: new Date().toISOString(),
    failEvent: faults.failEvent,
    schemas: undefined,
  };
  const json = admitJudged(admission, event as StoredEvent);
  if (json === DUPLICATE) {
    if (context.duplicates === 'silent') return store.persist([]).then(() => ({ status: 200 }));
    // Wait for the first copy's bytes: a client told "duplicate" must be able to count on that copy.
    return store.persist([]).then(() => ({ status: 409, body: errorBody(MESSAGES.duplicateSingle) }));
  }
  if (json === EVENT_FAILED) return { status: 500, body: errorBody(MESSAGES.eventFailed) };
  if (typeof json === 'object') return { status: 400, body: errorBody(MESSAGES.eventTooDeep) };
  const durable = store.persist([{ collection, json: [json], events: [event as StoredEvent] }]);
  store.append(collection, [event as StoredEvent]);
  return durable.then(() => ({ status: 200 }));
}
