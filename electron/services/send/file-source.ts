// A batch file's bytes → an event source that sends the events' own bytes, when the file is a plain,
// clean batch (the usual case); undefined otherwise, and the caller takes the fully checked path. Works in
// slices and lets the event loop run between them, so a signal (Ctrl+C) is seen within milliseconds.
import { isValidCollectionName } from '../../../core/rules/batch-rules';
import { eventIsClean } from '../../../core/rules/event-rules';
import { scanBatchSpans } from '../../../core/send/batch-spans';
import { eventId } from '../../../core/send/event-id';
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
  const decodeName = (start: number, end: number): string | undefined => {
    const name = JSON.parse(bytes.toString('utf8', start, end)) as unknown;
    return typeof name === 'string' && isValidCollectionName(name) ? name : undefined;
  };
  const scan = scanBatchSpans(bytes, decodeName);
  let step = scan.next();
  while (!step.done) {
    await pause();
    step = scan.next();
  }
  const spans = step.value;
  if (!spans) return undefined;
  // `{"results": [...]}` may be a Connect export: the checked path says so and asks what was meant.
  if (spans.names.length === 1 && spans.names[0] === 'results') return undefined;
  const { starts, ends, firsts } = spans;
  const withId = new Uint8Array(starts.length);
  // Events of one collection sit between commas, so a run of them parses as one array: one call per block.
  for (let c = 0; c < spans.names.length; c++) {
    const last = firsts[c + 1] ?? 0;
    for (let from = firsts[c] ?? 0; from < last; from += PARSE_BLOCK) {
      await pause();
      const to = Math.min(last, from + PARSE_BLOCK);
      const events = parseBlock(bytes, starts[from] ?? 0, ends[to - 1] ?? 0);
      if (events === undefined || events.length !== to - from) return undefined;
      for (let i = 0; i < events.length; i++) {
        const event = events[i];
        if (!eventIsClean(event)) return undefined;
        if (eventId(event) !== undefined) withId[from + i] = 1;
      }
    }
  }
  return { bytes, ...spans, withId };
}

/** Events parsed together: few calls, and little garbage alive at once (a larger block raises the peak RSS). */
const PARSE_BLOCK = 256;

function parseBlock(bytes: Buffer, start: number, end: number): unknown[] | undefined {
  try {
    const value = JSON.parse(`[${bytes.toString('utf8', start, end)}]`) as unknown;
    return Array.isArray(value) ? value : undefined;
  } catch {
    return undefined;
  }
}
