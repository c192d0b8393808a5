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

/** `apiKey`: the key the send uses, masked in everything written (the sender masks its final report only). */
export async function startRecording(
  store: HistoryStore,
  start: RunStart,
  onProblem: (message: string) => void,
  apiKey = '',
): Promise<RunRecording> {
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
  return {
    id: recorder?.id,
    onDelivery(outcomes, request) {
      try {
        recorder?.record(
          outcomes.map((o) => maskOutcome(o, mask)),
          request && maskRequest(request, mask),
        );
      } catch (error) {
        fail(error);
      }
    },
    async finish(end) {
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
      recorder?.abandon();
    },
  };
}
