// One request with its retries, up to its last attempt. When the server may have stored an attempt
// (spec §9), only the events with an id go again; the others are set aside with that attempt's answer.
import type { ChunkAnswer } from '../../../core/send/reconcile';
import { retryDelay, retryVerdict } from './retry-policy';
import type { BodyPieces, EventSource } from './event-source';
import { attemptRequest, type Attempt, type RequestTarget } from './request-attempt';

/** One request's events (ascending numbers across collections) and its 1-based number. */
export interface Chunk {
  readonly number: number;
  readonly events: Uint32Array;
}

/** Events concluded from one answer. */
export interface Settled {
  readonly events: Uint32Array;
  readonly answer: ChunkAnswer;
}

export interface Transmission {
  readonly chunk: Chunk;
  /** The events and the answer that decides them: those set aside on the way, then those of the last attempt. */
  readonly settled: readonly Settled[];
  readonly attempts: number;
  readonly last: Attempt;
}

export interface RetryNotice {
  readonly request: number;
  /** The attempt about to be made (2 for the first retry) and the most there will be. */
  readonly attempt: number;
  readonly attempts: number;
  readonly delayMs: number;
}

export interface TransmitContext {
  readonly source: EventSource;
  readonly target: RequestTarget;
  /** Extra attempts after the first. */
  readonly retries: number;
  readonly signal?: AbortSignal;
  readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly random: () => number;
  readonly onAttempt?: (request: number, body: BodyPieces, startedAt: Date, attempt: Attempt) => void;
  readonly onRetry?: (notice: RetryNotice) => void;
}

const NOT_RESENT_WITHOUT_ID = 'not resent: without an id a resend could store it twice';

/** The answer an attempt gives its events. */
export function answerOf(attempt: Attempt, extraDetail?: string): ChunkAnswer {
  if (attempt.kind === 'answer')
    return {
      status: attempt.status,
      bodyText: attempt.bodyText,
      ...(attempt.location !== undefined ? { location: attempt.location } : {}),
    };
  const detail = [attempt.detail, extraDetail].filter(Boolean).join('; ');
  return { noAnswer: attempt.reason, ...(detail ? { detail } : {}), written: attempt.written };
}

const split = (source: EventSource, events: Uint32Array): { withId: Uint32Array; withoutId: Uint32Array } => {
  const withId: number[] = [];
  const withoutId: number[] = [];
  for (const g of events) (source.hasId(g) ? withId : withoutId).push(g);
  return { withId: Uint32Array.from(withId), withoutId: Uint32Array.from(withoutId) };
};

const CANCELLED: Attempt = { kind: 'no-answer', reason: 'cancelled', written: false, durationMs: 0 };

/** Sends the chunk (with `prepared`, its body if already built) and retries while the policy says so. */
export async function transmit(context: TransmitContext, chunk: Chunk, prepared?: BodyPieces): Promise<Transmission> {
  const { source, signal } = context;
  const settled: Settled[] = [];
  let events = chunk.events;
  let body = prepared;
  let attempts = 0;
  let last: Attempt;
  // The first attempt the server may have stored: a later answer that stores nothing cannot undo it.
  let mayHaveStored: Attempt | undefined;
  for (;;) {
    if (signal?.aborted) {
      last = CANCELLED;
      break;
    }
    body ??= source.pieces(events);
    attempts++;
    const startedAt = new Date();
    last = await attemptRequest(context.target, body, signal);
    context.onAttempt?.(chunk.number, body, startedAt, last);
    const verdict = retryVerdict(last);
    if (verdict === 'retry-with-ids' || (last.kind === 'no-answer' && last.written)) mayHaveStored ??= last;
    if (verdict === 'done' || attempts > context.retries) break;
    if (verdict === 'retry-with-ids') {
      const { withId, withoutId } = split(source, events);
      if (withoutId.length > 0) {
        settled.push({
          events: withoutId,
          answer: answerOf(last, last.kind === 'no-answer' ? NOT_RESENT_WITHOUT_ID : undefined),
        });
        events = withId;
        body = undefined;
      }
      if (events.length === 0) return { chunk, settled, attempts, last };
    }
    const delayMs = retryDelay(last, attempts, context.random);
    context.onRetry?.({ request: chunk.number, attempt: attempts + 1, attempts: context.retries + 1, delayMs });
    await context.sleep(delayMs, signal);
  }
  if (events.length > 0) settled.push({ events, answer: finalAnswer(last, mayHaveStored) });
  return { chunk, settled, attempts, last };
}

/**
 * What decides the events of the last attempt: its answer, unless it says "nothing stored" (a cancel
 * before writing, a refused connection, an error that stores nothing) after an earlier attempt that the
 * server may have stored; then that earlier attempt decides (`unknown`, spec §9).
 */
function finalAnswer(last: Attempt, mayHaveStored: Attempt | undefined): ChunkAnswer {
  if (mayHaveStored === undefined || mayHaveStored === last) return answerOf(last);
  const lastStoredNothing =
    last.kind === 'no-answer'
      ? !last.written
      : retryVerdict(last) !== 'retry-with-ids' && (last.status < 200 || last.status > 299);
  return lastStoredNothing ? answerOf(mayHaveStored, 'an earlier attempt may have been stored') : answerOf(last);
}
