// A bridge answer written in pieces over real loopback HTTP: the bytes are JSON.stringify's, small answers go
// out in one write, and a large one lets the event loop turn while it is written.
import { afterEach, describe, expect, it } from 'vitest';
import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { writeJsonAnswer } from '../../../../electron/web/json-answer';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

/** Serves `body` through writeJsonAnswer and reads it back; `ticks`: timer turns seen while it was written. */
async function served(body: unknown): Promise<{ text: string; headers: IncomingHttpHeaders; ticks: number }> {
  let ticks = 0;
  const server = createServer((_request, response) => {
    const timer = setInterval(() => ticks++, 1);
    void writeJsonAnswer(response, 200, { 'Content-Type': 'application/json' }, body).finally(() =>
      clearInterval(timer),
    );
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    httpRequest({ host: '127.0.0.1', port, path: '/' }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (c: Buffer) => chunks.push(c));
      response.on('end', () =>
        resolve({ text: Buffer.concat(chunks).toString('utf8'), headers: response.headers, ticks }),
      );
      response.on('error', reject);
    })
      .on('error', reject)
      .end();
  });
}

describe('writeJsonAnswer', () => {
  it("writes JSON.stringify's text for plain data: skipped keys, nulls in arrays, toJSON, nesting", async () => {
    const body = {
      ok: true,
      data: {
        skipped: undefined,
        list: [1, undefined, 'two “quoted” ••••', { deep: { deeper: [null, { x: undefined }] } }, () => 1],
        when: new Date(0),
        empty: {},
        none: [],
        nested: [[[[1, [2]]]]],
      },
    };
    const { text, headers } = await served(body);
    expect(text).toBe(JSON.stringify(body));
    expect(headers['content-type']).toBe('application/json');
  });

  it('writes a large answer in pieces while the loop keeps turning, byte for byte', async () => {
    const body = {
      ok: true,
      data: {
        requests: Array.from({ length: 400 }, (_, i) => ({
          request: i + 1,
          responseText: `{"views":[${'{"success":true},'.repeat(5_000)}]} ••••`,
        })),
      },
    };
    const { text, ticks } = await served(body);
    expect(text).toBe(JSON.stringify(body));
    expect(ticks).toBeGreaterThan(0);
  });
});
