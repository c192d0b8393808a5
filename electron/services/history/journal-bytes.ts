// The journal of a finished run as bytes (the lines of core/history/journal), made in slices with turns of
// the event loop between them: writing out 1,000,000 outcomes takes seconds, which would hold every call.
import type { EventOutcome } from '../../../core/send/outcome';
import type { RequestSummary } from '../../../core/history/run';
import { createSlicer } from '../slices';

export async function journalBytes(
  outcomes: readonly EventOutcome[],
  requests: readonly RequestSummary[],
): Promise<Buffer> {
  // The lines in pieces of one slice each; then one buffer of the exact size, filled piece by piece
  // (joining 100 MB of pieces at the end would be one long copy).
  const pieces: string[] = [];
  let text = '';
  const { due, pause } = createSlicer();
  for (let i = 0; i < outcomes.length; i++) {
    text += JSON.stringify({ o: outcomes[i] }) + '\n';
    if ((i & 255) === 255 && due()) {
      pieces.push(text);
      text = '';
      await pause();
    }
  }
  for (const r of requests) text += JSON.stringify({ r }) + '\n';
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
  return bytes;
}
