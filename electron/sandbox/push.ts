// Batch and single pushes (spec §3–§5): whole-request checks in the spec's order, then each event through
// the shared rules of core/rules, duplicates by id, storage; the answer is built as text in one pass.
import { randomUUID } from 'node:crypto';
import { eventIsClean, firstViolation, fieldPath, isJsonObject, type FirstViolation } from '../../core/rules/event-rules';
import { parseTimestamp } from '../../core/rules/timestamp';
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
import { mayBeReordered, topLevelKeyOrder } from './document-order';
import type { AcceptedEvents, EventStore, StoredEvent } from './event-store';
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

/** A JSON.parse that tells syntax errors apart from success; never throws. */
export function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

type Verdict =
  | { kind: 'valid'; id: string | number | undefined }
  | { kind: 'rejected'; violation: FirstViolation }
  | { kind: 'too-deep' };

/** spec §4 through the one implementation of the rules; a RangeError means nesting too deep to serialize. */
function judge(event: unknown): Verdict {
  let violation: FirstViolation | undefined;
  try {
    // Most events are clean: one walk decides that; only a broken event is asked which rule it breaks first.
    violation = eventIsClean(event) ? undefined : firstViolation(event);
  } catch (error) {
    if (error instanceof RangeError) return { kind: 'too-deep' };
    throw error;
  }
  if (violation) return { kind: 'rejected', violation };
  const id = (event as StoredEvent)['id'];
  return { kind: 'valid', id: typeof id === 'string' || typeof id === 'number' ? id : undefined };
}

// The stored form itself. A timestamp already judged valid and written this way is its own UTC form, so the
// (costly) conversion is skipped for what most clients send.
const STORED_FORM = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/**
 * The stored event as JSON, for the log. Serializing every accepted event here, at the same stack depth as
 * an export does, keeps out an event nested so deeply that a later export or restart could not handle it.
 */
function serialize(event: StoredEvent): string | undefined {
  try {
    return JSON.stringify(event);
  } catch (error) {
    if (error instanceof RangeError) return undefined;
    throw error;
  }
}

/** Gives the event its stored form: `timestamp` in UTC with milliseconds (or the receive time), an `id`. */
function normalise(event: StoredEvent, receivedAt: string): void {
  const stamp = event['timestamp'];
  if (stamp === undefined) event['timestamp'] = receivedAt;
  // judge() has accepted the timestamp already, so parseTimestamp cannot fail here.
  else if (typeof stamp !== 'string' || !STORED_FORM.test(stamp)) event['timestamp'] = parseTimestamp(stamp)?.utc ?? receivedAt;
  if (!('id' in event)) event['id'] = randomUUID();
}

export type Admission =
  | { readonly kind: 'stored'; readonly json: string }
  | { readonly kind: 'duplicate' }
  | { readonly kind: 'rejected'; readonly message: string; readonly varying?: boolean };

const DUPLICATE: Admission = { kind: 'duplicate' };

/**
 * One event of a batch or a bulk import through spec §4 and §5: rules, then duplicates, then the injected
 * storage failure; a stored event is added to memory at once (so later copies in the same batch are
 * duplicates) and returned as JSON for the log.
 */
export function admitEvent(
  store: EventStore,
  collection: string,
  event: unknown,
  receivedAt: string,
  failEvent: () => boolean,
  schemas?: SandboxSchemas,
): Admission {
  const verdict = judge(event);
  if (verdict.kind === 'rejected') return { kind: 'rejected', message: verdict.violation.apiMessage };
  if (verdict.kind === 'too-deep') return { kind: 'rejected', message: MESSAGES.eventTooDeep };
  // After the API's own rules (their message comes first), before duplicates: a violating event is never stored.
  const violation = schemaRejection(schemas, collection, event);
  if (violation) return { kind: 'rejected', message: violation.message, varying: true };
  // spec §5: the first stored copy wins, also inside one batch (earlier events are added already).
  if (verdict.id !== undefined && store.hasId(collection, verdict.id)) return DUPLICATE;
  if (failEvent()) return { kind: 'rejected', message: MESSAGES.eventFailed };
  normalise(event as StoredEvent, receivedAt);
  const json = serialize(event as StoredEvent);
  if (json === undefined) return { kind: 'rejected', message: MESSAGES.eventTooDeep };
  store.add(collection, event as StoredEvent);
  return { kind: 'stored', json };
}

/** `POST /events` with the request body as text (spec §3). */
export function pushBatch(context: PushContext, text: string): Reply | Promise<Reply> {
  const parsed = parseJson(text);
  if (!parsed.ok) return { status: 400, body: errorBody(MESSAGES.batchNotJson) };
  const batch = parsed.value;
  if (!isJsonObject(batch)) return { status: 400, body: errorBody(MESSAGES.batchNotObject) };

  // spec §3: every collection's name, then its shape, in document order; the total only after all of them.
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
  if (context.faults.failRequest()) return { status: 500, body: errorBody(MESSAGES.requestFailed) };

  const { store, faults } = context;
  const duplicateResult = context.duplicates === 'silent' ? RESULT_ACCEPTED : RESULT_DUPLICATE;
  const receivedAt = new Date().toISOString();
  const accepted: AcceptedEvents = [];
  let body = '{';
  for (let c = 0; c < names.length; c++) {
    const name = names[c] as string;
    const events = batch[name] as unknown[];
    const json: string[] = [];
    const stored: StoredEvent[] = [];
    body += (c === 0 ? '' : ',') + JSON.stringify(name) + ':[';
    for (let i = 0; i < events.length; i++) {
      if (i > 0) body += ',';
      const event = events[i];
      const admission = admitEvent(store, name, event, receivedAt, faults.failEvent, context.schemas);
      if (admission.kind === 'stored') {
        json.push(admission.json);
        stored.push(event as StoredEvent);
        body += RESULT_ACCEPTED;
      } else if (admission.kind === 'duplicate') body += duplicateResult;
      // Schema messages quote values: not kept in the cache of the few fixed rule texts.
      else body += admission.varying ? JSON.stringify({ success: false, message: admission.message }) : rejectedResult(admission.message);
    }
    body += ']';
    if (stored.length > 0) accepted.push({ collection: name, json, events: stored });
  }
  body += '}';
  return store.persist(accepted).then(() => ({ status: 200, body }));
}

/** `POST /events/:collection` with the request body as text (spec §4, §5). */
export function pushSingle(context: PushContext, collection: string, text: string): Reply | Promise<Reply> {
  const parsed = parseJson(text);
  if (!parsed.ok) return { status: 400, body: errorBody(MESSAGES.eventNotJson) };
  const event = parsed.value;
  const verdict = judge(event);
  if (verdict.kind === 'too-deep') return { status: 400, body: errorBody(MESSAGES.eventTooDeep) };
  if (verdict.kind === 'rejected') {
    const { violation } = verdict;
    if (violation.singlePushStatus === 422) {
      return { status: 422, body: fieldErrorBody(fieldPath(violation.path), violation.apiMessage) };
    }
    return { status: violation.singlePushStatus, body: errorBody(violation.apiMessage) };
  }
  const schemaViolation = schemaRejection(context.schemas, collection, event);
  if (schemaViolation) return { status: 422, body: JSON.stringify({ errors: schemaViolation.errors }) };
  const { store, faults } = context;
  if (faults.failRequest()) return { status: 500, body: errorBody(MESSAGES.requestFailed) };
  if (verdict.id !== undefined && store.hasId(collection, verdict.id)) {
    if (context.duplicates === 'silent') return store.persist([]).then(() => ({ status: 200 }));
    // Wait for the first copy's bytes: a client told "duplicate" must be able to count on that copy.
    return store.persist([]).then(() => ({ status: 409, body: errorBody(MESSAGES.duplicateSingle) }));
  }
  if (faults.failEvent()) return { status: 500, body: errorBody(MESSAGES.eventFailed) };
  normalise(event as StoredEvent, new Date().toISOString());
  const json = serialize(event as StoredEvent);
  if (json === undefined) return { status: 400, body: errorBody(MESSAGES.eventTooDeep) };
  store.add(collection, event as StoredEvent);
  return store.persist([{ collection, json: [json], events: [event as StoredEvent] }]).then(() => ({ status: 200 }));
}
