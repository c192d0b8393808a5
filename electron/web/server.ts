// The browser host's HTTP server on loopback: the built renderer as static files under the strict CSP, and
// the IPC contract as a bridge (POST /bridge/invoke/<channel>, Server-Sent Events at /bridge/events).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CallResult, EventName, EventPayload } from '../contract/channels';
import { webContentPolicy } from '../contract/content-policy';
import { readRequestBody } from '../node/request-body';
import { readStaticFile } from '../node/static-files';
import type { BridgeGuard, BridgeSender } from './bridge-guard';
import { writeJsonAnswer } from './json-answer';

export interface WebServerOptions {
  readonly rendererDir: string;
  readonly guard: BridgeGuard;
  readonly call: (channel: string, input: unknown, sender: BridgeSender) => Promise<CallResult<unknown>>;
  readonly host?: string;
  readonly port?: number;
  /** Largest request body accepted (a batch is sent as one string). */
  readonly maxBodyBytes?: number;
}

export interface WebServer {
  readonly url: string;
  readonly port: number;
  broadcast<E extends EventName>(event: E, payload: EventPayload<E>): void;
  close(): Promise<void>;
}

const securityHeaders = {
  'Content-Security-Policy': webContentPolicy,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
} as const;

const header = (request: IncomingMessage, name: string): string | undefined => {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

const jsonHeaders = {
  ...securityHeaders,
  'Content-Type': 'application/json; charset=utf-8',
  'Cache-Control': 'no-store',
};

const sendJson = (response: ServerResponse, status: number, body: unknown): void => {
  const text = JSON.stringify(body);
  response.writeHead(status, jsonHeaders);
  response.end(text);
};

const refuse = (response: ServerResponse, message: string): void =>
  sendJson(response, 403, { ok: false, error: { code: 'forbidden-sender', message } });

const badInput = (message: string) => ({ ok: false, error: { code: 'bad-input', message } });

export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const { guard } = options;
  const maxBody = options.maxBodyBytes ?? 512 * 1024 * 1024;
  const streams = new Set<ServerResponse>();

  const handleInvoke = async (request: IncomingMessage, response: ServerResponse, channel: string): Promise<void> => {
    const sender: BridgeSender = {
      token: header(request, 'x-bridge-token'),
      host: header(request, 'host'),
      origin: header(request, 'origin'),
    };
    if (!guard.tokenValid(sender.token))
      return refuse(response, 'This page is not authorised: open the exact URL Batch Studio printed.');
    const body = await readRequestBody(request, response, {
      maxBytes: maxBody,
      answerTooLarge: {
        status: 413,
        headers: jsonHeaders,
        body: JSON.stringify(badInput('The request is too large.')),
      },
    });
    if (body.kind === 'too-large' || body.kind === 'aborted') return;
    if (body.kind === 'not-utf8')
      return sendJson(response, 400, badInput('The request body is not valid JSON (it is not UTF-8).'));
    const { text } = body;
    let input: unknown = {};
    if (text.trim() !== '') {
      try {
        input = JSON.parse(text);
      } catch {
        return sendJson(response, 400, badInput('The request body is not valid JSON.'));
      }
    }
    // A large answer (a big send's report) goes out in pieces, so other calls are answered meanwhile.
    await writeJsonAnswer(response, 200, jsonHeaders, await options.call(channel, input, sender));
  };

  const handleEvents = (request: IncomingMessage, response: ServerResponse, url: URL): void => {
    if (!guard.tokenValid(url.searchParams.get('token') ?? undefined))
      return refuse(response, 'This page is not authorised.');
    response.writeHead(200, {
      ...securityHeaders,
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
    });
    response.write(': connected\n\n');
    streams.add(response);
    request.on('close', () => streams.delete(response));
  };

  const handleStatic = async (request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> => {
    // An empty segment names no file of the renderer (and must not fall back to index.html).
    const file = url.pathname.includes('//') ? undefined : await readStaticFile(options.rendererDir, url.pathname);
    if (!file) {
      response.writeHead(404, { ...securityHeaders, 'Content-Type': 'text/plain; charset=utf-8' });
      response.end('Not found');
      return;
    }
    response.writeHead(200, {
      ...securityHeaders,
      'Content-Type': file.contentType,
      'Content-Length': file.body.length,
      'Cache-Control': 'no-cache',
    });
    response.end(request.method === 'HEAD' ? undefined : file.body);
  };

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const host = header(request, 'host');
    // Checked on every request, static ones included, so a rebound DNS name reaches nothing.
    if (!guard.hostAllowed(host)) return refuse(response, 'Wrong host.');
    if (!guard.originAllowed(header(request, 'origin'), host)) return refuse(response, 'Wrong origin.');
    const target = request.url ?? '/';
    // The target is a path on this host: `//x` is a path with an empty segment, never another host.
    const url = new URL(`http://127.0.0.1${target.startsWith('/') ? '' : '/'}${target}`);
    const invoke = /^\/bridge\/invoke\/([^/]+)$/.exec(url.pathname);
    if (invoke) {
      if (request.method !== 'POST')
        return sendJson(response, 405, { ok: false, error: { code: 'bad-input', message: 'Use POST.' } });
      let channel: string;
      try {
        channel = decodeURIComponent(invoke[1] ?? '');
      } catch {
        channel = '';
      }
      return handleInvoke(request, response, channel);
    }
    if (url.pathname === '/bridge/events') {
      if (request.method !== 'GET')
        return sendJson(response, 405, { ok: false, error: { code: 'bad-input', message: 'Use GET.' } });
      return handleEvents(request, response, url);
    }
    if (url.pathname.startsWith('/bridge/'))
      return sendJson(response, 404, {
        ok: false,
        error: { code: 'unknown-channel', message: 'Unknown bridge path.' },
      });
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { ...securityHeaders, Allow: 'GET, HEAD' });
      response.end();
      return;
    }
    return handleStatic(request, response, url);
  };

  const server = createServer((request, response) => {
    handle(request, response).catch(() => {
      if (!response.headersSent)
        sendJson(response, 500, { ok: false, error: { code: 'failed', message: 'The host failed to answer.' } });
      else response.end();
    });
  });
  // Keeps idle event streams alive through proxies and lets the browser notice a dead host.
  const ping = setInterval(() => {
    for (const stream of streams) stream.write(': ping\n\n');
  }, 25_000);
  ping.unref();

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  guard.bind(port);

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    broadcast(event, payload) {
      const frame = `event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`;
      for (const stream of streams) stream.write(frame);
    },
    async close() {
      clearInterval(ping);
      for (const stream of streams) stream.end();
      streams.clear();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
