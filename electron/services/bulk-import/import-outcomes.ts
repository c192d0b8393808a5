// What each event of one collection's bulk import comes to (spec §9): pure, from the import's last status.
import { eventId } from '../../../core/send/event-id';
import type { EventOutcome, Outcome } from '../../../core/send/outcome';
import type { ImportStatus } from './import-api';

/** An outcome with the line of the uploaded object that carried the event (0-based, as `eventErrors` counts). */
export interface BulkOutcome extends EventOutcome {
  readonly importLine: number;
}

const outcomeOf = (
  collection: string,
  events: readonly unknown[],
  index: number,
  outcome: Outcome,
  message?: string,
): BulkOutcome => {
  const id = eventId(events[index]);
  return {
    collection,
    index,
    ...(id !== undefined ? { id } : {}),
    outcome,
    ...(message !== undefined ? { message } : {}),
    importLine: index,
  };
};

/** Every event the same way: nothing is known per line (the import never ran, or its end is unknown). */
export function sameOutcome(
  collection: string,
  events: readonly unknown[],
  outcome: Outcome,
  message: string,
): BulkOutcome[] {
  return events.map((_, index) => outcomeOf(collection, events, index, outcome, message));
}

/**
 * A finished import: a line in `eventErrors` is rejected with the API's message. The others of a Complete
 * import are `imported` (stored, or a repeat of a stored id: the API counts duplicates only). Of a Failed
 * import they are `not-sent` when it stored nothing at all, and `unknown` otherwise (it stopped part-way,
 * and the API does not say which lines were stored).
 */
export function finishedOutcomes(collection: string, events: readonly unknown[], status: ImportStatus): BulkOutcome[] {
  const errors = new Map<number, string>();
  for (const e of status.eventErrors) if (!errors.has(e.index)) errors.set(e.index, e.error);
  const failedWith = status.error ?? 'no reason given';
  const storedSome = status.importedEvents + status.duplicateEvents > 0;
  return events.map((_, index) => {
    const error = errors.get(index);
    if (error !== undefined) return outcomeOf(collection, events, index, 'rejected', error);
    if (status.status === 'Complete') return outcomeOf(collection, events, index, 'imported');
    if (!storedSome)
      return outcomeOf(
        collection,
        events,
        index,
        'not-sent',
        `The import failed before storing any event: ${failedWith}`,
      );
    return outcomeOf(
      collection,
      events,
      index,
      'unknown',
      `The import failed part-way (${failedWith}); it may have stored this event. A resend is safe only for an event with an id.`,
    );
  });
}
