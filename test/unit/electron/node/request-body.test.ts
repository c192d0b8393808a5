// The one body reader over real loopback HTTP: strict UTF-8, a byte order mark dropped, 413 answered and
// then the connection closed, an aborted upload reported.
import { afterEach, describe, expect, it } from 'vitest';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodeUtf8, readRequestBody, type BodyResult } from '../../../../electron/node/request-body';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(
    servers.splice(0).map(
      (s) =>
        new Promise<void>((resolve) => {
          s.closeAllConnections();
          s.close(() => resolve());
        }),
    ),
  );
});

/** A server that reads each body with the cap and answers what it read (unless the reader answered). */
const serve = async (maxBytes: number, seen: BodyResult[]): Promise<number> => {
  const server = createServer((req, res) => {
    void readRequestBody(req, res, {
      maxBytes,
      answerTooLarge: { status: 413, headers: { 'content-type': 'text/plain' }, body: 'too large' },
    }).then((result) => {
      seen.push(result);
      if (result.kind === 'too-large' || result.kind === 'aborted') return;
      res.end(result.kind === 'ok' ? `ok:${result.text}` : 'not-utf8');
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return (server.address() as AddressInfo).port;
};

const post = (port: number, chunks: Buffer[], headers: Record<string, string> = {}) =>
  new Promise<{ status: number; text: string; connection: string | undefined }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/', headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text, connection: res.headers.connection }));
    });
    req.on('error', reject);
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });

describe('decodeUtf8', () => {
  it('decodes UTF-8 and drops one leading byte order mark', () => {
    expect(decodeUtf8(Buffer.from('café 😀'))).toBe('café 😀');
    expect(decodeUtf8(Buffer.from([0xef, 0xbb, 0xbf, 0x7b, 0x7d]))).toBe('{}');
    expect(decodeUtf8(Buffer.alloc(0))).toBe('');
  });

  it('refuses truncated sequences, overlong forms and surrogates instead of replacing them', () => {
    for (const bytes of [[0xe9], [0x61, 0xc3], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xff]]) {
      expect(decodeUtf8(Buffer.from(bytes)), bytes.join(',')).toBeUndefined();
    }
  });
});

describe('readRequestBody', () => {
  it('reads a body in many chunks as text', async () => {
    const seen: BodyResult[] = [];
    const port = await serve(1000, seen);
    const answer = await post(port, [Buffer.from('{"a":'), Buffer.from([0xc3]), Buffer.from([0xa9, 0x7d])]);
    expect(answer).toMatchObject({ status: 200, text: 'ok:{"a":é}' });
  });

  it('reports a body that is not UTF-8 and leaves the answer to the caller', async () => {
    const seen: BodyResult[] = [];
    const port = await serve(1000, seen);
    expect((await post(port, [Buffer.from([0x7b, 0xe9, 0x7d])])).text).toBe('not-utf8');
    expect(seen).toEqual([{ kind: 'not-utf8' }]);
  });

  it('answers 413 with connection: close, declared or chunked, after reading what the client sends', async () => {
    const seen: BodyResult[] = [];
    const port = await serve(1000, seen);
    const piece = Buffer.alloc(64 * 1024, 0x78);
    const declared = await post(port, [piece, piece], { 'content-length': String(piece.length * 2) });
    const chunked = await post(port, [piece, piece, piece]);
    for (const answer of [declared, chunked])
      expect(answer).toEqual({ status: 413, text: 'too large', connection: 'close' });
    expect(seen.map((r) => r.kind)).toEqual(['too-large', 'too-large']);
  });
});
