// The record of every attempt for the app's Requests panel: what was sent (the key masked), the start of
// the body, and the raw start of the answer or why there was none.
import { noAnswerMessage } from '../../../core/send/reconcile';
import type { RequestAttempt } from '../../contract/channels';
import type { BodyPieces } from './event-source';
import type { Attempt } from './request-attempt';

/** Body bytes and answer characters kept in an attempt record. */
export const ATTEMPT_PREVIEW_BYTES = 65_536;

/** The first ATTEMPT_PREVIEW_BYTES bytes of a body as text, cut at a whole character. */
export function previewOf(body: Uint8Array): string {
  const bytes = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  if (bytes.length <= ATTEMPT_PREVIEW_BYTES) return bytes.toString('utf8');
  let end = ATTEMPT_PREVIEW_BYTES;
  // Step back over continuation bytes so no character is cut in half.
  while (end > 0 && ((bytes[end] ?? 0) & 0xc0) === 0x80) end--;
  return bytes.toString('utf8', 0, end);
}

/** The first `limit` bytes of a body's pieces, copied only when they span pieces. */
function headOf(body: BodyPieces, limit: number): Uint8Array {
  const [first] = body;
  if (body.length === 1 && first) return first;
  const head: Uint8Array[] = [];
  let size = 0;
  for (const piece of body) {
    if (size >= limit) break;
    const part = piece.subarray(0, limit - size);
    head.push(part);
    size += part.byteLength;
  }
  return Buffer.concat(head);
}

export interface AttemptLog {
  add(request: number, body: BodyPieces, startedAt: Date, attempt: Attempt): void;
  readonly records: RequestAttempt[];
}

export function createAttemptLog(
  url: string,
  headers: Readonly<Record<string, string>>,
  redact: (text: string) => string,
): AttemptLog {
  const records: RequestAttempt[] = [];
  const counts = new Map<number, number>();
  return {
    records,
    add(request, body, startedAt, attempt) {
      const number = (counts.get(request) ?? 0) + 1;
      counts.set(request, number);
      records.push({
        request,
        attempt: number,
        method: 'POST',
        url,
        headers: { ...headers },
        // One byte past the preview tells previewOf whether it cuts a character.
        bodyPreview: redact(previewOf(headOf(body, ATTEMPT_PREVIEW_BYTES + 1))),
        bodyBytes: body.reduce((n, piece) => n + piece.byteLength, 0),
        ...(attempt.kind === 'answer'
          ? { status: attempt.status, response: redact(attempt.bodyText.slice(0, ATTEMPT_PREVIEW_BYTES)) }
          : {}),
        startedAt: startedAt.toISOString(),
        durationMs: attempt.durationMs,
        ...(attempt.kind === 'no-answer' ? { error: redact(noAnswerMessage(attempt.reason, attempt.detail)) } : {}),
      });
    },
  };
}
