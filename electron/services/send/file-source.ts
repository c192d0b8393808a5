// A batch file's bytes → an event source that sends the events' own bytes, when the file is a plain,
// clean batch (the usual case); undefined otherwise, and the caller takes the fully checked path. Works in
// slices and lets the event loop run between them, so a signal (Ctrl+C) is seen within milliseconds.
import { isValidCollectionName } from '../../../core/rules/batch-rules';
import { eventIsClean } from '../../../core/rules/event-rules';
import { scanBatchSpans } from '../../../core/send/batch-spans';
import { eventId } from '../../../core/send/event-id';
import { EventByteChecker } from '../../../core/send/event-byte-check';
import { spanSource, type EventSource, type SpanSourceInput } from './event-source';

/** Longest stretch of work between two turns of the event loop. */
const SLICE_MS = 20;

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Thrown when the signal stops the load; nothing was sent. */
export class LoadCancelled extends Error {
  constructor() {
    super('cancelled before anything was sent');
  }
}

export async function fileSource(bytes: Buffer, signal?: AbortSignal): Promise<EventSource | undefined> {
  const spans = await fileSpans(bytes, signal);
  return spans && spanSource(spans);
}

/** What fileSource finds, as plain arrays (a worker thread hands them over without copying them). */
export async function fileSpans(bytes: Buffer, signal?: AbortSignal): Promise<SpanSourceInput | undefined> {
  let sliceEnd = performance.now() + SLICE_MS;
  const pause = async () => {
    if (performance.now() < sliceEnd) return;
    await turn();
    if (signal?.aborted) throw new LoadCancelled();
    sliceEnd = performance.now() + SLICE_MS;
  };
  const decode = (start: number, end: number): string => bytes.toString('utf8', start, end);
  const decodeName = (start: number, end: number): string | undefined => {
    const name = JSON.parse(decode(start, end)) as unknown;
    return typeof name === 'string' && isValidCollectionName(name) ? name : undefined;
  };
  // Events are checked on their bytes in the scan; the few it cannot decide are parsed afterwards.
  const checker = new EventByteChecker(bytes, decode);
  // One byte per event (1: it has an id), grown as events come; a list of numbers would take eight.
  let withId = new Uint8Array(Math.max(16, bytes.length >> 7));
  const undecided: number[] = [];
  let event = 0;
  const readEvent = (start: number): number => {
    const end = checker.check(start);
    if (event === withId.length) {
      const larger = new Uint8Array(withId.length * 2);
      larger.set(withId);
      withId = larger;
    }
    if (checker.verdict === 'clean-with-id') withId[event] = 1;
    else if (checker.verdict === 'undecided') undecided.push(event);
    event++;
    return end;
  };
  const scan = scanBatchSpans(bytes, decodeName, readEvent);
  let step = scan.next();
  while (!step.done) {
    await pause();
    step = scan.next();
  }
  const spans = step.value;
  if (!spans) return undefined;
  // `{"results": [...]}` may be a Connect export: the checked path says so and asks what was meant.
  if (spans.names.length === 1 && spans.names[0] === 'results') return undefined;
  const { starts, ends } = spans;
  for (const g of undecided) {
    await pause();
    const value = JSON.parse(decode(starts[g] ?? 0, ends[g] ?? 0)) as unknown;
    if (!eventIsClean(value)) return undefined;
    withId[g] = eventId(value) !== undefined ? 1 : 0;
  }
  return { bytes, ...spans, withId: withId.subarray(0, starts.length) };
}
