// Counts outcomes per collection and in total, for the CLI report and the results view.
import { OUTCOMES, type EventOutcome, type Outcome } from './outcome';

export type OutcomeCounts = Record<Outcome, number>;

export interface CollectionSummary extends OutcomeCounts {
  readonly name: string;
  readonly events: number;
}

export interface OutcomeSummary {
  readonly total: OutcomeCounts & { readonly events: number };
  /** In order of first appearance (the batch's collection order when outcomes are in batch order). */
  readonly collections: readonly CollectionSummary[];
}

const zero = (): OutcomeCounts => Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as OutcomeCounts;

export function summarizeOutcomes(outcomes: Iterable<EventOutcome>): OutcomeSummary {
  const total = { ...zero(), events: 0 };
  const byCollection = new Map<string, OutcomeCounts & { name: string; events: number }>();
  for (const outcome of outcomes) {
    let entry = byCollection.get(outcome.collection);
    if (!entry) byCollection.set(outcome.collection, (entry = { name: outcome.collection, events: 0, ...zero() }));
    entry[outcome.outcome]++;
    entry.events++;
    total[outcome.outcome]++;
    total.events++;
  }
  return { total, collections: [...byCollection.values()] };
}
