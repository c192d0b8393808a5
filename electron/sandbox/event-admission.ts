// One event through spec §4 and §5, the same for a batch push, a single push and a bulk import line: the shared
// rules of core/rules, the collection's schema, duplicates by id, the injected storage failure, its stored form.
import { randomUUID } from 'node:crypto';
import { eventIsClean, firstViolation, type FirstViolation } from '../../core/rules/event-rules';
import { parseTimestamp } from '../../core/rules/timestamp';
import { MESSAGES } from './api-messages';
import type { EventStore, StoredEvent } from './event-store';
import { schemaRejection, type SandboxSchemas } from './schema-enforcement';

/** Where events are admitted: one collection of one request (or import), received at one moment. */
export interface AdmissionContext {
  readonly store: EventStore;
  readonly collection: string;
  /** The stored `timestamp` of an event sent without one (spec §4). */
  readonly receivedAt: string;
  /** The injected storage failure (spec §10); asked only for an event that would be stored. */
  readonly failEvent: () => boolean;
  readonly schemas: SandboxSchemas | undefined;
}

/** Why an event was not stored. */
export type Refusal =
  { readonly kind: 'duplicate' } | { readonly kind: 'rejected'; readonly message: string; readonly varying?: boolean };

// Shared answers: most refusals are one of these, and a batch of them allocates nothing per event.
export const DUPLICATE: Refusal = { kind: 'duplicate' };
export const EVENT_FAILED: Refusal = { kind: 'rejected', message: MESSAGES.eventFailed };
export const TOO_DEEP: Refusal = { kind: 'rejected', message: MESSAGES.eventTooDeep };

/** spec §4: the first rule the event breaks, `too-deep` when it nests too deeply to walk, else undefined. */
export function judge(event: unknown): FirstViolation | 'too-deep' | undefined {
  try {
    // Most events are clean: one walk decides that; only a broken event is asked which rule it breaks first.
    return eventIsClean(event) ? undefined : firstViolation(event);
  } catch (error) {
    if (error instanceof RangeError) return 'too-deep';
    throw error;
  }
}

/** The API's rules, then the schema (its message comes after theirs): a violating event is never stored. */
function ruleRefusal(context: AdmissionContext, event: unknown): Refusal | undefined {
  const verdict = judge(event);
  if (verdict === 'too-deep') return TOO_DEEP;
  if (verdict) return { kind: 'rejected', message: verdict.apiMessage };
  const violation = schemaRejection(context.schemas, context.collection, event);
  // Schema messages quote values: the answer does not keep them among the few fixed rule texts.
  return violation ? { kind: 'rejected', message: violation.message, varying: true } : undefined;
}

const idOf = (event: StoredEvent): string | number | undefined => {
  const id = event['id'];
  return typeof id === 'string' || typeof id === 'number' ? id : undefined;
};

/** spec §5 (the first stored copy wins, also inside one batch), then the injected failure; the id stays claimed. */
function claim(context: AdmissionContext, event: StoredEvent): Refusal | undefined {
  const id = idOf(event);
  if (id !== undefined && !context.store.claimId(context.collection, id)) return DUPLICATE;
  if (!context.failEvent()) return undefined;
  if (id !== undefined) context.store.releaseId(context.collection, id);
  return EVENT_FAILED;
}

/**
 * Gives the event its stored form: `timestamp` in UTC with milliseconds (or the receive time), an `id` (a
 * generated one is claimed too). True when it had that form already (nothing was changed).
 */
function normalise(context: AdmissionContext, event: StoredEvent): boolean {
  let asSent = true;
  const stamp = event['timestamp'];
  if (stamp === undefined) {
    event['timestamp'] = context.receivedAt;
    asSent = false;
  } else {
    // The rules have just parsed (and accepted) this timestamp: asking again is answered from parseTimestamp's
    // memory, and a stamp already in the stored form is its own UTC form, the very same string.
    const utc = parseTimestamp(stamp)?.utc ?? context.receivedAt;
    if (utc !== stamp) {
      event['timestamp'] = utc;
      asSent = false;
    }
  }
  if (!('id' in event)) {
    const id = randomUUID();
    event['id'] = id;
    context.store.claimId(context.collection, id);
    asSent = false;
  }
  return asSent;
}

/**
 * One event of a batch no deeper than JSON.stringify can go. Stored: true when exactly as sent, false when its
 * stored form differs; the caller appends it to the store. Otherwise the refusal.
 */
export function admit(context: AdmissionContext, event: unknown): boolean | Refusal {
  const refusal = ruleRefusal(context, event) ?? claim(context, event as StoredEvent);
  return refusal ?? normalise(context, event as StoredEvent);
}

/**
 * The stored event as JSON for the log, or the refusal, for an event that passed the rules. Serializing it here,
 * at the same stack depth as an export does, keeps out an event nested so deeply that a later export or restart
 * could not handle it.
 */
export function admitJudged(context: AdmissionContext, event: StoredEvent): string | Refusal {
  const refusal = claim(context, event);
  if (refusal) return refusal;
  normalise(context, event);
  try {
    return JSON.stringify(event);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    const id = idOf(event);
    if (id !== undefined) context.store.releaseId(context.collection, id);
    return TOO_DEEP;
  }
}

/** admit for an event that may nest too deeply to serialize: its JSON for the log when stored. */
export function admitSerialized(context: AdmissionContext, event: unknown): string | Refusal {
  return ruleRefusal(context, event) ?? admitJudged(context, event as StoredEvent);
}
