// "Test connection" against real loopback servers: ok, 401, 403, refused, timeout, not a Connect API.
import { afterEach, describe, expect, it } from 'vitest';
import { createServer, type Server, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { testConnection } from '../../../../electron/services/connection-test';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

const serve = async (handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<string> => {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
};

const KEY = 'sk-DISTINCTIVE-0042';

describe('testConnection', () => {
  it('is ok when the target answers an empty batch with {}', async () => {
    let seen: Record<string, unknown> = {};
    const url = await serve((req, res) => {
      seen = { path: req.url, project: req.headers['x-project-id'], key: req.headers['x-api-key'] };
      res.end('{}');
    });
    const result = await testConnection({ baseUrl: url, projectId: 'p1', apiKey: KEY });
    expect(result.verdict).toBe('ok');
    // The dialog puts "Connected:" before the message: the message must not say it again.
    expect(result.message).toBe(`${url} accepted the project id and key.`);
    expect(seen).toEqual({ path: '/events', project: 'p1', key: KEY });
  });

  it.each([
    [401, 'unauthorised', /refused the project id or API key \(401\)/],
    [403, 'forbidden', /may not push events \(403\)/],
    [200, 'not-connect', /not like the Connect API/],
    [404, 'not-connect', /answered 404/],
  ])('classifies %i as %s', async (status, verdict, message) => {
    const url = await serve((_req, res) => {
      res.statusCode = status;
      res.end(status === 200 ? '<html>hello</html>' : '{"errorMessage": "no"}');
    });
    const result = await testConnection({ baseUrl: url, projectId: 'p1', apiKey: KEY });
    expect(result).toMatchObject({ verdict, status });
    expect(result.message).toMatch(message);
    expect(result.message).not.toContain(KEY);
  });

  it('says the connection was refused when nothing listens', async () => {
    const url = await serve(() => undefined);
    await new Promise((r) => servers.pop()?.close(r));
    const result = await testConnection({ baseUrl: url, projectId: 'p1', apiKey: KEY });
    expect(result).toMatchObject({ verdict: 'unreachable' });
    expect(result.message).toMatch(/refused/);
  });

  it('gives up after the timeout', async () => {
    const url = await serve(() => undefined);
    const result = await testConnection({ baseUrl: url, projectId: 'p1', apiKey: KEY, timeoutMs: 200 });
    expect(result.verdict).toBe('unreachable');
    expect(result.message).toMatch(/no answer within 200 ms/);
  });

  it('asks for a key before sending anything', async () => {
    const result = await testConnection({ baseUrl: 'http://127.0.0.1:1', projectId: 'p', apiKey: undefined });
    // Nothing was sent, so the verdict is not "refused".
    expect(result.verdict).toBe('invalid');
    expect(result.message).toMatch(/No API key is set .*nothing was sent/);
  });

  it('names a port that HTTP clients refuse to use, instead of a bare network error', async () => {
    const result = await testConnection({ baseUrl: 'http://127.0.0.1:6000', projectId: 'p1', apiKey: KEY });
    expect(result.verdict).toBe('unreachable');
    expect(result.message).toMatch(/blocked port/);
  });
});
