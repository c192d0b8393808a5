// Sends a batch to the Connect events API in chunks: retries what is safe to retry, resends storage
// failures that carry an id, and reports one outcome per event and one record per request. Plain Node;
// the network enters through the `fetch` port, so the CLI, the app and the tests run this same code.
import type { z } from 'zod';
import { chunkBody, planChunks, planEvents, type Chunk, type ChunkPart, type EventRef, type ExcludedEvent } from '../../core/send/chunk-plan';
import { eventId } from '../../core/send/event-id';
import type { EventOutcome } from '../../core/send/outcome';
import { createOutcomeTable } from '../../core/send/outcome-table';
import { answerMayHaveStored, excludedOutcomes, noAnswerMessage, reconcileChunk, requestErrorMessage, type ChunkAnswer, type NoAnswerReason } from '../../core/send/reconcile';
import type { RequestAttempt, requestRecordSchema } from '../contract/channels';
import { abortableSleep, backoffDelay, isTransientStatus, parseRetryAfter } from './retry-policy';

export type RequestRecord = z.output<typeof requestRecordSchema>;

export interface SendProgressCounts {
  readonly requestsDone: number;
  /** Grows when follow-up requests (resends of storage failures) are planned. */
  readonly requestsTotal: number;
  readonly eventsDone: number;
  readonly eventsTotal: number;
}

export interface SendOptions {
  readonly batch: Readonly<Record<string, readonly unknown[]>>;
  /** Base URL of the API (`https://api.getconnect.io`, a sandbox URL); `/events` is appended. */
  readonly url: string;
  readonly projectId: string;
  readonly apiKey: string;
  /** Events a request, 1..5,000 (default 5,000). */
  readonly chunkSize?: number;
  /** Extra attempts for a request that failed in passing: no answer, timeout, 5xx, 429 (default 3). */
  readonly retries?: number;
  /** Longest wait for one attempt's full answer (default 60 s). */
  readonly timeoutMs?: number;
  /** Rounds of resending events rejected with the storage-failure message (default 8). */
  readonly resendRounds?: number;
  /** Requests in flight at once (default 1, at most 8). */
  readonly concurrency?: number;
  /** Events not to send; each ends `not-sent` with its reason. */
  readonly exclude?: Iterable<ExcludedEvent>;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: SendProgressCounts) => void;
  /** Keep a record of every attempt (the app's Requests panel), showing the key as this hint (`••••` + last 4). */
  readonly recordAttempts?: { readonly keyHint: string };
  /** Each settled request's outcomes as they become known (history's journal); excluded events come first, without a request. */
  readonly onDelivery?: (outcomes: readonly EventOutcome[], request?: RequestRecord) => void;
  readonly fetch?: typeof fetch;
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly random?: () => number;
  readonly now?: () => number;
}

export interface SendResult {
  /** One per event of the batch, in batch order (collections in document order, events by index). */
  readonly outcomes: EventOutcome[];
  /** One per request, by request number; follow-up resends come after the planned chunks. */
  readonly requests: RequestRecord[];
  readonly cancelled: boolean;
  /** Every attempt, in the order they started; empty unless `recordAttempts` was given. */
  readonly attempts: RequestAttempt[];
  /** The whole body of request `n` (built again from the batch), undefined for a request that was not made. */
  readonly requestBody: (request: number) => string | undefined;
}

/** Body bytes and answer characters kept in an attempt record. */
export const ATTEMPT_PREVIEW_BYTES = 65_536;

/** Raw response text kept in a request record; the full text is still used to reconcile. */
export const RESPONSE_TEXT_LIMIT = 1_000_000;
const NOT_RESENT_WITHOUT_ID = 'not resent: without an id a resend could store it twice';
// Failures where the request cannot have reached the server, so resending every event is safe.
const NOT_DELIVERED_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);
// What fetch accepts in a header value (RFC 9110 field-value, no CR/LF), checked before fetch can echo it in an error.
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

type Attempt =
  | { readonly kind: 'answer'; readonly status: number; readonly bodyText: string; readonly retryAfterMs?: number; readonly location?: string; readonly durationMs: number }
  | { readonly kind: 'no-answer'; readonly reason: NoAnswerReason; readonly detail?: string; readonly maybeDelivered: boolean; readonly durationMs: number };

/** What one request came to before reconciling: the last attempt, and events set aside on the way. */
interface Transmission {
  readonly chunk: Chunk;
  /** The events still in the request at its last attempt (those without an id may have been set aside). */
  readonly current: Chunk;
  readonly setAside: EventOutcome[];
  readonly attempts: number;
  readonly last: Attempt;
}

interface Delivery {
  readonly outcomes: EventOutcome[];
  /** The last attempt got a 2xx: an `unknown` in it is a result missing from the answer, worth a resend with an id. */
  readonly answered: boolean;
  readonly record: RequestRecord;
}

const bounded = (value: number | undefined, fallback: number, min: number, max: number): number =>
  value === undefined || !Number.isFinite(value) ? fallback : Math.min(max, Math.max(min, Math.floor(value)));

/** The endpoint for batches under a base URL, keeping any path prefix the base has. */
export function eventsEndpoint(base: string): string {
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    throw new Error(`The URL '${base}' is not a valid URL.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`The URL '${base}' must start with http:// or https://.`);
  url.pathname = url.pathname.replace(/\/+$/, '') + '/events';
  url.search = '';
  url.hash = '';
  return url.toString();
}

/** Why fetch failed, from the error's cause (undici puts the system error code there). */
function failureOf(error: unknown): { detail: string; code?: string } {
  const cause = error instanceof Error ? (error as Error & { cause?: unknown }).cause : undefined;
  const code = typeof cause === 'object' && cause !== null && typeof (cause as { code?: unknown }).code === 'string' ? (cause as { code: string }).code : undefined;
  const message = cause instanceof Error ? cause.message : error instanceof Error ? error.message : String(error);
  return { detail: code && !message.includes(code) ? `${code}: ${message}` : message, code };
}

const IN_FLIGHT_CANCEL = 'the request had been sent, so the server may have stored these events';

export async function sendBatch(options: SendOptions): Promise<SendResult> {
  const { batch, signal, onProgress } = options;
  const endpoint = eventsEndpoint(options.url);
  if (!HEADER_VALUE.test(options.apiKey)) throw new Error('The API key contains characters that cannot be sent in an HTTP header.');
  if (!HEADER_VALUE.test(options.projectId)) throw new Error('The project id contains characters that cannot be sent in an HTTP header.');
  const retries = bounded(options.retries, 3, 0, 100);
  const timeoutMs = bounded(options.timeoutMs, 60_000, 1, 24 * 3600_000);
  const resendRounds = bounded(options.resendRounds, 8, 0, 100);
  const concurrency = bounded(options.concurrency, 1, 1, 8);
  const fetchPort = options.fetch ?? globalThis.fetch;
  const sleep = options.sleep ?? abortableSleep;
  const random = options.random ?? Math.random;
  const now = options.now ?? (() => performance.now());
  const headers = { 'X-Project-Id': options.projectId, 'X-Api-Key': options.apiKey, 'Content-Type': 'application/json' };

  // The key must never leave in a message, even when a server echoes it back.
  const key = options.apiKey;
  const redact = (text: string): string => (key.length >= 4 && text.includes(key) ? text.split(key).join('••••') : text);

  const plan = planChunks(batch, { chunkSize: options.chunkSize, exclude: options.exclude });
  const table = createOutcomeTable(batch);
  const excluded = excludedOutcomes(batch, plan.excluded);
  for (const outcome of excluded) table.set(outcome);
  if (excluded.length > 0) options.onDelivery?.(excluded);
  const records: RequestRecord[] = [];
  const progress = { requestsDone: 0, requestsTotal: plan.chunks.length, eventsDone: 0, eventsTotal: plan.plannedEvents };
  const report = () => {
    try {
      onProgress?.({ ...progress });
    } catch {
      // A failing progress listener (a closed window) must not lose the outcomes of a send under way.
    }
  };

  const attemptLog: RequestAttempt[] = [];
  const bodies = new Map<number, Chunk>();
  const logAttempt = (request: number, bodyText: string, startedAt: Date, attempt: Attempt) => {
    if (!options.recordAttempts) return;
    const number = attemptLog.reduce((n, a) => (a.request === request ? n + 1 : n), 0) + 1;
    const answer = attempt.kind === 'answer' ? redact(attempt.bodyText) : undefined;
    attemptLog.push({
      request,
      attempt: number,
      method: 'POST',
      url: endpoint,
      headers: { ...headers, 'X-Api-Key': options.recordAttempts.keyHint },
      bodyPreview: previewOf(bodyText),
      bodyBytes: Buffer.byteLength(bodyText),
      ...(attempt.kind === 'answer' ? { status: attempt.status } : {}),
      startedAt: startedAt.toISOString(),
      durationMs: attempt.durationMs,
      ...(answer !== undefined ? { response: answer.slice(0, ATTEMPT_PREVIEW_BYTES) } : {}),
      ...(attempt.kind === 'no-answer' ? { error: redact(noAnswerMessage(attempt.reason, attempt.detail)) } : {}),
    });
  };

  async function attemptOnce(request: number, bodyText: string): Promise<Attempt> {
    const startedAt = new Date();
    const attempt = await attemptOnceUnlogged(bodyText);
    logAttempt(request, bodyText, startedAt, attempt);
    return attempt;
  }

  async function attemptOnceUnlogged(bodyText: string): Promise<Attempt> {
    const started = now();
    const elapsed = () => Math.max(0, now() - started);
    if (signal?.aborted) return { kind: 'no-answer', reason: 'cancelled', maybeDelivered: false, durationMs: 0 };
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    const cancel = () => controller.abort();
    signal?.addEventListener('abort', cancel, { once: true });
    try {
      // Never follow a redirect: fetch would carry X-Api-Key along, even to another host.
      const response = await fetchPort(endpoint, { method: 'POST', headers, body: bodyText, signal: controller.signal, redirect: 'manual' });
      const text = await response.text();
      const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
      const location = response.headers.get('location') ?? undefined;
      return {
        kind: 'answer',
        status: response.status,
        bodyText: text,
        durationMs: elapsed(),
        ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
        ...(location !== undefined ? { location } : {}),
      };
    } catch (error) {
      // The request had left: the server may still store it, which the person should know before resending.
      if (signal?.aborted) return { kind: 'no-answer', reason: 'cancelled', detail: IN_FLIGHT_CANCEL, maybeDelivered: true, durationMs: elapsed() };
      if (timedOut) return { kind: 'no-answer', reason: 'timeout', detail: `no full answer within ${timeoutMs} ms`, maybeDelivered: true, durationMs: elapsed() };
      const { detail, code } = failureOf(error);
      return { kind: 'no-answer', reason: 'network', detail: redact(detail), maybeDelivered: !(code && NOT_DELIVERED_CODES.has(code)), durationMs: elapsed() };
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', cancel);
    }
  }

  const bodyOf = (chunk: Chunk): string => JSON.stringify(chunkBody(batch, chunk));

  /** The chunk split into events that have an id and events that do not, keeping request number and order. */
  function splitById(chunk: Chunk): { withId: Chunk; withoutId: Chunk } {
    const withIdParts: ChunkPart[] = [];
    const withoutIdParts: ChunkPart[] = [];
    for (const part of chunk.parts) {
      const events = batch[part.collection] ?? [];
      const yes = part.indices.filter((index) => eventId(events[index]) !== undefined);
      const no = part.indices.filter((index) => eventId(events[index]) === undefined);
      if (yes.length > 0) withIdParts.push({ collection: part.collection, indices: yes });
      if (no.length > 0) withoutIdParts.push({ collection: part.collection, indices: no });
    }
    const count = (parts: ChunkPart[]) => parts.reduce((n, p) => n + p.indices.length, 0);
    return {
      withId: { number: chunk.number, parts: withIdParts, eventCount: count(withIdParts) },
      withoutId: { number: chunk.number, parts: withoutIdParts, eventCount: count(withoutIdParts) },
    };
  }

  /** One request with its retries, up to the last answer (or none); `prepared` is the chunk's body if already built. */
  async function transmit(chunk: Chunk, prepared?: string): Promise<Transmission> {
    const setAside: EventOutcome[] = [];
    let current = chunk;
    let bodyText = prepared;
    let attempts = 0;
    let last: Attempt = { kind: 'no-answer', reason: 'cancelled', maybeDelivered: false, durationMs: 0 };
    for (;;) {
      if (signal?.aborted) {
        last = { kind: 'no-answer', reason: 'cancelled', maybeDelivered: false, durationMs: attempts === 0 ? 0 : last.durationMs };
        break;
      }
      bodyText ??= bodyOf(current);
      attempts++;
      if (attempts === 1) bodies.set(chunk.number, current);
      last = await attemptOnce(chunk.number, bodyText);
      const transient = last.kind === 'no-answer' ? last.reason !== 'cancelled' : isTransientStatus(last.status);
      if (!transient || attempts > retries) break;
      const mayHaveStored = last.kind === 'no-answer' ? last.maybeDelivered : answerMayHaveStored(last.status, last.bodyText);
      if (mayHaveStored) {
        // The server may have stored this request: only events with an id are safe to send again (spec §5, §9).
        const { withId, withoutId } = splitById(current);
        if (withoutId.eventCount > 0) {
          const answer: ChunkAnswer =
            last.kind === 'no-answer'
              ? { noAnswer: last.reason, detail: [last.detail, NOT_RESENT_WITHOUT_ID].filter(Boolean).join('; '), written: true }
              : { status: last.status, bodyText: last.bodyText };
          setAside.push(...reconcileChunk(batch, withoutId, answer));
          current = withId;
          bodyText = undefined;
        }
        if (current.eventCount === 0) break;
      }
      const wait = last.kind === 'answer' && last.retryAfterMs !== undefined ? last.retryAfterMs : backoffDelay(attempts, random);
      await sleep(wait, signal);
    }
    return { chunk, current, setAside, attempts, last };
  }

  /** An outcome for every event of the transmitted chunk, and its request record. */
  function settle({ chunk, current, setAside, attempts, last }: Transmission): Delivery {
    const answer: ChunkAnswer =
      last.kind === 'answer'
        ? { status: last.status, bodyText: last.bodyText, ...(last.location !== undefined ? { location: last.location } : {}) }
        : { noAnswer: last.reason, ...(last.detail ? { detail: last.detail } : {}), written: last.maybeDelivered };
    const outcomes = current.eventCount > 0 ? setAside.concat(reconcileChunk(batch, current, answer)) : setAside;
    const answered = last.kind === 'answer' && last.status >= 200 && last.status <= 299;
    return { outcomes, answered, record: recordOf(chunk, attempts, last) };
  }

  function recordOf(chunk: Chunk, attempts: number, last: Attempt): RequestRecord {
    if (last.kind === 'no-answer') {
      const why = noAnswerMessage(last.reason, last.detail);
      return { request: chunk.number, eventCount: chunk.eventCount, attempts, ...(attempts > 0 ? { durationMs: last.durationMs } : {}), responseText: redact(why), error: redact(why) };
    }
    const text = redact(last.bodyText);
    const responseText = text.length > RESPONSE_TEXT_LIMIT ? `${text.slice(0, RESPONSE_TEXT_LIMIT)}… (truncated: ${text.length} characters in all)` : text;
    const ok = last.status >= 200 && last.status <= 299;
    return {
      request: chunk.number,
      eventCount: chunk.eventCount,
      attempts,
      status: last.status,
      durationMs: last.durationMs,
      responseText,
      ...(ok ? {} : { error: redact(requestErrorMessage(last.status, last.bodyText, last.location)) }),
    };
  }

  /**
   * Sends the chunks, handing each delivery over as it completes. One at a time (the default), the
   * client's own work is pipelined: the next body is built and the last answer reconciled while a
   * request is with the server, so the send goes at the server's pace. With `concurrency` > 1, a pool.
   */
  async function deliverAll(chunks: readonly Chunk[], handOver: (chunk: Chunk, delivery: Delivery) => void): Promise<void> {
    const finish = (transmission: Transmission) => {
      const delivery = settle(transmission);
      records.push(delivery.record);
      handOver(transmission.chunk, delivery);
    };
    if (concurrency === 1) {
      const first = chunks[0];
      if (!first) return;
      let inFlight = transmit(first, signal?.aborted ? undefined : bodyOf(first));
      for (let i = 0; i < chunks.length; i++) {
        const next = chunks[i + 1];
        // Let the request go out before the event loop is busy building the next body.
        await new Promise((resolve) => setImmediate(resolve));
        const nextBody = next && !signal?.aborted ? bodyOf(next) : undefined;
        const done = await inFlight;
        if (next) inFlight = transmit(next, nextBody);
        finish(done);
      }
      return;
    }
    let next = 0;
    const worker = async () => {
      for (let chunk = chunks[next++]; chunk !== undefined; chunk = chunks[next++]) finish(await transmit(chunk));
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, chunks.length) }, worker));
  }

  // Resent in rounds: storage failures, and events with an id a 2xx answer had no result for (spec §9).
  const retryable = (o: EventOutcome, answered: boolean): boolean =>
    o.id !== undefined && ((o.outcome === 'rejected' && o.retryable === true) || (answered && o.outcome === 'unknown'));
  let pending: EventRef[] = [];

  await deliverAll(plan.chunks, (chunk, delivery) => {
    for (const outcome of delivery.outcomes) {
      table.set(outcome);
      if (retryable(outcome, delivery.answered)) pending.push(outcome);
    }
    progress.requestsDone++;
    progress.eventsDone += chunk.eventCount;
    options.onDelivery?.(delivery.outcomes, delivery.record);
    report();
  });

  // Storage failures (spec §9) are resent only when the event has an id: a copy that did get stored
  // then comes back as a duplicate, which counts as delivered.
  let nextNumber = plan.chunks.length + 1;
  for (let round = 1; round <= resendRounds && pending.length > 0 && !signal?.aborted; round++) {
    await sleep(backoffDelay(round, random), signal);
    if (signal?.aborted) break;
    const chunks = planEvents(pending, { chunkSize: options.chunkSize, firstNumber: nextNumber });
    nextNumber += chunks.length;
    progress.requestsTotal += chunks.length;
    report();
    const again: EventRef[] = [];
    await deliverAll(chunks, (_chunk, delivery) => {
      const settled: EventOutcome[] = [];
      for (const outcome of delivery.outcomes) {
        // Certainly not stored by the resend: the earlier conclusion still stands. A resend that may have
        // been stored without an answer replaces it with `unknown` (spec §9), and is not sent again.
        if (outcome.outcome === 'not-sent') {
          if (!signal?.aborted) again.push(outcome);
          continue;
        }
        table.set(outcome);
        settled.push(outcome);
        if (retryable(outcome, delivery.answered)) again.push(outcome);
      }
      progress.requestsDone++;
      options.onDelivery?.(settled, delivery.record);
      report();
    });
    pending = again;
  }

  const outcomes = table.list().map((o) => (o.message !== undefined && key.length >= 4 && o.message.includes(key) ? { ...o, message: redact(o.message) } : o));
  records.sort((a, b) => a.request - b.request);
  const requestBody = (request: number): string | undefined => {
    const chunk = bodies.get(request);
    return chunk ? bodyOf(chunk) : undefined;
  };
  return { outcomes, requests: records, cancelled: signal?.aborted ?? false, attempts: attemptLog, requestBody };
}

/** The first ATTEMPT_PREVIEW_BYTES bytes of a body, cut at a whole character. */
function previewOf(text: string): string {
  if (text.length * 3 <= ATTEMPT_PREVIEW_BYTES) return text;
  const bytes = Buffer.from(text);
  if (bytes.length <= ATTEMPT_PREVIEW_BYTES) return text;
  let end = ATTEMPT_PREVIEW_BYTES;
  // Step back over continuation bytes so no character is cut in half.
  while (end > 0 && ((bytes[end] ?? 0) & 0xc0) === 0x80) end--;
  return bytes.subarray(0, end).toString('utf8');
}
