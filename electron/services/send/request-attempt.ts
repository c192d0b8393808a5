// One POST of one body with node:http(s) over a keep-alive agent: the answer, or why there was none and
// whether the body may have reached the server. Never follows a redirect (the key would go along), and
// no message carries a header value.
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import type { NoAnswerReason } from '../../../core/send/reconcile';
import type { BodyPieces } from './event-source';
import { parseRetryAfter } from './retry-policy';

export type Attempt =
  | {
      readonly kind: 'answer';
      readonly status: number;
      readonly bodyText: string;
      readonly retryAfterMs?: number;
      readonly location?: string;
      readonly durationMs: number;
    }
  | {
      readonly kind: 'no-answer';
      readonly reason: NoAnswerReason;
      readonly detail?: string;
      /** The connection was open, so (part of) the body may have been written and stored (spec §9). */
      readonly written: boolean;
      readonly durationMs: number;
    };

/** Where requests go and with what: one per send, sharing its agent (keep-alive) across requests. */
export interface RequestTarget {
  readonly url: URL;
  readonly headers: OutgoingHttpHeaders;
  readonly timeoutMs: number;
  readonly agent: HttpAgent;
  /** `request` of node:http or node:https, for the URL's protocol. */
  readonly request: typeof httpRequest;
  /** Masks a secret in any text that leaves (a server may echo a header). */
  readonly redact: (text: string) => string;
}

// Idle sockets are closed before a server's usual 5 s keep-alive timeout, so a request is rarely written
// to a socket the server is closing (which would leave its events unknown).
const IDLE_SOCKET_MS = 4000;

/** A keep-alive agent for the URL and the `request` that goes with it; TLS is loaded only for https. */
export async function connectionFor(url: URL): Promise<{ agent: HttpAgent; request: typeof httpRequest }> {
  const options = { keepAlive: true, maxSockets: 8, timeout: IDLE_SOCKET_MS };
  if (url.protocol !== 'https:') return { agent: new HttpAgent(options), request: httpRequest };
  const https = await import('node:https');
  return { agent: new https.Agent(options), request: https.request };
}

const errorDetail = (error: unknown): string => {
  const code = (error as NodeJS.ErrnoException).code;
  const message = error instanceof Error ? error.message : String(error);
  return code && !message.includes(code) ? `${code}: ${message}` : message;
};

const headerText = (value: string | string[] | undefined): string | undefined =>
  Array.isArray(value) ? value[0] : value;

/** Sends `body` once; resolves (never rejects) with the answer or why there was none. */
export function attemptRequest(target: RequestTarget, body: BodyPieces, signal?: AbortSignal): Promise<Attempt> {
  const started = performance.now();
  const elapsed = () => Math.max(0, performance.now() - started);
  if (signal?.aborted)
    return Promise.resolve({ kind: 'no-answer', reason: 'cancelled', written: false, durationMs: 0 });
  return new Promise((resolve) => {
    let connected = false;
    let settled = false;
    let why: NoAnswerReason = 'network';
    const { url } = target;
    const request = target.request({
      method: 'POST',
      protocol: url.protocol,
      hostname: url.hostname.replace(/^\[|\]$/g, ''),
      port: url.port,
      path: url.pathname + url.search,
      headers: { ...target.headers, 'Content-Length': body.reduce((n, piece) => n + piece.byteLength, 0) },
      agent: target.agent,
    });
    const finish = (attempt: Attempt) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', cancel);
      resolve(attempt);
    };
    const noAnswer = (detail?: string) =>
      finish({
        kind: 'no-answer',
        reason: why,
        ...(detail !== undefined ? { detail: target.redact(detail) } : {}),
        written: connected,
        durationMs: elapsed(),
      });
    const timer = setTimeout(() => {
      why = 'timeout';
      request.destroy();
      noAnswer(`no full answer within ${target.timeoutMs} ms`);
    }, target.timeoutMs);
    const cancel = () => {
      why = 'cancelled';
      request.destroy();
      noAnswer(connected ? 'the request had been sent, so the server may have stored these events' : undefined);
    };
    signal?.addEventListener('abort', cancel, { once: true });
    request.on('socket', (socket) => {
      if (!socket.connecting) connected = true;
      else socket.once('connect', () => (connected = true));
    });
    request.on('error', (error) => noAnswer(errorDetail(error)));
    request.on('response', (response: IncomingMessage) => {
      const pieces: Buffer[] = [];
      response.on('data', (piece: Buffer) => pieces.push(piece));
      response.on('error', (error) => noAnswer(errorDetail(error)));
      response.on('aborted', () => noAnswer('the connection closed during the answer'));
      response.on('end', () => {
        if (!response.complete) return noAnswer('the connection closed during the answer');
        const retryAfterMs = parseRetryAfter(headerText(response.headers['retry-after']));
        const location = headerText(response.headers.location);
        finish({
          kind: 'answer',
          status: response.statusCode ?? 0,
          bodyText: Buffer.concat(pieces).toString('utf8'),
          durationMs: elapsed(),
          ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
          ...(location !== undefined ? { location } : {}),
        });
      });
    });
    // Written before the socket is assigned, the pieces go out together (one writev), never copied.
    for (const piece of body) request.write(piece);
    request.end();
  });
}
