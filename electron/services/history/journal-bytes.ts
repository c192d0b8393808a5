// The journal of a finished run as bytes (the lines of core/history/journal), made in slices with turns of
// the event loop between them: writing out 1,000,000 outcomes takes seconds, which would hold every call.
import type { EventOutcome } from '../../../core/send/outcome';
import type { RequestSummary } from '../../../core/history/run';

/** Longest stretch of work between two turns. */
const SLICE_MS = 10;

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export async function journalBytes(
  outcomes: readonly EventOutcome[],
  requests: readonly RequestSummary[],
): Promise<Buffer> {
  const pieces: Buffer[] = [];
  let text = '';
  let sliceEnd = performance.now() + SLICE_MS;
  for (let i = 0; i < outcomes.length; i++) {
    text += JSON.stringify({ o: outcomes[i] }) + '\n';
    if ((i & 255) === 255 && performance.now() >= sliceEnd) {
      pieces.push(Buffer.from(text));
      text = '';
      await turn();
      sliceEnd = performance.now() + SLICE_MS;
    }
  }
  for (const r of requests) text += JSON.stringify({ r }) + '\n';
  pieces.push(Buffer.from(text));
  return pieces.length === 1 ? (pieces[0] ?? Buffer.alloc(0)) : Buffer.concat(pieces);
}
