// A run: one send as history keeps it. Shapes shared by the history store, the CLI and the contract.
import type { EventOutcome, Outcome } from '../send/outcome';

export interface RunTarget {
  /** The profile's name, when the send went to a saved profile. */
  readonly name?: string;
  readonly url: string;
  readonly projectId: string;
}

export type OutcomeCounts = Record<Outcome, number>;

export interface RequestSummary {
  readonly request: number;
  readonly eventCount: number;
  readonly attempts: number;
  readonly status?: number;
  readonly durationMs?: number;
  readonly responseText: string;
  readonly error?: string;
}

/** What `run.json` holds (written whole and atomically: at the start, then at the end). */
export interface RunMeta {
  readonly id: string;
  readonly startedAt: string;
  readonly finishedAt?: string;
  readonly complete: boolean;
  readonly cancelled?: boolean;
  readonly target: RunTarget;
  readonly source: string;
  readonly events: number;
  readonly collections: readonly { readonly name: string; readonly events: number }[];
  /** Known at the end; for a run that never ended they are counted from its journal. */
  readonly counts?: OutcomeCounts;
  readonly durationMs?: number;
}

export interface RunOutcomes {
  readonly outcomes: EventOutcome[];
  readonly requests: RequestSummary[];
}

export const zeroCounts = (): OutcomeCounts => ({
  accepted: 0,
  duplicate: 0,
  rejected: 0,
  'not-sent': 0,
  unknown: 0,
  imported: 0,
});

export function countOutcomes(outcomes: Iterable<EventOutcome>): OutcomeCounts {
  const counts = zeroCounts();
  for (const o of outcomes) counts[o.outcome]++;
  return counts;
}
