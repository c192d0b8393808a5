// Turns one chunk's answer (status and body text, or why there was none) into one outcome per original
// event, following spec §9. Tolerant of any body: what cannot be read becomes `unknown`, never an error.
import type { Chunk, ExcludedEvent } from './chunk-plan';
import { isJsonObject, tryParseJson } from '../json/value';
import { eventId } from './event-id';
import type { EventOutcome } from './outcome';

/** The per-event rejection the API calls retryable (spec §9): storage trouble, nothing stored. */
export const STORAGE_FAILURE_MESSAGE = 'An error occurred inserting the event please try again.';
const DEFAULT_DUPLICATE_MESSAGE = 'An event with the same id has already been inserted.';

export type NoAnswerReason = 'cancelled' | 'network' | 'timeout';

/** What came back for a chunk: an HTTP answer, or none. */
export type ChunkAnswer =
  | {
      readonly status: number;
      readonly bodyText: string;
      /** `Location` of a redirect, which is never followed. */ readonly location?: string;
    }
  | {
      readonly noAnswer: NoAnswerReason;
      readonly detail?: string;
      /** True when (part of) the request was written, so the server may have stored it (spec §9: `unknown`). */
      readonly written?: boolean;
    };

/** Said of every event that may have been stored: whether resending it is safe (spec §9). */
export const RESEND_SAFE_ONLY_WITH_ID = 'the server may have stored it; a resend is safe only for an event with an id';

type Batch = Readonly<Record<string, readonly unknown[]>>;

/** Why a request got no answer, for a person. */
export function noAnswerMessage(reason: NoAnswerReason, detail?: string): string {
  switch (reason) {
    case 'cancelled':
      return `cancelled before the server answered${detail ? ` (${detail})` : ''}`;
    case 'network':
      return `network failure, no answer from the server${detail ? ` (${detail})` : ''}`;
    case 'timeout':
      return `timed out waiting for the server${detail ? ` (${detail})` : ''}`;
    default: {
      const never: never = reason;
      return never;
    }
  }
}

/** The message of a whole-request error answer: its status and the server's own errorMessage (spec §1). */
export function requestErrorMessage(status: number, bodyText: string, location?: string): string {
  if (status >= 300 && status <= 399) {
    return `HTTP ${status}: the server redirects${location ? ` to ${location}` : ''}. Redirects are not followed, so the API key only goes to the URL given; use the final URL instead.`;
  }
  const parsed = tryParseJson(bodyText);
  const body = parsed.ok ? parsed.value : undefined;
  let said: string | undefined;
  if (isJsonObject(body)) {
    if (typeof body['errorMessage'] === 'string') said = body['errorMessage'];
    else if (Array.isArray(body['errors'])) {
      const descriptions = body['errors']
        .map((e) => (isJsonObject(e) && typeof e['description'] === 'string' ? e['description'] : undefined))
        .filter((d): d is string => d !== undefined);
      if (descriptions.length > 0) said = descriptions.join('; ');
    }
  }
  return said ? `HTTP ${status}: ${said}` : `HTTP ${status} without an error message`;
}

/**
 * True when a whole-request error answer may hide stored events (spec §9): a 5xx that is not the API's
 * own JSON error (a proxy's 502 or 504, an HTML page). A 500 or 503 with the API's `errorMessage` stores
 * nothing, nor does any 4xx.
 */
export function answerMayHaveStored(status: number, bodyText: string): boolean {
  if (status < 500 || status > 599) return false;
  if (status !== 500 && status !== 503) return true;
  const parsed = tryParseJson(bodyText);
  return !(parsed.ok && isJsonObject(parsed.value) && typeof parsed.value['errorMessage'] === 'string');
}

export type Conclusion = Pick<EventOutcome, 'outcome' | 'message' | 'retryable'>;
const ACCEPTED: Conclusion = Object.freeze({ outcome: 'accepted' });

/** The outcome of one event from its entry in a 200 answer (spec §3 result shapes, §9 conclusions). */
export function outcomeOfResult(result: unknown): Conclusion {
  if (!isJsonObject(result))
    return { outcome: 'unknown', message: 'The server’s result for this event is not an object.' };
  const message = typeof result['message'] === 'string' ? result['message'] : undefined;
  // spec §5: `duplicate: true` means delivered, whatever `success` says.
  if (result['duplicate'] === true) return { outcome: 'duplicate', message: message ?? DEFAULT_DUPLICATE_MESSAGE };
  if (result['success'] === true) return ACCEPTED;
  if (result['success'] === false) {
    const reason = message ?? 'Rejected without a reason.';
    return reason.trim() === STORAGE_FAILURE_MESSAGE
      ? { outcome: 'rejected', message: reason, retryable: true }
      : { outcome: 'rejected', message: reason };
  }
  return { outcome: 'unknown', message: 'The server’s result for this event has no success flag.' };
}

/** One event's outcome, built in one go: a send makes one per event, so no spreading of copies. */
function outcomeFor(
  collection: string,
  index: number,
  event: unknown,
  request: number | undefined,
  conclusion: Conclusion,
): EventOutcome {
  const outcome: { -readonly [K in keyof EventOutcome]: EventOutcome[K] } = {
    collection,
    index,
    outcome: conclusion.outcome,
  };
  const id = eventId(event);
  if (id !== undefined) outcome.id = id;
  if (conclusion.message !== undefined) outcome.message = conclusion.message;
  if (request !== undefined) outcome.request = request;
  if (conclusion.retryable) outcome.retryable = true;
  return outcome;
}

const eventsOf = (batch: Batch, collection: string): readonly unknown[] | undefined =>
  Object.hasOwn(batch, collection) ? batch[collection] : undefined;

/** The events of one collection in a chunk, in request order: its name and how many. */
export interface ChunkSection {
  readonly collection: string;
  readonly count: number;
}

const everyOne = (
  sections: readonly ChunkSection[],
  conclusion: Conclusion,
  visit: (position: number, conclusion: Conclusion) => void,
): void => {
  const count = sections.reduce((n, s) => n + s.count, 0);
  for (let position = 0; position < count; position++) visit(position, conclusion);
};

/**
 * The conclusion for every event of a chunk from its answer, as `visit(position in the chunk, conclusion)`,
 * in chunk order. Makes no object per event for the usual answers (a shared conclusion per kind).
 */
export function concludeChunk(
  answer: ChunkAnswer,
  sections: readonly ChunkSection[],
  visit: (position: number, conclusion: Conclusion) => void,
): void {
  if ('noAnswer' in answer) {
    const message = noAnswerMessage(answer.noAnswer, answer.detail);
    return everyOne(
      sections,
      answer.written
        ? { outcome: 'unknown', message: `${message}: ${RESEND_SAFE_ONLY_WITH_ID}` }
        : { outcome: 'not-sent', message },
      visit,
    );
  }
  const { status, bodyText } = answer;
  if (status < 200 || status > 299) {
    const message = requestErrorMessage(status, bodyText, answer.location);
    // spec §9: a proxy's 5xx may come after the API stored the events; the API's own errors store nothing.
    if (answerMayHaveStored(status, bodyText))
      return everyOne(sections, { outcome: 'unknown', message: `${message}: ${RESEND_SAFE_ONLY_WITH_ID}` }, visit);
    return everyOne(sections, { outcome: 'not-sent', message }, visit);
  }
  const parsed = tryParseJson(bodyText);
  if (!parsed.ok) {
    return everyOne(
      sections,
      {
        outcome: 'unknown',
        message: `The server answered HTTP ${status} with a body that is not JSON; it cannot be told what happened to this event.`,
      },
      visit,
    );
  }
  const body = parsed.value;
  if (!isJsonObject(body)) {
    return everyOne(
      sections,
      {
        outcome: 'unknown',
        message: `The server answered HTTP ${status} with a body that is not an object of collections.`,
      },
      visit,
    );
  }
  let position = 0;
  for (const { collection, count } of sections) {
    const results = Object.hasOwn(body, collection) ? body[collection] : undefined;
    if (!Array.isArray(results)) {
      const message =
        results === undefined
          ? `The server’s answer has no results for collection '${collection}'.`
          : `The server’s answer for collection '${collection}' is not an array.`;
      const missing: Conclusion = { outcome: 'unknown', message };
      for (let i = 0; i < count; i++) visit(position++, missing);
      continue;
    }
    const short: Conclusion = {
      outcome: 'unknown',
      message: `The server’s answer for collection '${collection}' has ${results.length} results for ${count} events; none for this one.`,
    };
    for (let i = 0; i < count; i++) visit(position++, i < results.length ? outcomeOfResult(results[i]) : short);
  }
}

/** One outcome per event of the chunk, in chunk order (collections as planned, events in order). */
export function reconcileChunk(batch: Batch, chunk: Chunk, answer: ChunkAnswer): EventOutcome[] {
  const places: { collection: string; index: number; event: unknown }[] = [];
  for (const part of chunk.parts) {
    const events = eventsOf(batch, part.collection);
    for (const index of part.indices) places.push({ collection: part.collection, index, event: events?.[index] });
  }
  const outcomes: EventOutcome[] = [];
  const sections = chunk.parts.map((part) => ({ collection: part.collection, count: part.indices.length }));
  concludeChunk(answer, sections, (position, conclusion) => {
    const place = places[position];
    if (place) outcomes.push(outcomeFor(place.collection, place.index, place.event, chunk.number, conclusion));
  });
  return outcomes;
}

/** Outcomes of events left out of the plan on purpose (`not-sent`, with the reason given). */
export function excludedOutcomes(batch: Batch, excluded: readonly ExcludedEvent[]): EventOutcome[] {
  return excluded.map(({ collection, index, reason }) =>
    outcomeFor(collection, index, eventsOf(batch, collection)?.[index], undefined, {
      outcome: 'not-sent',
      message: reason,
    }),
  );
}

/** True when the event reached the API: accepted, or a duplicate of one already stored (spec §5). */
// spec §9: a bulk import's `imported` line is delivered too (stored, or a repeat of a stored id).
export const isDelivered = (outcome: EventOutcome): boolean =>
  outcome.outcome === 'accepted' || outcome.outcome === 'duplicate' || outcome.outcome === 'imported';
