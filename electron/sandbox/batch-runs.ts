// A logged batch document read back as runs of its own bytes (one per collection) and the ids of its events,
// without building the events: the log's batch records are replayed this way on start.
import { scanBatchSpans } from '../../core/send/batch-spans';
import { EventByteChecker } from '../../core/send/event-byte-check';
import type { EventRuns } from './event-store';
import { stringAt, valueAt } from './json-bytes';

export interface BatchRuns {
  readonly runs: EventRuns[];
  /** Per event, across collections in document order: its id, undefined when it has none. */
  readonly ids: (string | number | undefined)[];
}

const idOf = (value: unknown): string | number | undefined => {
  const id = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)['id'] : undefined;
  return typeof id === 'string' || typeof id === 'number' ? id : undefined;
};

/**
 * The runs and ids of a batch document whose events were all stored as sent; undefined when it is not a plain
 * batch the byte check reads whole (the caller then parses it).
 */
export function readBatchRuns(body: Buffer): BatchRuns | undefined {
  const decode = (start: number, end: number): string => body.toString('utf8', start, end);
  const checker = new EventByteChecker(body, decode);
  const ids: (string | number | undefined)[] = [];
  const readEvent = (start: number): number => {
    const end = checker.check(start);
    if (end < 0) return -1;
    if (checker.verdict === 'undecided') ids.push(idOf(JSON.parse(decode(start, end))));
    else ids.push(checker.verdict === 'clean-with-id' ? valueAt(body, checker.idStart, checker.idEnd) : undefined);
    return end;
  };
  const scan = scanBatchSpans(body, (start, end) => stringAt(body, start, end), readEvent);
  let step = scan.next();
  while (!step.done) step = scan.next();
  const spans = step.value;
  if (spans === undefined) return undefined;
  const runs: EventRuns[] = [];
  spans.names.forEach((collection, c) => {
    const first = spans.firsts[c] as number;
    const count = (spans.firsts[c + 1] as number) - first;
    if (count === 0) return;
    const run = Uint32Array.of(spans.starts[first] as number, spans.ends[first + count - 1] as number);
    runs.push({ collection, bytes: body, runs: run, count });
  });
  return { runs, ids };
}
