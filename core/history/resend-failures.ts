// A new batch of a run's failures (spec §9): not-sent, unknown and retryable-rejected events as they were
// (ids kept, so a stored copy comes back as a duplicate); events rejected for a rule kept apart, to be
// fixed first; and which resendable events have no id (an earlier copy may have been stored).
import { eventId } from '../send/event-id';
import type { EventOutcome, Outcome } from '../send/outcome';

type Batch = Readonly<Record<string, readonly unknown[]>>;

export interface FailureBatches {
  readonly resend: Record<string, unknown[]>;
  readonly resendCount: number;
  readonly ruleRejected: Record<string, unknown[]>;
  readonly ruleRejectedCount: number;
  /** Events of `resend` without an id: where they sit in it, and what the run concluded about them. */
  readonly missingIds: { readonly collection: string; readonly index: number; readonly outcome: Outcome }[];
}

const resendable = (o: EventOutcome): boolean =>
  o.outcome === 'not-sent' || o.outcome === 'unknown' || (o.outcome === 'rejected' && o.retryable === true);

function push(target: Record<string, unknown[]>, collection: string, event: unknown): number {
  let list = target[collection];
  if (!list) target[collection] = list = [];
  list.push(event);
  return list.length - 1;
}

/** Outcomes whose event is not in the batch (a line of a file that was no event) have nothing to resend. */
export function failureBatches(batch: Batch, outcomes: readonly EventOutcome[]): FailureBatches {
  const resend = Object.create(null) as Record<string, unknown[]>;
  const ruleRejected = Object.create(null) as Record<string, unknown[]>;
  const missingIds: FailureBatches['missingIds'] = [];
  let resendCount = 0;
  let ruleRejectedCount = 0;
  for (const o of outcomes) {
    const event = batch[o.collection]?.[o.index];
    if (event === undefined) continue;
    if (resendable(o)) {
      const index = push(resend, o.collection, event);
      resendCount++;
      if (eventId(event) === undefined) missingIds.push({ collection: o.collection, index, outcome: o.outcome });
    } else if (o.outcome === 'rejected') {
      push(ruleRejected, o.collection, event);
      ruleRejectedCount++;
    }
  }
  return { resend, resendCount, ruleRejected, ruleRejectedCount, missingIds };
}
