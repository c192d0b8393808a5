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
  // The lines in pieces of one slice each; then one buffer of the exact size, filled piece by piece
  // (joining 100 MB of pieces at the end would be one long copy).
  const pieces: string[] = [];
  const counts = zeroCounts();
  let text = '';
  let i = 0;
  const { due, pause } = createSlicer();
  for (const o of outcomes) {
    text += JSON.stringify({ o }) + '\n';
    counts[o.outcome]++;
    if ((++i & 255) === 0 && due()) {
      pieces.push(text);
      text = '';
      await pause();
    }
  }
  // A request's line holds its whole response text (up to 1,000,000 characters): due is checked after each.
  for (const r of requests) {
    text += JSON.stringify({ r }) + '\n';
    if (due()) {
      pieces.push(text);
      text = '';
      await pause();
    }
  }
  pieces.push(text);
  let size = 0;
  for (const piece of pieces) {
    size += Buffer.byteLength(piece);
    await pause();
  }
  const bytes = Buffer.allocUnsafe(size);
  let at = 0;
  for (const piece of pieces) {
    at += bytes.write(piece, at);
    await pause();
  }
  return { bytes, counts };
}
