// Batch and single pushes (spec §3–§5): whole-request checks in the spec's order, then each event through
// the shared rules of core/rules, duplicates by id, storage; the answer is built as text in one pass.
import { randomUUID } from 'node:crypto';
import { eventIsClean, firstViolation, fieldPath, type FirstViolation } from '../../core/rules/event-rules';
import { isJsonObject } from '../../core/json/value';
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

/**
 * Gives the event its stored form: `timestamp` in UTC with milliseconds (or the receive time), an `id`.
 * True when it had that form already (nothing was changed).
 */
function normalise(event: StoredEvent, receivedAt: string): boolean {
  let asSent = true;
  const stamp = event['timestamp'];
  if (stamp === undefined) {
    event['timestamp'] = receivedAt;
    asSent = false;
  } else if (typeof stamp !== 'string' || !STORED_FORM.test(stamp)) {
    // judge() has accepted the timestamp already, so parseTimestamp cannot fail here.
    event['timestamp'] = parseTimestamp(stamp)?.utc ?? receivedAt;
    asSent = false;
  }
  if (!('id' in event)) {
    event['id'] = randomUUID();
    asSent = false;
  }
  return asSent;
}

export type Admission =
  | { readonly kind: 'stored'; readonly json: string }
  | { readonly kind: 'duplicate' }
  | { readonly kind: 'rejected'; readonly message: string; readonly varying?: boolean };

type Decision = { readonly kind: 'store' } | Exclude<Admission, { kind: 'stored' }>;

const DUPLICATE: Decision = { kind: 'duplicate' };
const STORE: Decision = { kind: 'store' };

/** spec §4 and §5 for one event: rules, schema, duplicates, then the injected storage failure. */
function decide(
  store: EventStore,
  collection: string,
  event: unknown,
  failEvent: () => boolean,
  schemas?: SandboxSchemas,
): Decision {
  const verdict = judge(event);
  if (verdict.kind === 'rejected') return { kind: 'rejected', message: verdict.violation.apiMessage };
  if (verdict.kind === 'too-deep') return { kind: 'rejected', message: MESSAGES.eventTooDeep };
  // After the API's own rules (their message comes first), before duplicates: a violating event is never stored.
  const violation = schemaRejection(schemas, collection, event);
  if (violation) return { kind: 'rejected', message: violation.message, varying: true };
  // spec §5: the first stored copy wins, also inside one batch (earlier events are added already).
  if (verdict.id !== undefined && store.hasId(collection, verdict.id)) return DUPLICATE;
  if (failEvent()) return { kind: 'rejected', message: MESSAGES.eventFailed };
  return STORE;
}

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
  const decision = decide(store, collection, event, failEvent, schemas);
  if (decision.kind !== 'store') return decision;
  normalise(event as StoredEvent, receivedAt);
  const json = serialize(event as StoredEvent);
  if (json === undefined) return { kind: 'rejected', message: MESSAGES.eventTooDeep };
  store.add(collection, event as StoredEvent);
  return { kind: 'stored', json };
}

/**
 * Nesting up to which JSON.stringify surely succeeds: a batch no deeper is stored without serializing each
 * event to find out, and when every event was stored as sent its own text is the log record.
 */
const SHALLOW_DEPTH = 1_000;

/** How one event of a batch ended; a stored one says whether it was stored exactly as sent. */
type BatchAdmission =
  | { readonly kind: 'stored'; readonly asSent: boolean; readonly json: string | undefined }
  | Exclude<Admission, { kind: 'stored' }>;

const STORED_AS_SENT: BatchAdmission = { kind: 'stored', asSent: true, json: undefined };
const STORED_CHANGED: BatchAdmission = { kind: 'stored', asSent: false, json: undefined };

/** admitEvent for a shallow batch: stored at once, serialized later only if the log needs it. */
function admitShallow(
  store: EventStore,
  collection: string,
  event: unknown,
  receivedAt: string,
  failEvent: () => boolean,
  schemas?: SandboxSchemas,
): BatchAdmission {
  const decision = decide(store, collection, event, failEvent, schemas);
  if (decision.kind !== 'store') return decision;
  const asSent = normalise(event as StoredEvent, receivedAt);
  store.add(collection, event as StoredEvent);
  return asSent ? STORED_AS_SENT : STORED_CHANGED;
}

function admitDeep(
  store: EventStore,
  collection: string,
  event: unknown,
  receivedAt: string,
  failEvent: () => boolean,
  schemas?: SandboxSchemas,
): BatchAdmission {
  const admission = admitEvent(store, collection, event, receivedAt, failEvent, schemas);
  return admission.kind === 'stored' ? { kind: 'stored', asSent: false, json: admission.json } : admission;
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
  // The fast path: no event can be too deep to serialize, so events are stored first and serialized only
  // when the log needs them; the others are serialized before they are stored, to reject what cannot be.
  const shallow = nestsAtMost(text, SHALLOW_DEPTH);
  const admit = shallow ? admitShallow : admitDeep;
  let allAsSent = shallow;
  const accepted: { collection: string; json: string[]; events: StoredEvent[] }[] = [];
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
      const admission = admit(store, name, event, receivedAt, faults.failEvent, context.schemas);
      if (admission.kind === 'stored') {
        if (admission.json !== undefined) json.push(admission.json);
        if (!admission.asSent) allAsSent = false;
        stored.push(event as StoredEvent);
        body += RESULT_ACCEPTED;
        continue;
      }
      allAsSent = false;
      if (admission.kind === 'duplicate') body += duplicateResult;
      // Schema messages quote values: not kept in the cache of the few fixed rule texts.
      else
        body += admission.varying
          ? JSON.stringify({ success: false, message: admission.message })
          : rejectedResult(admission.message);
    }
    body += ']';
    if (stored.length > 0) accepted.push({ collection: name, json, events: stored });
  }
  body += '}';
  // Serialized now, one event at a time as an export does; the nesting bound means it cannot fail.
  if (shallow && !allAsSent)
    for (const entry of accepted) entry.json = entry.events.map((event) => JSON.stringify(event));
  return store.persist(accepted, allAsSent ? text : undefined).then(() => ({ status: 200, body }));
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
