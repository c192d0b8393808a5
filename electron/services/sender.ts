// Sends a batch to the Connect events API in chunks and reports one outcome per event (spec §9) and one
// record per request. The parts read on their own (send/): a request attempt, the retry policy, one
// request with its retries, the pipeline; this module plans the chunks, keeps the ledger and runs the
// resend rounds. Plain Node, so the CLI, the app and the tests run this same code.
import type { z } from 'zod';
import { effectiveChunkSize, type ExcludedEvent } from '../../core/send/chunk-plan';
import type { EventOutcome } from '../../core/send/outcome';
import { collectionOf } from '../../core/send/batch-spans';
import { acceptedAnswerText } from '../../core/send/accepted-answer';
import { OutcomeLedger } from '../../core/send/outcome-ledger';
import { concludeChunk, noAnswerMessage, requestErrorMessage, type Conclusion } from '../../core/send/reconcile';
import type { OutcomeSummary } from '../../core/send/summary';
import type { RequestAttempt, requestRecordSchema } from '../contract/channels';
import { scrub } from '../../core/text/redact';
import { abortableSleep, backoffDelay } from './send/retry-policy';
import { createAttemptLog } from './send/attempt-log';
import { objectSource, sections, type BodyPieces, type EventSource } from './send/event-source';
import { deliverAll } from './send/pipeline';
import { createSlicer } from './slices';
import { connectionFor, type Attempt, type RequestTarget } from './send/request-attempt';
import { transmit, type Chunk, type RetryNotice, type Transmission, type TransmitContext } from './send/transmit';

export type RequestRecord = z.output<typeof requestRecordSchema>;
export type { EventSource } from './send/event-source';
export type { RetryNotice } from './send/transmit';

export interface SendProgressCounts {
  readonly requestsDone: number;
  /** Grows when follow-up requests (resends of storage failures) are planned. */
  readonly requestsTotal: number;
  readonly eventsDone: number;
  readonly eventsTotal: number;
  /** Set while a request waits to be tried again. */
  readonly retrying?: RetryNotice;
}

export interface SendOptions {
  /** The events to send: a parsed batch, or a source (a file's own bytes). */
  readonly batch?: Readonly<Record<string, readonly unknown[]>>;
  readonly source?: EventSource;
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
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly random?: () => number;
}

export interface SendResult {
  /** One per event of the batch, in batch order (made on first use: prefer `eachOutcome` for large sends). */
  readonly outcomes: EventOutcome[];
  /**
   * The outcomes one at a time, in batch order, without holding them all; `undelivered` skips the delivered
   * ones; `from`/`to` bound the events by number across collections (a page of them).
   */
  eachOutcome(options?: {
    readonly undelivered?: boolean;
    readonly from?: number;
    readonly to?: number;
  }): Generator<EventOutcome>;
  readonly summary: OutcomeSummary;
  /** One per request, by request number; follow-up resends come after the planned chunks. */
  readonly requests: RequestRecord[];
  readonly cancelled: boolean;
  /** Every attempt, in the order they started; empty unless `recordAttempts` was given. */
  readonly attempts: RequestAttempt[];
  /** The whole body of request `n` (built again), when attempts were recorded; undefined for one never made. */
  readonly requestBody: (request: number) => string | undefined;
}

/** Raw response text kept in a request record; the full text is still used to reconcile. */
export const RESPONSE_TEXT_LIMIT = 1_000_000;
// What node:http accepts in a header value (RFC 9110 field-value, no CR/LF), checked before it can echo it in an error.
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

const ACCEPTED: Conclusion = { outcome: 'accepted' };

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Left-out events handed to `onDelivery` at a time (each has a reason of its own to mask and write). */
const EXCLUDED_PIECE = 500;

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
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new Error(`The URL '${base}' must start with http:// or https://.`);
  url.pathname = url.pathname.replace(/\/+$/, '') + '/events';
  url.search = '';
  url.hash = '';
  return url.toString();
}

/** Chunks of at most `size` events in number order, skipping excluded ones; made as the pipeline asks. */
function* plannedChunks(
  total: number,
  excluded: Uint8Array | undefined,
  size: number,
  firstNumber: number,
): Generator<Chunk> {
  let number = firstNumber;
  let buffer = new Uint32Array(Math.min(size, total));
  let count = 0;
  for (let g = 0; g < total; g++) {
    if (excluded?.[g] === 1) continue;
    buffer[count++] = g;
    if (count === size) {
      yield { number: number++, events: buffer };
      buffer = new Uint32Array(size);
      count = 0;
    }
  }
  if (count > 0) yield { number, events: buffer.slice(0, count) };
}

const chunkCount = (events: number, size: number): number => Math.ceil(events / size);

/** Excluded events by number, and their outcomes' reasons; in slices (100,000 of them take a while). */
async function exclusionsOf(
  source: EventSource,
  exclude: Iterable<ExcludedEvent> | undefined,
): Promise<{ mask?: Uint8Array; reasons: Map<number, string> }> {
  const reasons = new Map<number, string>();
  if (!exclude) return { reasons };
  const total = source.firsts[source.names.length] ?? 0;
  const byName = new Map(source.names.map((name, c) => [name, c]));
  const mask = new Uint8Array(total);
  const slicer = createSlicer();
  let seen = 0;
  for (const { collection, index, reason } of exclude) {
    if ((++seen & 1023) === 0) await slicer.pause();
    const c = byName.get(collection);
    if (c === undefined) continue;
    const g = (source.firsts[c] ?? 0) + index;
    if (index < 0 || g >= (source.firsts[c + 1] ?? 0) || mask[g] === 1) continue;
    mask[g] = 1;
    reasons.set(g, reason);
  }
  return reasons.size > 0 ? { mask, reasons } : { reasons };
}

function recordOf(t: Transmission, redact: (text: string) => string, sharedText?: string): RequestRecord {
  const { chunk, attempts, last } = t;
  const eventCount = chunk.events.length;
  if (last.kind === 'no-answer') {
    const why = redact(noAnswerMessage(last.reason, last.detail));
    return {
      request: chunk.number,
      eventCount,
      attempts,
      ...(attempts > 0 ? { durationMs: last.durationMs } : {}),
      responseText: why,
      error: why,
    };
  }
  const text = redact(sharedText ?? last.bodyText);
  const responseText =
    text.length > RESPONSE_TEXT_LIMIT
      ? `${text.slice(0, RESPONSE_TEXT_LIMIT)}… (truncated: ${text.length} characters in all)`
      : text;
  const ok = last.status >= 200 && last.status <= 299;
  return {
    request: chunk.number,
    eventCount,
    attempts,
    status: last.status,
    durationMs: last.durationMs,
    responseText,
    ...(ok ? {} : { error: redact(requestErrorMessage(last.status, last.bodyText, last.location)) }),
  };
}

export async function sendBatch(options: SendOptions): Promise<SendResult> {
  const { signal } = options;
  const endpoint = eventsEndpoint(options.url);
  if (!HEADER_VALUE.test(options.apiKey))
    throw new Error('The API key contains characters that cannot be sent in an HTTP header.');
  if (!HEADER_VALUE.test(options.projectId))
    throw new Error('The project id contains characters that cannot be sent in an HTTP header.');
  const source = options.source ?? objectSource(options.batch ?? {});
  const chunkSize = effectiveChunkSize(options.chunkSize);
  const retries = bounded(options.retries, 3, 0, 100);
  const resendRounds = bounded(options.resendRounds, 8, 0, 100);
  const concurrency = bounded(options.concurrency, 1, 1, 8);
  const sleep = options.sleep ?? abortableSleep;
  const random = options.random ?? Math.random;
  const headers = {
    'X-Project-Id': options.projectId,
    'X-Api-Key': options.apiKey,
    'Content-Type': 'application/json',
  };

  // The key must never leave in a message, even when a server echoes it back.
  const key = options.apiKey;
  const redact = (text: string): string => scrub(text, [key]);

  const url = new URL(endpoint);
  const { agent, request } = await connectionFor(url);
  const target: RequestTarget = {
    url,
    headers,
    timeoutMs: bounded(options.timeoutMs, 60_000, 1, 24 * 3600_000),
    agent,
    request,
    redact,
  };
  const log = options.recordAttempts
    ? createAttemptLog(endpoint, { ...headers, 'X-Api-Key': options.recordAttempts.keyHint }, redact)
    : undefined;
  const bodies = new Map<number, Uint32Array>();

  const total = source.firsts[source.names.length] ?? 0;
  const ledger = new OutcomeLedger(source);
  const { mask, reasons } = await exclusionsOf(source, options.exclude);
  const slicer = createSlicer();
  let set = 0;
  for (const [g, reason] of reasons) {
    ledger.set(g, { outcome: 'not-sent', message: reason }, undefined);
    if ((++set & 1023) === 0) await slicer.pause();
  }
  const outcomesOf = (events: Iterable<number>): EventOutcome[] => {
    const list: EventOutcome[] = [];
    for (const g of events) {
      const outcome = ledger.outcome(g, collectionOf(source.firsts, g));
      if (outcome) list.push(outcome);
    }
    return list;
  };
  const { onDelivery } = options;
  if (onDelivery && reasons.size > 0) {
    // Handed over in small pieces, with turns between: 100,000 outcomes at once held the loop, and so did a
    // request's worth (5,000 outcomes with their long reasons, masked and written to the journal: 50-100 ms).
    const excluded = Uint32Array.from(reasons.keys()).sort();
    for (let from = 0; from < excluded.length; from += EXCLUDED_PIECE) {
      if (from > 0) await turn();
      onDelivery(outcomesOf(excluded.subarray(from, from + EXCLUDED_PIECE)));
    }
  }
  const planned = total - reasons.size;
  const records: RequestRecord[] = [];
  let progress: SendProgressCounts = {
    requestsDone: 0,
    requestsTotal: chunkCount(planned, chunkSize),
    eventsDone: 0,
    eventsTotal: planned,
  };
  const report = (change: Partial<SendProgressCounts>, retrying?: RetryNotice) => {
    const { retrying: _previous, ...rest } = { ...progress, ...change };
    progress = retrying ? { ...rest, retrying } : rest;
    try {
      options.onProgress?.(progress);
    } catch {
      // A failing progress listener (a closed window) must not lose the outcomes of a send under way.
    }
  };

  const context: TransmitContext = {
    source,
    target,
    retries,
    sleep,
    random,
    ...(signal ? { signal } : {}),
    onRetry: (notice) => report({}, notice),
    ...(log
      ? {
          onAttempt: (request: number, body: BodyPieces, startedAt: Date, attempt: Attempt) =>
            log.add(request, body, startedAt, attempt),
        }
      : {}),
  };

  /** Writes a transmission's conclusions into the ledger; returns the events worth a resend round. */
  const settle = (t: Transmission): number[] => {
    if (log) bodies.set(t.chunk.number, t.chunk.events);
    const again: number[] = [];
    const answered = t.last.kind === 'answer' && t.last.status >= 200 && t.last.status <= 299;
    // The last answer's text, when it is the usual "all accepted" one: its record then shares that string.
    let sharedText: string | undefined;
    for (const { events, answer } of t.settled) {
      const parts = [...sections(source.firsts, events)].map((s) => ({
        collection: source.names[s.collection] ?? '',
        count: s.to - s.from,
      }));
      if ('status' in answer && answer.status >= 200 && answer.status <= 299) {
        const accepted = acceptedAnswerText(parts);
        if (answer.bodyText === accepted) {
          ledger.setAll(events, ACCEPTED, t.chunk.number);
          if (t.last.kind === 'answer' && t.last.bodyText === answer.bodyText) sharedText = accepted;
          continue;
        }
      }
      // Conclusions are shared between events: each is checked for the key once.
      let seen: Conclusion | undefined;
      let safe: Conclusion | undefined;
      concludeChunk(answer, parts, (position, conclusion) => {
        const g = events[position] ?? 0;
        if (conclusion !== seen) {
          seen = conclusion;
          const { message } = conclusion;
          safe =
            message !== undefined && key.length >= 4 && message.includes(key)
              ? { ...conclusion, message: redact(message) }
              : conclusion;
        }
        ledger.set(g, safe ?? conclusion, t.chunk.number);
        // Resent in rounds (spec §9), only with an id: storage failures, and results missing from a 2xx.
        if (
          source.hasId(g) &&
          ((conclusion.outcome === 'rejected' && conclusion.retryable === true) ||
            (answered && conclusion.outcome === 'unknown'))
        )
          again.push(g);
      });
    }
    records.push(recordOf(t, redact, sharedText));
    return again;
  };

  let pending: number[] = [];
  // The plan is known now: the app shows "0/N requests" at once instead of "Starting…" until the first answer.
  report({});
  try {
    await deliverAll(plannedChunks(total, mask, chunkSize, 1), {
      concurrency,
      ...(signal ? { signal } : {}),
      body: (chunk) => source.pieces(chunk.events),
      transmit: (chunk, prepared) => transmit(context, chunk, prepared),
      handOver: (t) => {
        pending.push(...settle(t));
        // After a cancel, chunks that never left are not settled requests: the journal (history) skips
        // them, so a stop by signal does not spend its time writing every unsent event.
        const neverLeft = signal?.aborted === true && t.last.kind === 'no-answer' && !t.last.written;
        if (!neverLeft) onDelivery?.(outcomesOf(t.chunk.events), records.at(-1));
        report({ requestsDone: progress.requestsDone + 1, eventsDone: progress.eventsDone + t.chunk.events.length });
      },
    });

    // Storage failures (spec §9) are resent only when the event has an id: a copy that did get stored
    // then comes back as a duplicate, which counts as delivered.
    let nextNumber = chunkCount(planned, chunkSize) + 1;
    for (let round = 1; round <= resendRounds && pending.length > 0 && !signal?.aborted; round++) {
      await sleep(backoffDelay(round, random), signal);
      if (signal?.aborted) break;
      const events = Uint32Array.from(pending).sort();
      const chunks = [...plannedChunksOf(events, chunkSize, nextNumber)];
      nextNumber += chunks.length;
      report({ requestsTotal: progress.requestsTotal + chunks.length });
      const again: number[] = [];
      await deliverAll(chunks, {
        concurrency,
        ...(signal ? { signal } : {}),
        body: (chunk) => source.pieces(chunk.events),
        transmit: (chunk, prepared) => transmit(context, chunk, prepared),
        handOver: (t) => {
          again.push(...settleResend(t));
          report({ requestsDone: progress.requestsDone + 1 });
        },
      });
      pending = again;
    }
  } finally {
    agent.destroy();
  }

  /**
   * A resend's conclusions: a resend that certainly stored nothing (never written, an error that stores
   * nothing) leaves the earlier conclusion; one that may have been stored without an answer makes the
   * event `unknown` (spec §9) and is not sent again.
   */
  function settleResend(t: Transmission): number[] {
    const before = new Map(Array.from(t.chunk.events, (g) => [g, ledger.entry(g)] as const));
    const again = settle(t);
    const keep = new Set(again);
    const changed: number[] = [];
    for (const g of t.chunk.events) {
      if (ledger.outcomeCode(g) !== 'not-sent') {
        changed.push(g);
        continue;
      }
      const earlier = before.get(g);
      if (earlier) ledger.set(g, earlier.conclusion, earlier.request);
      if (!signal?.aborted && !keep.has(g)) again.push(g);
    }
    onDelivery?.(outcomesOf(changed), records.at(-1));
    return again;
  }

  records.sort((a, b) => a.request - b.request);
  let list: EventOutcome[] | undefined;
  return {
    get outcomes() {
      list ??= [...ledger.outcomes()];
      return list;
    },
    eachOutcome: (options) =>
      ledger.outcomes(
        options?.from ?? 0,
        Math.min(ledger.total, options?.to ?? ledger.total),
        options?.undelivered === true,
      ),
    get summary() {
      return ledger.summary();
    },
    requests: records,
    cancelled: signal?.aborted ?? false,
    attempts: log?.records ?? [],
    requestBody: (request) => {
      const events = bodies.get(request);
      return events ? source.body(events).toString('utf8') : undefined;
    },
  };
}

/** Resend chunks over the given event numbers (ascending). */
function* plannedChunksOf(events: Uint32Array, size: number, firstNumber: number): Generator<Chunk> {
  for (let from = 0, number = firstNumber; from < events.length; from += size, number++)
    yield { number, events: events.subarray(from, from + size) };
}
