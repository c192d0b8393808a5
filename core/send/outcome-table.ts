// Holds the latest outcome of every event of a batch while a send runs, and lists them in batch order.
import type { EventOutcome } from './outcome';

export interface OutcomeTable {
  /** Records (or replaces) the outcome of the event at (collection, index). */
  readonly set: (outcome: EventOutcome) => void;
  readonly get: (collection: string, index: number) => EventOutcome | undefined;
  /** Every recorded outcome: collections in batch order, events by index. */
  readonly list: () => EventOutcome[];
}

export function createOutcomeTable(batch: Readonly<Record<string, readonly unknown[]>>): OutcomeTable {
  // One sparse array per collection, rather than a key string per event: cheap for 100,000+ events.
  const slots = new Map<string, (EventOutcome | undefined)[]>();
  for (const [collection, events] of Object.entries(batch))
    slots.set(collection, new Array(Array.isArray(events) ? events.length : 0));
  return {
    set(outcome) {
      let column = slots.get(outcome.collection);
      if (!column) slots.set(outcome.collection, (column = []));
      column[outcome.index] = outcome;
    },
    get: (collection, index) => slots.get(collection)?.[index],
    list() {
      const all: EventOutcome[] = [];
      for (const column of slots.values()) for (const outcome of column) if (outcome) all.push(outcome);
      return all;
    },
  };
}
