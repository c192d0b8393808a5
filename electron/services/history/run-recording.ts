// Records one send as a run while it goes: the sender's deliveries go to the journal, its result ends the
// run. A history that cannot be written never stops or fails the send; it is said once, on `onProblem`.
import type { EventOutcome } from '../../../core/send/outcome';
import type { RequestSummary, RunMeta } from '../../../core/history/run';
import type { HistoryStore, RunRecorder, RunStart } from './history-store';
import { scrub } from '../../../core/text/redact';

export interface RunRecording {
  readonly id: string | undefined;
  /** For the sender's `onDelivery`. */
  readonly onDelivery: (outcomes: readonly EventOutcome[], request?: RequestSummary) => void;
  finish(end: {
    finishedAt: string;
    cancelled: boolean;
    /** Every event's final outcome in batch order, iterated once as the journal is written (in slices). */
    outcomes: Iterable<EventOutcome>;
    requests: readonly RequestSummary[];
  }): Promise<RunMeta | undefined>;
  abandon(): void;
}

/**
 * Outcomes written to the journal in one go, when sliced. A request's 5,000 outcomes, masked and written at once, held
 * main's loop 10-25 ms on every answer of a big send; in slices, with turns between, they are written
 * within milliseconds, in delivery order. A kill meanwhile leaves the journal as a kill while a request is
 * on the wire does: without the newest outcomes (the run is incomplete and shows what it held before).
 */
const SLICE = 1_000;

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

const reason = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Text with every copy of the key masked: a server may echo it in a message, and history must never hold it. */
const maskedWith =
  (key: string) =>
  (text: string): string =>
    scrub(text, [key]);

function maskOutcome(o: EventOutcome, mask: (text: string) => string): EventOutcome {
  return o.message === undefined ? o : { ...o, message: mask(o.message) };
}

function* maskOutcomes(outcomes: Iterable<EventOutcome>, mask: (text: string) => string): Generator<EventOutcome> {
  for (const o of outcomes) yield maskOutcome(o, mask);
}

function maskRequest(r: RequestSummary, mask: (text: string) => string): RequestSummary {
  return { ...r, responseText: mask(r.responseText), ...(r.error !== undefined ? { error: mask(r.error) } : {}) };
}

/**
 * `apiKey`: the key the send uses, masked in everything written (the sender masks its final report only).
 * `sliced`: a delivery is written SLICE outcomes at a time with turns between (the app, whose loop serves
 * every call); else at once, before the sender goes on (the CLI prints its progress after each).
 */
export async function startRecording(
  store: HistoryStore,
  start: RunStart,
  onProblem: (message: string) => void,
  apiKey = '',
  sliced = false,
): Promise<RunRecording> {
  const slice = sliced ? SLICE : Number.POSITIVE_INFINITY;
  const mask = maskedWith(apiKey);
  let recorder: RunRecorder | undefined;
  try {
    recorder = await store.begin(start);
  } catch (error) {
    onProblem(`The run is not recorded in history: ${reason(error)}`);
  }
  const fail = (error: unknown) => {
    onProblem(`History stopped recording run ${recorder?.id ?? ''}: ${reason(error)}`);
    recorder?.abandon();
    recorder = undefined;
  };
  // Deliveries waiting to be written, oldest first; each is written `slice` outcomes at a time.
  let queue: { readonly outcomes: readonly EventOutcome[]; from: number; readonly request?: RequestSummary }[] = [];
  let draining = false;
  /** Writes the next slice of `item` to the journal; true once all of it is written. */
  const writeSlice = (item: (typeof queue)[number]): boolean => {
    const to = Math.min(item.from + slice, item.outcomes.length);
    const done = to === item.outcomes.length;
    recorder?.record(
      item.outcomes.slice(item.from, to).map((o) => maskOutcome(o, mask)),
      done && item.request ? maskRequest(item.request, mask) : undefined,
    );
    item.from = to;
    return done;
  };
  const drain = async () => {
    draining = true;
    while (queue.length > 0) {
      await turn();
      const item = queue[0];
      if (!item) break;
      try {
        if (writeSlice(item)) queue.shift();
      } catch (error) {
        queue = [];
        fail(error);
      }
    }
    draining = false;
  };
  return {
    id: recorder?.id,
    onDelivery(outcomes, request) {
      if (!recorder) return;
      const item = { outcomes, from: 0, ...(request ? { request } : {}) };
      try {
        // A small delivery with nothing ahead of it is written at once; the rest wait their turn, in order.
        if (queue.length === 0 && writeSlice(item)) return;
      } catch (error) {
        return fail(error);
      }
      queue.push(item);
      if (!draining) void drain();
    },
    async finish(end) {
      // The journal is written anew from every final outcome: what still waits is in it.
      queue = [];
      if (!recorder) return undefined;
      try {
        return await recorder.finish({
          ...end,
          // Masked one at a time as the journal is written (in slices): a million held at once slow main's heap.
          outcomes: maskOutcomes(end.outcomes, mask),
          requests: end.requests.map((r) => maskRequest(r, mask)),
        });
      } catch (error) {
        fail(error);
        return undefined;
      }
    },
    abandon() {
      // The run stays incomplete with every outcome delivered so far: what waits is written now.
      try {
        for (const item of queue) while (!writeSlice(item));
      } catch {
        // A journal that cannot be written keeps what it has.
      }
      queue = [];
      recorder?.abandon();
    },
  };
}
