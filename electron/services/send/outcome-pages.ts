// A finished send's outcomes kept compact (the sender's ledger: a few bytes an event) and made into objects a
// page at a time, for the renderer's `send:outcomes` calls: a million outcome objects held after a send made
// main's heap slow to collect and took seconds to build.
import type { EventOutcome } from '../../../core/send/outcome';
import type { SendResult } from '../sender';
import { createSlicer } from '../slices';
import type { EventSource } from './event-source';

export interface OutcomePages {
  /** How many outcomes the run has (one per event, unless the send stopped before some had one). */
  readonly total: number;
  /** Outcomes `from` to `from + count` of the run's list (batch order), made now. */
  page(from: number, count: number): EventOutcome[];
}

type Outcomes = Pick<SendResult, 'eachOutcome' | 'summary'>;

/**
 * The event number of each outcome in the list, when some events have none: walked in slices (it makes
 * every outcome once, as the journal does).
 */
async function numbered(result: Outcomes, events: Pick<EventSource, 'names' | 'firsts'>, total: number) {
  const byName = new Map(events.names.map((name, c) => [name, c]));
  const numbers = new Uint32Array(total);
  const slicer = createSlicer();
  let at = 0;
  for (const o of result.eachOutcome()) {
    numbers[at++] = (events.firsts[byName.get(o.collection) ?? 0] ?? 0) + o.index;
    if ((at & 255) === 0 && slicer.due()) await slicer.pause();
  }
  return numbers;
}

/** `mask` is applied to each outcome a page gives out (the key never leaves in a message). */
export async function outcomePages(
  result: Outcomes,
  events: Pick<EventSource, 'names' | 'firsts'>,
  mask: (outcome: EventOutcome) => EventOutcome,
): Promise<OutcomePages> {
  const total = result.summary.total.events;
  const eventCount = events.firsts[events.names.length] ?? 0;
  const numbers = total === eventCount ? undefined : await numbered(result, events, total);
  return {
    total,
    page(from, count) {
      const start = Math.max(0, Math.min(total, from));
      const end = Math.max(start, Math.min(total, start + count));
      const out: EventOutcome[] = [];
      if (numbers === undefined) {
        for (const o of result.eachOutcome({ from: start, to: end })) out.push(mask(o));
        return out;
      }
      for (let i = start; i < end; i++) {
        const g = numbers[i] ?? 0;
        for (const o of result.eachOutcome({ from: g, to: g + 1 })) out.push(mask(o));
      }
      return out;
    },
  };
}
