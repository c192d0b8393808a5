// The browser host over real loopback HTTP, with the real router, services and embedded sandbox behind it:
// token, Host and Origin checks, the bridge end to end, Server-Sent Events, static files under the CSP.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAppServices, type AppServices } from '../../../../electron/services/app-services';
import { createRouter } from '../../../../electron/router/router';
import { createBridgeGuard, type BridgeGuard, type BridgeSender } from '../../../../electron/web/bridge-guard';
import { startWebServer, type WebServer } from '../../../../electron/web/server';

interface Answer {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
  readonly text: string;
}

let root: string;
let services: AppServices;
let guard: BridgeGuard;
let server: WebServer;

const ask = (
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<Answer> =>
  new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port: server.port,
        path,
        method: options.method ?? 'GET',
        headers: { Host: `127.0.0.1:${server.port}`, ...options.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const body = Buffer.concat(chunks);
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body, text: body.toString('utf8') });
        });
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });

const invoke = (channel: string, input: unknown, headers: Record<string, string> = {}) =>
  ask(`/bridge/invoke/${channel}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Bridge-Token': guard.token, ...headers },
    body: JSON.stringify(input),
  });

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'bs-web-'));
  const renderer = join(root, 'renderer');
  await mkdir(join(renderer, 'assets'), { recursive: true });
  await writeFile(join(renderer, 'index.html'), '<!doctype html><title>Batch Studio</title>');
  await writeFile(join(renderer, 'assets', 'app.js'), 'console.log(1)');
  await writeFile(join(renderer, 'assets', 'app.css'), 'body{}');
  await writeFile(join(renderer, 'assets', 'codicon.ttf'), Buffer.from([0, 1, 0, 0]));
  await writeFile(join(renderer, 'assets', 'mod.wasm'), Buffer.from([0, 97, 115, 109]));
  await writeFile(join(renderer, 'assets', 'logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  await writeFile(join(renderer, 'assets', 'schema.json'), '{}');
  await writeFile(join(root, 'secret.txt'), 'outside the renderer');
  services = createAppServices({
    userDataDir: join(root, 'user-data'),
    host: 'web',
    version: '1.2.3',
    emit: (event, payload) => server.broadcast(event, payload),
  });
  guard = createBridgeGuard();
  const router = createRouter<BridgeSender>({
    handlers: services.handlers,
    isTrustedSender: guard.isTrusted,
    secrets: services.secrets,
  });
  server = await startWebServer({ rendererDir: renderer, guard, call: (c, i, s) => router.call(c, i, s) });
  await services.start();
});

afterAll(async () => {
  await server?.close();
  await services?.close();
  await rm(root, { recursive: true, force: true });
});

describe('browser host: static files', () => {
  it('serves index.html at / with the strict CSP (connect-src self) and no framing', async () => {
    const answer = await ask('/');
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('text/html; charset=utf-8');
    const csp = String(answer.headers['content-security-policy']);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-eval');
    expect(answer.headers['x-content-type-options']).toBe('nosniff');
  });

  it('gives each asset its content type', async () => {
    const types: Record<string, string> = {
      '/assets/app.js': 'text/javascript; charset=utf-8',
      '/assets/app.css': 'text/css; charset=utf-8',
      '/assets/codicon.ttf': 'font/ttf',
      '/assets/mod.wasm': 'application/wasm',
      '/assets/logo.svg': 'image/svg+xml',
      '/assets/schema.json': 'application/json; charset=utf-8',
    };
    for (const [path, type] of Object.entries(types)) {
      const answer = await ask(path);
      expect(answer.status, path).toBe(200);
      expect(answer.headers['content-type'], path).toBe(type);
    }
  });

  it('never serves a file outside the renderer folder', async () => {
    for (const path of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/..%5csecret.txt',
      '/assets/%00',
      '/%E0%A4%A',
    ]) {
      const answer = await ask(path);
      expect(answer.status, path).toBe(404);
      expect(answer.text, path).not.toContain('outside the renderer');
    }
    expect((await ask('/assets')).status).toBe(404);
  });

  it('answers 404, never 500, for paths with empty segments and absolute-looking targets', async () => {
    for (const path of ['//', '//assets/app.js', '///', '//evil.example/x']) {
      const answer = await ask(path);
      expect(answer.status, path).toBe(404);
    }
  });
});

describe('browser host: who may call', () => {
  it('refuses a call without the token or with a wrong one', async () => {
    const none = await ask('/bridge/invoke/app:info', { method: 'POST', body: '{}' });
    expect(none.status).toBe(403);
    const wrong = await invoke(
      'app:info',
      {},
      { 'X-Bridge-Token': guard.token.slice(0, -1) + (guard.token.endsWith('A') ? 'B' : 'A') },
    );
    expect(wrong.status).toBe(403);
    expect(wrong.text).not.toContain(guard.token);
  });

  it('refuses another Host name (DNS rebinding) on every path, static ones included', async () => {
    for (const host of ['evil.example', `evil.example:${server.port}`, `127.0.0.1:${server.port + 1}`, '127.0.0.1']) {
      expect((await invoke('app:info', {}, { Host: host })).status, host).toBe(403);
      expect((await ask('/', { headers: { Host: host } })).status, host).toBe(403);
    }
  });

  it('refuses a foreign Origin, accepts its own', async () => {
    expect((await invoke('app:info', {}, { Origin: 'http://evil.example' })).status).toBe(403);
    expect((await invoke('app:info', {}, { Origin: `http://localhost:${server.port}` })).status).toBe(403);
    expect((await invoke('app:info', {}, { Origin: 'null' })).status).toBe(403);
    const own = await invoke('app:info', {}, { Origin: `http://127.0.0.1:${server.port}` });
    expect(own.status).toBe(200);
    const viaLocalhost = await invoke(
      'app:info',
      {},
      { Host: `localhost:${server.port}`, Origin: `http://localhost:${server.port}` },
    );
    expect(viaLocalhost.status).toBe(200);
  });

  it('refuses the event stream without the token', async () => {
    expect((await ask('/bridge/events')).status).toBe(403);
    expect((await ask('/bridge/events?token=nope')).status).toBe(403);
  });
});

describe('browser host: the bridge', () => {
  it('answers a call with the router’s result', async () => {
    const answer = await invoke('app:info', {});
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(JSON.parse(answer.text)).toEqual({
      ok: true,
      data: { version: '1.2.3', host: 'web', userDataDir: join(root, 'user-data') },
    });
  });

  it('reports an unknown channel, bad input and a body that is not JSON as errors', async () => {
    expect(JSON.parse((await invoke('nope:never', {})).text)).toMatchObject({
      ok: false,
      error: { code: 'unknown-channel' },
    });
    expect(JSON.parse((await invoke('send:cancel', { runId: 7 })).text)).toMatchObject({
      ok: false,
      error: { code: 'bad-input' },
    });
    const notJson = await ask('/bridge/invoke/app:info', {
      method: 'POST',
      headers: { 'X-Bridge-Token': guard.token },
      body: '{nope',
    });
    expect(notJson.status).toBe(400);
    expect((await ask('/bridge/invoke/app:info', { headers: { 'X-Bridge-Token': guard.token } })).status).toBe(405);
  });

  it('answers a body that is not UTF-8 with 400, not with U+FFFD in its place', async () => {
    const bytes = Buffer.concat([Buffer.from('{"runId": "caf'), Buffer.from([0xe9]), Buffer.from('"}')]);
    const answer = await ask('/bridge/invoke/app:info', {
      method: 'POST',
      headers: { 'X-Bridge-Token': guard.token },
      body: bytes,
    });
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.text)).toMatchObject({ ok: false, error: { code: 'bad-input' } });
  });

  it('answers a body over its cap with 413 that reaches the client, declared or chunked, and stays up', async () => {
    const router = createRouter<BridgeSender>({
      handlers: services.handlers,
      isTrustedSender: guard.isTrusted,
      secrets: services.secrets,
    });
    const smallGuard = createBridgeGuard();
    const small = await startWebServer({
      rendererDir: join(root, 'renderer'),
      guard: smallGuard,
      call: (c, i, s) => router.call(c, i, s),
      maxBodyBytes: 1000,
    });
    try {
      const big = JSON.stringify({ batchText: 'x'.repeat(200_000) });
      for (const chunked of [false, true]) {
        const answer = await new Promise<Answer>((resolve, reject) => {
          const headers: Record<string, string> = {
            Host: `127.0.0.1:${small.port}`,
            'X-Bridge-Token': smallGuard.token,
          };
          if (chunked) headers['Transfer-Encoding'] = 'chunked';
          else headers['Content-Length'] = String(big.length);
          const req = httpRequest(
            { host: '127.0.0.1', port: small.port, path: '/bridge/invoke/app:info', method: 'POST', headers },
            (res) => {
              const chunks: Buffer[] = [];
              res.on('data', (c: Buffer) => chunks.push(c));
              res.on('end', () => {
                const body = Buffer.concat(chunks);
                resolve({ status: res.statusCode ?? 0, headers: res.headers, body, text: body.toString('utf8') });
              });
            },
          );
          req.on('error', reject);
          // Sent in pieces, as a browser uploads: the answer must come although the client is still sending.
          for (let at = 0; at < big.length; at += 16_384) req.write(big.slice(at, at + 16_384));
          req.end();
        });
        expect(answer.status, `chunked: ${chunked}`).toBe(413);
        expect(JSON.parse(answer.text)).toMatchObject({
          ok: false,
          error: { code: 'bad-input', message: 'The request is too large.' },
        });
      }
      const after = await new Promise<number>((resolve, reject) => {
        const req = httpRequest(
          {
            host: '127.0.0.1',
            port: small.port,
            path: '/bridge/invoke/app:info',
            method: 'POST',
            headers: { Host: `127.0.0.1:${small.port}`, 'X-Bridge-Token': smallGuard.token },
          },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        );
        req.on('error', reject);
        req.end('{}');
      });
      expect(after).toBe(200);
    } finally {
      await small.close();
    }
  });

  it('sends a batch to the embedded sandbox end to end, without the key in the answer', async () => {
    const batchText = JSON.stringify({
      c: [
        { id: 'x1', a: 1 },
        { id: 'x2', _id: 2 },
      ],
    });
    const answer = await invoke('send:start', { runId: 'web-1', profileId: 'local-sandbox', batchText });
    const result = JSON.parse(answer.text) as {
      ok: boolean;
      data: { outcomes: { outcome: string }[]; target: { keyHint: string } };
    };
    expect(result.ok).toBe(true);
    expect(result.data.outcomes.map((o) => o.outcome)).toEqual(['accepted', 'rejected']);
    for (const key of services.secrets()) expect(answer.text).not.toContain(key);
  });

  it('pushes events to an open event stream', async () => {
    let resetCall: Promise<Answer> | undefined;
    const received = await new Promise<string>((resolve, reject) => {
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port: server.port,
          path: `/bridge/events?token=${encodeURIComponent(guard.token)}`,
          headers: { Host: `127.0.0.1:${server.port}` },
        },
        (res) => {
          expect(res.statusCode).toBe(200);
          expect(res.headers['content-type']).toBe('text/event-stream; charset=utf-8');
          let text = '';
          res.on('data', (chunk: Buffer) => {
            text += chunk.toString('utf8');
            if (text.includes(': connected') && !resetCall) resetCall = invoke('sandbox:reset', {});
            const frame = /event: sandbox:status\ndata: (.*)\n\n/.exec(text);
            if (frame) {
              req.destroy();
              resolve(frame[1] as string);
            }
          });
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(JSON.parse(received)).toMatchObject({ state: 'running', eventCount: 0 });
    expect((await resetCall)?.status).toBe(200);
  });
});
