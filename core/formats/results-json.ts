// Writes per-event outcomes as JSON: an array with one object per event, keys in a fixed order.
import type { EventOutcome } from '../send/outcome';

/** The outcome with its keys in the documented order and absent fields left out. */
export function outcomeRecord(o: EventOutcome): EventOutcome {
  return {
    collection: o.collection,
    index: o.index,
    ...(o.id !== undefined ? { id: o.id } : {}),
    outcome: o.outcome,
    ...(o.message !== undefined ? { message: o.message } : {}),
    ...(o.request !== undefined ? { request: o.request } : {}),
    ...(o.retryable ? { retryable: true } : {}),
  };
}

/** One outcome per line inside the array: readable, diffable, and small even for 100,000 events. */
export function resultsToJson(outcomes: Iterable<EventOutcome>): string {
  const lines: string[] = [];
  for (const o of outcomes) lines.push('  ' + JSON.stringify(outcomeRecord(o)));
  return lines.length === 0 ? '[]\n' : `[\n${lines.join(',\n')}\n]\n`;
}
