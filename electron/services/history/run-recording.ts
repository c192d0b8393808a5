// Records one send as a run while it goes: the sender's deliveries go to the journal, its result ends the
// run. A history that cannot be written never stops or fails the send; it is said once, on `onProblem`.
import type { EventOutcome } from '../../../core/send/outcome';
import type { RequestSummary, RunMeta } from '../../../core/history/run';
import type { HistoryStore, RunRecorder, RunStart } from './history-store';

export interface RunRecording {
  readonly id: string | undefined;
  /** For the sender's `onDelivery`. */
  readonly onDelivery: (outcomes: readonly EventOutcome[], request?: RequestSummary) => void;
  finish(end: {
    finishedAt: string;
    cancelled: boolean;
    outcomes: readonly EventOutcome[];
    requests: readonly RequestSummary[];
  }): Promise<RunMeta | undefined>;
  abandon(): void;
}

const reason = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export async function startRecording(
  store: HistoryStore,
  start: RunStart,
  onProblem: (message: string) => void,
): Promise<RunRecording> {
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
        recorder?.record(outcomes, request);
      } catch (error) {
        fail(error);
      }
    },
    async finish(end) {
      if (!recorder) return undefined;
      try {
        return await recorder.finish(end);
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
