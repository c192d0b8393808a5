// When a request is worth another attempt and how long to wait first: exponential backoff with jitter,
// and the server's own Retry-After when it gives one; and which events a retry may carry (spec §9).
import { answerMayHaveStored } from '../../../core/send/reconcile';
import type { Attempt } from './request-attempt';

/** First backoff step; each attempt doubles it, up to the cap. */
export const BACKOFF_BASE_MS = 250;
export const BACKOFF_CAP_MS = 8000;
/** The longest Retry-After we honour; a server asking for more gets this, so a send never hangs for hours. */
export const RETRY_AFTER_CAP_MS = 60_000;

/** Statuses that say "try again later" without anything having been stored (spec §3: the 500 stores nothing). */
export const isTransientStatus = (status: number): boolean => status === 429 || (status >= 500 && status <= 599);

/** Delay before retry number `attempt` (1 for the first retry): half fixed, half random ("equal jitter"). */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}

/**
 * Milliseconds a `Retry-After` header asks to wait: delay-seconds or an HTTP date (RFC 9110 §10.2.3),
 * capped; undefined when absent or unreadable.
 */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Math.min(RETRY_AFTER_CAP_MS, Number(text) * 1000);
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.min(RETRY_AFTER_CAP_MS, Math.max(0, date - now));
}

/** Waits `ms`, or less when the signal aborts (it then resolves; the caller checks the signal). */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

/**
 * What to do after an attempt: stop (an answer to act on, or a cancel), send every event again (nothing
 * can have been stored: the connection never opened, a 429, the API's own 500/503), or send again only the
 * events with an id (the server may have stored them: no answer after writing, a proxy's 5xx; spec §9).
 */
export type RetryVerdict = 'done' | 'retry-all' | 'retry-with-ids';

export function retryVerdict(attempt: Attempt): RetryVerdict {
  if (attempt.kind === 'no-answer') {
    if (attempt.reason === 'cancelled') return 'done';
    return attempt.written ? 'retry-with-ids' : 'retry-all';
  }
  if (!isTransientStatus(attempt.status)) return 'done';
  return answerMayHaveStored(attempt.status, attempt.bodyText) ? 'retry-with-ids' : 'retry-all';
}

/** The wait before the next attempt: the server's Retry-After when it gave one, else backoff. */
export const retryDelay = (attempt: Attempt, attemptsSoFar: number, random: () => number): number =>
  attempt.kind === 'answer' && attempt.retryAfterMs !== undefined
    ? attempt.retryAfterMs
    : backoffDelay(attemptsSoFar, random);
