// Writes per-event outcomes as JUnit XML, so a CI system shows a send like a test run: one suite per
// collection, one case per event, a failure for every event not delivered (rejected, not-sent, unknown; imported counts as delivered).
import type { EventOutcome } from '../send/outcome';
import { isDelivered } from '../send/reconcile';
import { junitXml, type JunitCase } from './junit-xml';

export { xmlText } from './junit-xml';

/** The name of an event's case: where it sits in the batch, and its id when it has one. */
export const eventCaseName = (collection: string, index: number, id: string | number | undefined): string =>
  `${collection}[${index}]${id !== undefined ? ` id ${JSON.stringify(id)}` : ''}`;

function caseOf(o: EventOutcome): JunitCase {
  const base = { classname: o.collection, name: eventCaseName(o.collection, o.index, o.id) };
  if (isDelivered(o)) return base;
  const message = o.message ?? o.outcome;
  return { ...base, failure: { type: o.outcome, message, detail: message } };
}

export function resultsToJunit(outcomes: Iterable<EventOutcome>, name = 'batch-studio send'): string {
  const suites = new Map<string, JunitCase[]>();
  for (const o of outcomes) {
    let list = suites.get(o.collection);
    if (!list) suites.set(o.collection, (list = []));
    list.push(caseOf(o));
  }
  return junitXml(
    name,
    [...suites].map(([collection, cases]) => ({ name: collection, cases })),
  );
}
