// The sender against real loopback HTTP servers: chunking, retries, Retry-After, dropped and slow answers,
// cancellation, safe resends of storage failures, and an API key that never leaks.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { STORAGE_FAILURE_MESSAGE } from '../../../../core/send/reconcile';
import { eventsEndpoint, sendBatch, type SendProgressCounts } from '../../../../electron/services/sender';

interface Seen {
  readonly headers: IncomingMessage['headers'];
  readonly url: string;
  readonly body: Record<string, unknown[]>;
}
type Handler = (
  body: Record<string, unknown[]>,
  res: ServerResponse,
  n: number,
  req: IncomingMessage,
) => void | Promise<void>;

const KEY = 'push-key-s3cr3t-0123456789';
const servers: { close: () => void }[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) s.close();
});

async function serve(handler: Handler) {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let body: Record<string, unknown[]> = {};
      try {
        body = JSON.parse(text) as Record<string, unknown[]>;
      } catch {
        // Handlers that care look at the raw request.
      }
      seen.push({ headers: req.headers, url: req.url ?? '', body });
      void handler(body, res, seen.length, req);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const close = () => {
    server.closeAllConnections();
    server.close();
  };
  servers.push({ close });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen, close };
}

const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
};
/** Answers like the API: one `{success: true}` per event. */
const acceptAll: Handler = (body, res) =>
  json(
    res,
    200,
    Object.fromEntries(Object.entries(body).map(([c, events]) => [c, events.map(() => ({ success: true }))])),
  );

const ids = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => ({ id: `${prefix}${i}`, n: i }));
const noSleep =
  (delays: number[] = []) =>
  async (ms: number) => {
    delays.push(ms);
  };
const base = (url: string) => ({ url, projectId: 'proj-1', apiKey: KEY, sleep: noSleep() });

describe('sendBatch: the happy path', () => {
  it('sends chunks in order with the headers, and reports each event and request', async () => {
    const server = await serve(acceptAll);
    const progress: SendProgressCounts[] = [];
    const batch = { pageviews: ids(7, 'p'), clicks: ids(5, 'c') };
    const result = await sendBatch({ ...base(server.url), batch, chunkSize: 5, onProgress: (p) => progress.push(p) });
    expect(server.seen.map((s) => Object.entries(s.body).map(([c, e]) => `${c}:${e.length}`))).toEqual([
      ['pageviews:5'],
      ['pageviews:2', 'clicks:3'],
      ['clicks:2'],
    ]);
    const first = server.seen[0];
    expect(first?.url).toBe('/events');
    expect(first?.headers['x-project-id']).toBe('proj-1');
    expect(first?.headers['x-api-key']).toBe(KEY);
    expect(first?.headers['content-type']).toBe('application/json');
    expect(result.cancelled).toBe(false);
    expect(result.outcomes).toHaveLength(12);
    expect(result.outcomes.every((o) => o.outcome === 'accepted')).toBe(true);
    expect(result.outcomes.map((o) => `${o.collection}${o.index}@${o.request}`).slice(4, 9)).toEqual([
      'pageviews4@1',
      'pageviews5@2',
      'pageviews6@2',
      'clicks0@2',
      'clicks1@2',
    ]);
    expect(result.outcomes[0]?.id).toBe('p0');
    expect(result.requests.map((r) => [r.request, r.eventCount, r.attempts, r.status])).toEqual([
      [1, 5, 1, 200],
      [2, 5, 1, 200],
      [3, 2, 1, 200],
    ]);
    // The plan first, before any request is answered; then one report per request.
    expect(progress.map((p) => [p.requestsDone, p.requestsTotal, p.eventsDone, p.eventsTotal])).toEqual([
      [0, 3, 0, 12],
      [1, 3, 5, 12],
      [2, 3, 10, 12],
      [3, 3, 12, 12],
    ]);
  });

  it('keeps a path prefix of the base URL and sends nothing for an empty batch', async () => {
    expect(eventsEndpoint('http://h:1/api/')).toBe('http://h:1/api/events');
    expect(eventsEndpoint('https://api.getconnect.io')).toBe('https://api.getconnect.io/events');
    expect(() => eventsEndpoint('ftp://x')).toThrow(/http/);
    const server = await serve(acceptAll);
    const result = await sendBatch({ ...base(server.url), batch: { a: [] } });
    expect(result).toMatchObject({ outcomes: [], requests: [], attempts: [], cancelled: false });
    expect(result.requestBody(1)).toBeUndefined();
    expect(server.seen).toHaveLength(0);
  });

  it('gives the same outcomes with several requests in flight', async () => {
    const server = await serve(async (body, res) => {
      await new Promise((r) => setTimeout(r, 5));
      acceptAll(body, res, 0, undefined as never);
    });
    const result = await sendBatch({ ...base(server.url), batch: { a: ids(20, 'a') }, chunkSize: 3, concurrency: 3 });
    expect(result.outcomes.map((o) => o.index)).toEqual([...Array(20).keys()]);
    expect(result.outcomes.every((o) => o.outcome === 'accepted')).toBe(true);
    expect(result.requests.map((r) => r.request)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('leaves excluded events out as not-sent with their reason', async () => {
    const server = await serve(acceptAll);
    const result = await sendBatch({
      ...base(server.url),
      batch: { a: ids(3, 'a') },
      exclude: [{ collection: 'a', index: 1, reason: 'has lint errors' }],
    });
    expect(server.seen[0]?.body).toEqual({
      a: [
        { id: 'a0', n: 0 },
        { id: 'a2', n: 2 },
      ],
    });
    expect(result.outcomes.map((o) => [o.outcome, o.message])).toEqual([
      ['accepted', undefined],
      ['not-sent', 'has lint errors'],
      ['accepted', undefined],
    ]);
  });
});

describe('sendBatch: retries of whole requests', () => {
  it('retries a 500 with backoff and then succeeds', async () => {
    const server = await serve((body, res, n) =>
      n === 1
        ? json(res, 500, { errorMessage: 'An error occurred while processing your request' })
        : acceptAll(body, res, n, undefined as never),
    );
    const delays: number[] = [];
    const result = await sendBatch({ ...base(server.url), sleep: noSleep(delays), batch: { a: [{ x: 1 }] } });
    expect(result.outcomes[0]?.outcome).toBe('accepted');
    expect(result.requests[0]?.attempts).toBe(2);
    expect(delays).toHaveLength(1);
    expect(delays[0]).toBeGreaterThanOrEqual(125);
    expect(delays[0]).toBeLessThanOrEqual(250);
  });

  it('honours Retry-After in seconds and as an HTTP date on a 429', async () => {
    const server = await serve((body, res, n) => {
      if (n === 1) return json(res, 429, { errorMessage: 'slow down' }, { 'Retry-After': '3' });
      if (n === 2)
        return json(
          res,
          429,
          { errorMessage: 'slow down' },
          { 'Retry-After': new Date(Date.now() + 30_000).toUTCString() },
        );
      return acceptAll(body, res, n, undefined as never);
    });
    const delays: number[] = [];
    const result = await sendBatch({ ...base(server.url), sleep: noSleep(delays), batch: { a: [{}] } });
    expect(result.outcomes[0]?.outcome).toBe('accepted');
    expect(delays[0]).toBe(3000);
    expect(delays[1]).toBeGreaterThan(20_000);
    expect(delays[1]).toBeLessThanOrEqual(30_000);
  });

  it('gives up after the retries: not-sent with the server message, every attempt counted', async () => {
    const server = await serve((_b, res) => json(res, 503, { errorMessage: 'Service unavailable' }));
    const result = await sendBatch({ ...base(server.url), retries: 2, batch: { a: ids(2, 'a') } });
    expect(server.seen).toHaveLength(3);
    expect(result.outcomes.map((o) => [o.outcome, o.message])).toEqual([
      ['not-sent', 'HTTP 503: Service unavailable'],
      ['not-sent', 'HTTP 503: Service unavailable'],
    ]);
    expect(result.requests[0]).toMatchObject({
      attempts: 3,
      status: 503,
      error: 'HTTP 503: Service unavailable',
      responseText: '{"errorMessage":"Service unavailable"}',
    });
  });

  it('does not retry 400, 401, 403 or 413', async () => {
    for (const status of [400, 401, 403, 413]) {
      const server = await serve((_b, res) => json(res, status, { errorMessage: `no ${status}` }));
      const result = await sendBatch({ ...base(server.url), batch: { a: [{}] } });
      expect(server.seen).toHaveLength(1);
      expect(result.outcomes[0]).toMatchObject({ outcome: 'not-sent', message: `HTTP ${status}: no ${status}` });
    }
  });

  it('after a dropped connection resends only events with an id', async () => {
    const server = await serve((body, res, n, req) => {
      if (n === 1) req.socket.destroy();
      else acceptAll(body, res, n, req);
    });
    const batch = { a: [{ id: 'x' }, { n: 1 }, { id: 2 }], b: [{ n: 2 }] };
    const result = await sendBatch({ ...base(server.url), batch });
    expect(server.seen[1]?.body).toEqual({ a: [{ id: 'x' }, { id: 2 }] });
    // spec §9: the dropped request may have been stored; without an id a resend could store it twice.
    expect(result.outcomes.map((o) => o.outcome)).toEqual(['accepted', 'unknown', 'accepted', 'unknown']);
    expect(result.outcomes[1]?.message).toMatch(
      /network failure.*not resent: without an id.*resend is safe only for an event with an id/,
    );
    expect(result.requests[0]).toMatchObject({ request: 1, eventCount: 4, attempts: 2, status: 200 });
  });

  it('retries everything when the connection was refused (nothing can have been stored)', async () => {
    const server = await serve(acceptAll);
    server.close();
    const delays: number[] = [];
    const result = await sendBatch({
      ...base(server.url),
      sleep: noSleep(delays),
      retries: 2,
      batch: { a: [{ n: 1 }, { id: 'y' }] },
    });
    expect(delays).toHaveLength(2);
    expect(result.outcomes.map((o) => o.outcome)).toEqual(['not-sent', 'not-sent']);
    expect(result.outcomes[0]?.message).toMatch(/ECONNREFUSED/);
    expect(result.outcomes[0]?.message).not.toMatch(/not resent/);
    expect(result.requests[0]).toMatchObject({ attempts: 3 });
    expect(result.requests[0]?.status).toBeUndefined();
  });

  it('times out a request that never answers, and one whose body never ends', async () => {
    const server = await serve((body, res, n) => {
      if (n === 1) return; // never answers
      if (n === 2) {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.write('{"a": [');
        return; // never finishes the body
      }
      acceptAll(body, res, n, undefined as never);
    });
    const result = await sendBatch({ ...base(server.url), timeoutMs: 300, batch: { a: [{ id: 1 }, {}] } });
    expect(server.seen).toHaveLength(3);
    expect(result.outcomes.map((o) => o.outcome)).toEqual(['accepted', 'unknown']);
    expect(result.outcomes[1]?.message).toMatch(/timed out.*300 ms.*not resent/);
    expect(result.requests[0]?.attempts).toBe(3);
  });

  it('reads a malformed 200 as unknown without retrying', async () => {
    const server = await serve((_b, res) => json(res, 200, { a: [{ success: true }] }));
    const result = await sendBatch({ ...base(server.url), batch: { a: [{}, {}], b: [{}] } });
    expect(server.seen).toHaveLength(1);
    expect(result.outcomes.map((o) => o.outcome)).toEqual(['accepted', 'unknown', 'unknown']);
  });
});

describe('sendBatch: resending storage failures', () => {
  it('resends only rejected-with-storage-failure events that have an id, and merges the outcomes', async () => {
    const server = await serve((body, res, n) => {
      if (n === 1) {
        return json(res, 200, {
          a: [
            { success: false, message: STORAGE_FAILURE_MESSAGE },
            { success: false, message: STORAGE_FAILURE_MESSAGE },
            { success: true },
            { success: false, message: 'The id must be a string or a number.' },
          ],
          b: [{ success: false, message: STORAGE_FAILURE_MESSAGE }],
        });
      }
      if (n === 2)
        return json(res, 200, {
          a: [{ success: false, message: STORAGE_FAILURE_MESSAGE }],
          b: [{ success: false, duplicate: true, message: 'dup' }],
        });
      return acceptAll(body, res, n, undefined as never);
    });
    const progress: SendProgressCounts[] = [];
    const batch = { a: [{ id: 'a0' }, { n: 1 }, { id: 'a2' }, { id: null }], b: [{ id: 9 }] };
    const result = await sendBatch({ ...base(server.url), batch, onProgress: (p) => progress.push(p) });
    expect(server.seen.map((s) => s.body)).toEqual([
      batch,
      { a: [{ id: 'a0' }], b: [{ id: 9 }] },
      { a: [{ id: 'a0' }] },
    ]);
    expect(result.outcomes.map((o) => [o.outcome, o.request, o.retryable])).toEqual([
      ['accepted', 3, undefined],
      ['rejected', 1, true],
      ['accepted', 1, undefined],
      ['rejected', 1, undefined],
      ['duplicate', 2, undefined],
    ]);
    expect(result.requests.map((r) => [r.request, r.eventCount])).toEqual([
      [1, 5],
      [2, 2],
      [3, 1],
    ]);
    expect(progress.at(-1)).toEqual({ requestsDone: 3, requestsTotal: 3, eventsDone: 5, eventsTotal: 5 });
  });

  it('stops after the resend rounds and keeps the last rejection', async () => {
    const server = await serve((body, res) =>
      json(
        res,
        200,
        Object.fromEntries(
          Object.entries(body).map(([c, e]) => [
            c,
            e.map(() => ({ success: false, message: STORAGE_FAILURE_MESSAGE })),
          ]),
        ),
      ),
    );
    const result = await sendBatch({ ...base(server.url), resendRounds: 2, batch: { a: [{ id: 1 }] } });
    expect(server.seen).toHaveLength(3);
    expect(result.outcomes[0]).toMatchObject({ outcome: 'rejected', retryable: true, request: 3 });
  });

  it('spec §9: a resend of a storage failure that gets no answer makes the event unknown, not rejected', async () => {
    const server = await serve((body, res, n) => {
      if (n === 1)
        return json(res, 200, { a: [{ success: false, message: STORAGE_FAILURE_MESSAGE }, { success: true }] });
      return undefined; // every resend goes unanswered
    });
    const result = await sendBatch({
      ...base(server.url),
      timeoutMs: 200,
      retries: 1,
      batch: { a: [{ id: 'r' }, { id: 's' }] },
    });
    expect(result.outcomes.map((o) => o.outcome)).toEqual(['unknown', 'accepted']);
    expect(result.outcomes[0]?.message).toMatch(/timed out.*a resend is safe only for an event with an id/);
    // Not resent again after an unanswered resend: one first request, one resend with its retry.
    expect(server.seen).toHaveLength(3);
  });

  it('resends an event with an id that a 200 answer had no result for; one without an id stays unknown', async () => {
    const server = await serve((body, res, n) => {
      if (n === 1) return json(res, 200, { a: [{ success: true }] });
      return acceptAll(body, res, n, undefined as never);
    });
    const result = await sendBatch({ ...base(server.url), batch: { a: [{ id: 1 }, { id: 2 }, { n: 3 }] } });
    expect(server.seen[1]?.body).toEqual({ a: [{ id: 2 }] });
    expect(result.outcomes.map((o) => o.outcome)).toEqual(['accepted', 'accepted', 'unknown']);
    expect(result.outcomes[2]?.message).toMatch(/none for this one/);
  });
});

describe('sendBatch: answers that may hide stored events (spec §9)', () => {
  it('a proxy 502 is retried for events with an id only; the others are unknown, never not-sent', async () => {
    const server = await serve((body, res, n) => {
      if (n === 1) {
        res.writeHead(502, { 'Content-Type': 'text/html' });
        res.end('<html>Bad gateway</html>');
        return;
      }
      return acceptAll(body, res, n, undefined as never);
    });
    const result = await sendBatch({ ...base(server.url), batch: { a: [{ id: 1 }, { n: 2 }] } });
    expect(server.seen[1]?.body).toEqual({ a: [{ id: 1 }] });
    expect(result.outcomes.map((o) => o.outcome)).toEqual(['accepted', 'unknown']);
    expect(result.outcomes[1]?.message).toMatch(/HTTP 502.*resend is safe only for an event with an id/);
  });

  it('an API 500 with its JSON errorMessage stored nothing: every event is retried, and not-sent after the last retry', async () => {
    const server = await serve((_b, res) =>
      json(res, 500, { errorMessage: 'An error occurred while processing your request' }),
    );
    const result = await sendBatch({ ...base(server.url), retries: 1, batch: { a: [{ id: 1 }, { n: 2 }] } });
    expect(server.seen.map((s) => s.body)).toEqual([{ a: [{ id: 1 }, { n: 2 }] }, { a: [{ id: 1 }, { n: 2 }] }]);
    expect(result.outcomes.map((o) => o.outcome)).toEqual(['not-sent', 'not-sent']);
  });
});

describe('sendBatch: cancellation', () => {
  it('aborts the request in flight, marks unanswered events cancelled and keeps the answered ones', async () => {
    const controller = new AbortController();
    const server = await serve((body, res, n) => {
      if (n === 2) return controller.abort(); // hold the second request until the client gives up
      acceptAll(body, res, n, undefined as never);
    });
    const result = await sendBatch({
      ...base(server.url),
      signal: controller.signal,
      chunkSize: 2,
      batch: { a: ids(6, 'a') },
    });
    expect(result.cancelled).toBe(true);
    expect(server.seen).toHaveLength(2);
    // The request in flight may have been stored (unknown); the one never sent certainly was not.
    expect(result.outcomes.map((o) => o.outcome)).toEqual([
      'accepted',
      'accepted',
      'unknown',
      'unknown',
      'not-sent',
      'not-sent',
    ]);
    expect(result.outcomes[2]?.message).toMatch(/cancelled.*may have stored these events/);
    expect(result.outcomes[5]?.message).toBe('cancelled before the server answered');
    expect(result.outcomes[5]?.request).toBe(3);
    expect(result.requests.map((r) => [r.request, r.attempts])).toEqual([
      [1, 1],
      [2, 1],
      [3, 0],
    ]);
  });

  it('stops waiting between retries when cancelled', async () => {
    const controller = new AbortController();
    const server = await serve((_b, res) => json(res, 500, { errorMessage: 'x' }));
    const result = await sendBatch({
      ...base(server.url),
      signal: controller.signal,
      sleep: async () => controller.abort(),
      batch: { a: [{}] },
    });
    expect(server.seen).toHaveLength(1);
    expect(result.outcomes[0]).toMatchObject({ outcome: 'not-sent', message: expect.stringMatching(/cancelled/) });
  });
});

describe('sendBatch: the API key never leaks', () => {
  it('does not follow a redirect, so the key never reaches another host', async () => {
    const elsewhere = await serve(acceptAll);
    const server = await serve((_b, res) => {
      res.writeHead(307, { Location: `${elsewhere.url}/events` });
      res.end();
    });
    const result = await sendBatch({ ...base(server.url), batch: { a: [{}] } });
    expect(elsewhere.seen).toHaveLength(0);
    expect(server.seen).toHaveLength(1);
    expect(result.outcomes[0]?.outcome).toBe('not-sent');
    expect(result.outcomes[0]?.message).toContain(
      `HTTP 307: the server redirects to ${elsewhere.url}/events. Redirects are not followed`,
    );
    expect(result.requests[0]).toMatchObject({ status: 307, attempts: 1 });
  });

  it('scrubs a key echoed by the server from records and outcomes', async () => {
    const server = await serve((body, res, n, req) => {
      const echoed = String(req.headers['x-api-key']);
      if (n === 1) return json(res, 500, { errorMessage: `bad key ${echoed}` });
      if (n === 2) return json(res, 401, { errorMessage: `Unauthorised ${echoed}` });
      acceptAll(body, res, n, req);
    });
    const r1 = await sendBatch({ ...base(server.url), retries: 1, batch: { a: [{ id: 1 }] } });
    expect(r1.outcomes[0]?.message).toBe('HTTP 401: Unauthorised ••••');
    expect(JSON.stringify(r1)).not.toContain(KEY);

    const server2 = await serve((body, res, _n, req) =>
      json(res, 200, { a: [{ success: false, message: `rejected for ${String(req.headers['x-api-key'])}` }] }),
    );
    const r2 = await sendBatch({ ...base(server2.url), batch: { a: [{}] } });
    expect(r2.outcomes[0]?.message).toBe('rejected for ••••');
    expect(JSON.stringify(r2)).not.toContain(KEY);
  });

  it('refuses a key that cannot be a header value without quoting it', async () => {
    const bad = 'line1\nline2-secret';
    await expect(
      sendBatch({ url: 'http://127.0.0.1:9', projectId: 'p', apiKey: bad, batch: { a: [{}] } }),
    ).rejects.toThrow(/API key contains characters/);
    await sendBatch({ url: 'http://127.0.0.1:9', projectId: 'p', apiKey: bad, batch: { a: [{}] } }).catch((e: Error) =>
      expect(e.message).not.toContain('secret'),
    );
  });
});
