// The retry policy: which attempts are tried again and with which events (spec §9), how long to wait
// (backoff with jitter, Retry-After), and a sleep that a cancel cuts short.
import { describe, expect, it } from 'vitest';
import {
  abortableSleep,
  BACKOFF_CAP_MS,
  backoffDelay,
  parseRetryAfter,
  RETRY_AFTER_CAP_MS,
  retryDelay,
  retryVerdict,
} from '../../../../../electron/services/send/retry-policy';
import type { Attempt } from '../../../../../electron/services/send/request-attempt';

const answer = (status: number, bodyText = '', retryAfterMs?: number): Attempt => ({
  kind: 'answer',
  status,
  bodyText,
  durationMs: 1,
  ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
});
const none = (reason: 'cancelled' | 'network' | 'timeout', written: boolean): Attempt => ({
  kind: 'no-answer',
  reason,
  written,
  durationMs: 1,
});
const API_500 = '{"errorMessage":"An error occurred while processing your request"}';

describe('retryVerdict', () => {
  it('stops on an answer to act on: 2xx, 3xx (never followed), 4xx other than 429, and on a cancel', () => {
    for (const status of [200, 204, 301, 400, 401, 403, 404, 413, 422])
      expect(retryVerdict(answer(status)), String(status)).toBe('done');
    expect(retryVerdict(none('cancelled', true))).toBe('done');
    expect(retryVerdict(none('cancelled', false))).toBe('done');
  });

  it('sends every event again when nothing can have been stored: no connection, a 429, the API’s own 500/503', () => {
    expect(retryVerdict(none('network', false))).toBe('retry-all');
    expect(retryVerdict(none('timeout', false))).toBe('retry-all');
    expect(retryVerdict(answer(429))).toBe('retry-all');
    expect(retryVerdict(answer(500, API_500))).toBe('retry-all');
    expect(retryVerdict(answer(503, '{"errorMessage":"busy"}'))).toBe('retry-all');
  });

  it('sends again only events with an id when the server may have stored them', () => {
    expect(retryVerdict(none('network', true))).toBe('retry-with-ids');
    expect(retryVerdict(none('timeout', true))).toBe('retry-with-ids');
    for (const [status, body] of [
      [502, '<html>'],
      [504, ''],
      [500, '<html>oops</html>'],
      [503, 'Service Unavailable'],
      [500, '{"errorMessage": 5}'],
    ] as const) {
      expect(retryVerdict(answer(status, body)), `${status} ${body}`).toBe('retry-with-ids');
    }
  });
});

describe('waiting', () => {
  it('backs off exponentially with equal jitter, capped', () => {
    expect(backoffDelay(1, () => 0)).toBe(125);
    expect(backoffDelay(1, () => 0.999999)).toBe(250);
    expect(backoffDelay(3, () => 0.5)).toBe(750);
    expect(backoffDelay(30, () => 1)).toBe(BACKOFF_CAP_MS);
  });

  it('uses Retry-After when the answer gives one, else backoff', () => {
    expect(retryDelay(answer(429, '', 3000), 1, () => 0)).toBe(3000);
    expect(retryDelay(answer(503), 2, () => 0)).toBe(250);
    expect(retryDelay(none('timeout', true), 1, () => 1)).toBe(250);
  });

  it('reads Retry-After as seconds or an HTTP date, capped, and ignores what it cannot read', () => {
    expect(parseRetryAfter('2')).toBe(2000);
    expect(parseRetryAfter(' 120 ')).toBe(RETRY_AFTER_CAP_MS);
    const now = Date.parse('2026-12-01T10:00:00Z');
    expect(parseRetryAfter('Tue, 01 Dec 2026 10:00:05 GMT', now)).toBe(5000);
    expect(parseRetryAfter('Tue, 01 Dec 2026 09:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
  });

  // A sleep that did not end would outlast the test's own timeout and fail it.
  it('a sleep ends early when the signal aborts, and at once when it already had', async () => {
    const controller = new AbortController();
    const sleeping = abortableSleep(600_000, controller.signal);
    controller.abort();
    await sleeping;
    await abortableSleep(600_000, controller.signal);
    expect(controller.signal.aborted).toBe(true);
  });
});
