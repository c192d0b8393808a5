// The journal of a finished run as bytes (the lines of core/history/journal) with the run's outcome counts,
// made in slices with turns of the event loop between them: writing out 1,000,000 outcomes takes seconds,
// which would hold every call.
import type { EventOutcome } from '../../../core/send/outcome';
import { zeroCounts, type OutcomeCounts, type RequestSummary } from '../../../core/history/run';
import { createSlicer } from '../slices';

export interface JournalFile {
  readonly bytes: Buffer;
  readonly counts: OutcomeCounts;
}

/** `outcomes` is iterated once, so it may make each outcome as it goes (none of them held after). */
export async function journalBytes(
  outcomes: Iterable<EventOutcome>,
  requests: readonly RequestSummary[],
): Promise<JournalFile> {
  // The lines go to bytes every 256 outcomes, so the strings die young: kept as strings until the end, a
  // million lines survived every young-generation collection and each of those took 20-45 ms.
  const pieces: Buffer[] = [];
  const counts = zeroCounts();
  let text = '';
  let i = 0;
  const { due, pause } = createSlicer();
  for (const o of outcomes) {
    text += JSON.stringify({ o }) + '\n';
    counts[o.outcome]++;
    if ((++i & 255) === 0) {
      pieces.push(Buffer.from(text));
      text = '';
      if (due()) await pause();
    }
  }
  pieces.push(Buffer.from(text));
  // A request's line holds its whole response text (up to 1,000,000 characters): due is checked after each.
  for (const r of requests) {
    pieces.push(Buffer.from(JSON.stringify({ r }) + '\n'));
    if (due()) await pause();
  }
  // One buffer of the exact size, filled piece by piece (one concat of 100 MB would be one long copy).
  let size = 0;
  for (const piece of pieces) size += piece.length;
  const bytes = Buffer.allocUnsafe(size);
  let at = 0;
  for (const piece of pieces) {
    at += piece.copy(bytes, at);
    if (due()) await pause();
  }
  return { bytes, counts };
}
