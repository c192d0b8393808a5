// The one reader of HTTP request bodies (sandbox and browser host): a cap answered with 413 before the
// connection closes, and strict UTF-8 (spec §9), so nothing is silently replaced with U+FFFD.
import { isUtf8 } from 'node:buffer';
import type { IncomingMessage, ServerResponse } from 'node:http';

export type BodyResult =
  | { readonly kind: 'ok'; readonly text: string }
  | { readonly kind: 'not-utf8' }
  | { readonly kind: 'too-large' }
  | { readonly kind: 'aborted' };

/** The body as UTF-8 bytes (checked, a leading byte order mark left out) for a reader that scans bytes itself. */
export type BytesResult =
  | { readonly kind: 'ok'; readonly bytes: Buffer }
  | { readonly kind: 'not-utf8' }
  | { readonly kind: 'too-large' }
  | { readonly kind: 'aborted' };

/** What the caller answers an oversized body with; the reader adds `connection: close`. */
export interface TooLargeAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export interface BodyReadOptions {
  readonly maxBytes: number;
  /** The answer to a body over the cap. */
  readonly answerTooLarge: TooLargeAnswer;
  /** Delays the 413 (the sandbox's latency fault); the default writes it at once. */
  readonly schedule?: (write: () => void) => void;
}

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
/** Past this much of an oversized body the connection is cut: an endless upload must not keep it forever. */
export const MAX_DISCARDED_BYTES = 1024 * 1024 * 1024;

/** Bytes → text, or undefined when they are not UTF-8; a leading byte order mark is dropped. */
export function decodeUtf8(buffer: Buffer): string | undefined {
  if (!isUtf8(buffer)) return undefined;
  return buffer.toString('utf8', textStart(buffer));
}

/** Where the text starts: past a leading byte order mark. */
const textStart = (buffer: Buffer): number => (buffer.length >= 3 && buffer.subarray(0, 3).equals(BOM) ? 3 : 0);

function collect(request: IncomingMessage, maxBytes: number): Promise<Buffer | 'too-large' | 'aborted'> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) return Promise.resolve('too-large');
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (result: Buffer | 'too-large' | 'aborted') => {
      if (done) return;
      done = true;
      request.off('data', onData);
      request.off('end', onEnd);
      request.off('error', onAbort);
      request.off('close', onAbort);
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        chunks.length = 0;
        request.pause();
        finish('too-large');
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => finish(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size));
    const onAbort = () => finish('aborted');
    request.on('data', onData);
    request.on('end', onEnd);
    request.on('error', onAbort);
    request.on('close', onAbort);
  });
}

/**
 * Answers 413 and then reads the rest and throws it away. The whole answer is written at once, but ended (and
 * the connection closed, `connection: close`) only once the client has sent everything: closing while it is
 * still sending would make it see a broken pipe instead of the answer.
 */
function answerTooLarge(request: IncomingMessage, response: ServerResponse, options: BodyReadOptions): void {
  const { status, headers, body } = options.answerTooLarge;
  let written = false;
  let drained = request.readableEnded;
  const finish = () => {
    if (written && drained && !response.writableEnded) response.end();
  };
  const write = () => {
    if (response.destroyed || response.writableEnded) return;
    response.writeHead(status, { ...headers, 'content-length': Buffer.byteLength(body), connection: 'close' });
    response.write(body);
    written = true;
    finish();
  };
  (options.schedule ?? ((run: () => void) => run()))(write);
  let discarded = 0;
  request.on('data', (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > MAX_DISCARDED_BYTES) request.socket.destroy();
  });
  const drainedNow = () => {
    drained = true;
    finish();
  };
  request.once('end', drainedNow);
  request.once('close', drainedNow);
  request.resume();
}

/**
 * Reads the whole body. An oversized one is answered here (the caller must not answer again); a body that is
 * not UTF-8 is left to the caller, which answers it as it answers text that is not JSON.
 */
export async function readRequestBody(
  request: IncomingMessage,
  response: ServerResponse,
  options: BodyReadOptions,
): Promise<BodyResult> {
  const body = await readRequestBytes(request, response, options);
  return body.kind === 'ok' ? { kind: 'ok', text: body.bytes.toString('utf8') } : body;
}

/**
 * readRequestBody without the decoding: the checked UTF-8 bytes, as received (no copy but the one that joins
 * the body's chunks), for a caller that reads them without a string.
 */
export async function readRequestBytes(
  request: IncomingMessage,
  response: ServerResponse,
  options: BodyReadOptions,
): Promise<BytesResult> {
  const collected = await collect(request, options.maxBytes);
  if (collected === 'aborted') return { kind: 'aborted' };
  if (collected === 'too-large') {
    answerTooLarge(request, response, options);
    return { kind: 'too-large' };
  }
  if (!isUtf8(collected)) return { kind: 'not-utf8' };
  const start = textStart(collected);
  return { kind: 'ok', bytes: start === 0 ? collected : collected.subarray(start) };
}
