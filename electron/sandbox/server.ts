// The sandbox: a local HTTP server that answers exactly like the Connect events API (spec §1–§6), embeddable
// by the app, the browser host and the CLI. It holds no process-wide state; its owner handles signals.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { resolve as resolvePath } from 'node:path';
import {
  MAX_EXPORT_EVENTS,
  MESSAGES,
  collectionNameInvalid,
  errorBody,
  fieldErrorBody,
  isValidCollectionName,
} from './api-messages';
import { openEventStore, type EventStore } from './event-store';
import { parseExportQuery, readsEveryEvent, selectEvents } from './export-query';
import { createImportJobs } from './event-import';
import { createFaults, type Faults } from './faults';
import { pushSingle, type DuplicateMode, type PushContext, type Reply } from './push';
import { pushBatchBytes } from './push-bytes';
import { readRequestBytes } from '../node/request-body';
import type { SandboxSchemas } from './schema-enforcement';

export type SandboxRole = 'push' | 'query' | 'pushquery' | 'master';
export type SandboxKeys = Record<SandboxRole, string>;
export const SANDBOX_ROLES: readonly SandboxRole[] = ['push', 'query', 'pushquery', 'master'];

export interface SandboxOptions {
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** Default 0: a free port. */
  readonly port?: number;
  /** Folder of the durable log; memory only when absent. */
  readonly dataDir?: string;
  /** Generated when missing. */
  readonly projectId?: string;
  /** Keys per role; each missing one is generated. */
  readonly keys?: Partial<SandboxKeys>;
  /** spec §5: `report` (default) answers `duplicate: true`, `silent` answers success. */
  readonly duplicates?: DuplicateMode;
  /** Delay before every answer, in milliseconds. */
  readonly latencyMs?: number;
  /** Shares (0..1) of valid events, requests and connections that fail (spec §10). */
  readonly failEvents?: number;
  readonly failRequests?: number;
  readonly dropRequests?: number;
  /** Share (0..1) of pushes stored and then left unanswered: the connection closes after the events are durable. */
  readonly dropAfterStore?: number;
  /** Makes the fault choices repeatable; random when missing. */
  readonly seed?: number;
  /** Largest request body read (default 20 MB); larger ones get 413. */
  readonly maxBodyBytes?: number;
  /** Base URL of the S3-compatible server bulk import reads `s3://` paths from (spec §7). */
  readonly s3Endpoint?: string;
  /** Region used to sign S3 requests (default us-east-1). */
  readonly s3Region?: string;
  /** Where storage warnings go (a torn record skipped on start); default: nowhere. */
  readonly warn?: (message: string) => void;
  /** Collection schemas to enforce: a violating event is rejected with the validation message. */
  readonly schemas?: SandboxSchemas;
}

export interface RunningSandbox {
  readonly url: string;
  readonly projectId: string;
  readonly keys: SandboxKeys;
  readonly dataDir?: string;
  eventCount(): number;
  /** Collections that hold events, with their counts (the app's Stored events view). */
  collections(): { name: string; count: number }[];
  /**
   * The export of spec §6 in-process, for the app's own view: the first `limit` matching events (copies) and
   * how many match, counted up to 10,001 (more than the export allows); undefined for an invalid query.
   */
  storedEvents(collection: string, queryText: string, limit: number): Promise<StoredEvents | undefined>;
  /** Starts (or, with undefined, stops) enforcing collection schemas on the pushes that follow. */
  setSchemas(schemas: SandboxSchemas | undefined): void;
  /** Wipes every collection (and the log). */
  reset(): Promise<void>;
  /** Stops listening, drops open connections, flushes and closes storage. */
  close(): Promise<void>;
}

export interface StoredEvents {
  readonly events: Record<string, unknown>[];
  readonly matched: number;
}

export const DEFAULT_MAX_BODY_BYTES = 20 * 1024 * 1024;
const EXPORT_PIECE_CHARS = 64 * 1024;

type Permission = 'push' | 'query' | 'admin';
const ROLE_PERMISSIONS: Record<SandboxRole, readonly Permission[]> = {
  push: ['push'],
  query: ['query'],
  pushquery: ['push', 'query'],
  master: ['push', 'query', 'admin'],
};

type Route =
  | { kind: 'batch' }
  | { kind: 'single'; collection: string }
  | { kind: 'export'; collection: string }
  | { kind: 'delete'; collection: string }
  | { kind: 'import' }
  | { kind: 'import-status'; id: string }
  | { kind: 'health' }
  | { kind: 'reset' };

interface Matched {
  readonly route: Route;
  readonly method: 'GET' | 'POST' | 'DELETE';
}

/** Path → route; the collection segment stays percent-encoded until the route is chosen. */
function matchRoute(path: string): Matched | undefined {
  const parts = path.split('/');
  if (parts[0] !== '') return undefined;
  const [, first, second, third, ...rest] = parts;
  if (rest.length > 0) return undefined;
  if (first === 'events') {
    if (second === undefined) return { route: { kind: 'batch' }, method: 'POST' };
    if (third === undefined) return { route: { kind: 'single', collection: second }, method: 'POST' };
    if (third === 'export') return { route: { kind: 'export', collection: second }, method: 'GET' };
    return undefined;
  }
  if (first === 'collections' && second !== undefined && third === undefined) {
    return { route: { kind: 'delete', collection: second }, method: 'DELETE' };
  }
  if (first === 'event-import' && third === undefined) {
    return second === undefined
      ? { route: { kind: 'import' }, method: 'POST' }
      : { route: { kind: 'import-status', id: second }, method: 'GET' };
  }
  if (first === 'sandbox' && third === undefined) {
    if (second === 'health') return { route: { kind: 'health' }, method: 'GET' };
    if (second === 'reset') return { route: { kind: 'reset' }, method: 'POST' };
  }
  return undefined;
}

const NEEDS: Record<Exclude<Route['kind'], 'health'>, Permission> = {
  batch: 'push',
  single: 'push',
  export: 'query',
  delete: 'admin',
  import: 'push',
  'import-status': 'push',
  reset: 'admin',
};

const decodeSegment = (segment: string): string | undefined => {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
};

const headerValue = (value: string | string[] | undefined): string | undefined =>
  Array.isArray(value) ? value[0] : value;

const generated = (prefix: string): string => `${prefix}-${randomBytes(12).toString('hex')}`;

const OK_HEALTH = JSON.stringify({ status: 'ok' });
const JSON_TYPE = 'application/json; charset=utf-8';

export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const host = options.host ?? '127.0.0.1';
  const projectId = options.projectId ?? generated('sandbox');
  const keys: SandboxKeys = {
    push: options.keys?.push ?? generated('push'),
    query: options.keys?.query ?? generated('query'),
    pushquery: options.keys?.pushquery ?? generated('pushquery'),
    master: options.keys?.master ?? generated('master'),
  };
  const permissions = new Map<string, Set<Permission>>();
  for (const role of SANDBOX_ROLES) {
    const granted = permissions.get(keys[role]) ?? new Set<Permission>();
    for (const permission of ROLE_PERMISSIONS[role]) granted.add(permission);
    permissions.set(keys[role], granted);
  }
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const dataDir = options.dataDir === undefined ? undefined : resolvePath(options.dataDir);
  const warn = options.warn ?? (() => undefined);
  const store: EventStore = await openEventStore({ ...(dataDir !== undefined ? { dataDir } : {}), warn });
  const faults: Faults = createFaults({
    latencyMs: options.latencyMs ?? 0,
    failEvents: options.failEvents ?? 0,
    failRequests: options.failRequests ?? 0,
    dropRequests: options.dropRequests ?? 0,
    dropAfterStore: options.dropAfterStore ?? 0,
    seed: options.seed ?? randomBytes(4).readUInt32LE(0),
  });
  const pushContext: PushContext = {
    store,
    faults,
    duplicates: options.duplicates ?? 'report',
    ...(options.schemas ? { schemas: options.schemas } : {}),
  };
  const imports = createImportJobs({
    store,
    schemas: () => pushContext.schemas,
    ...(options.s3Endpoint !== undefined ? { s3Endpoint: options.s3Endpoint } : {}),
    s3Region: options.s3Region ?? 'us-east-1',
  });
  const wipe = async () => {
    await imports.clear();
    await store.clear();
  };

  // The latency fault delays every answer, the 413 of an oversized body too.
  const schedule = (write: () => void): void => {
    if (faults.latencyMs > 0) setTimeout(write, faults.latencyMs);
    else write();
  };

  const send = (response: ServerResponse, reply: Reply, extraHeaders: Record<string, string> = {}): void => {
    const write = () => {
      if (response.destroyed || response.writableEnded) return;
      const headers: Record<string, string | number> = { ...extraHeaders };
      if (reply.body === undefined) headers['content-length'] = 0;
      else {
        headers['content-type'] = JSON_TYPE;
        headers['content-length'] = Buffer.byteLength(reply.body);
      }
      response.writeHead(reply.status, headers);
      response.end(reply.body);
    };
    schedule(write);
  };

  const authorise = (request: IncomingMessage, needed: Permission): Reply | undefined => {
    const project = headerValue(request.headers['x-project-id']);
    const key = headerValue(request.headers['x-api-key']);
    const granted = key === undefined ? undefined : permissions.get(key);
    if (project !== projectId || granted === undefined) return { status: 401, body: errorBody(MESSAGES.unauthorised) };
    if (!granted.has(needed)) return { status: 403, body: errorBody(MESSAGES.forbidden) };
    return undefined;
  };

  const collectionOf = (segment: string): { name: string } | Reply => {
    const name = decodeSegment(segment);
    if (name === undefined || !isValidCollectionName(name)) {
      return { status: 400, body: errorBody(collectionNameInvalid(name ?? segment)) };
    }
    return { name };
  };

  const MB = 1024 * 1024;
  const limitText = maxBodyBytes % MB === 0 ? `${maxBodyBytes / MB} MB` : `${maxBodyBytes} bytes`;
  const tooLargeBody = errorBody(`The request body is larger than the sandbox accepts (${limitText}).`);

  const bodyReadOptions = {
    maxBytes: maxBodyBytes,
    answerTooLarge: { status: 413, headers: { 'content-type': JSON_TYPE }, body: tooLargeBody },
    schedule,
  };

  /**
   * Reads the body's checked UTF-8 bytes (no string made); undefined when it was answered already: 413 for one
   * over the cap, and a body that is not UTF-8 as the route answers text that is not JSON (spec §9).
   */
  const bytesOf = async (
    request: IncomingMessage,
    response: ServerResponse,
    notJson: string,
  ): Promise<Buffer | undefined> => {
    const body = await readRequestBytes(request, response, bodyReadOptions);
    if (body.kind === 'ok') return body.bytes;
    if (body.kind === 'not-utf8') send(response, { status: 400, body: errorBody(notJson) });
    return undefined;
  };

  /** bytesOf as text, for the routes that parse it. */
  const bodyOf = async (request: IncomingMessage, response: ServerResponse, notJson: string) =>
    (await bytesOf(request, response, notJson))?.toString('utf8');

  /** The events a query selects, or the answer that refuses it (spec §6). */
  const exportEvents = async (
    collection: string,
    search: string,
  ): Promise<Reply | { events: Record<string, unknown>[] }> => {
    const query = parseExportQuery(new URLSearchParams(search).get('query'));
    if (!query) return { status: 422, body: fieldErrorBody('query', MESSAGES.queryInvalid) };
    // A query that reads every event parses those still kept as bytes first, a batch at a time, between pushes.
    if (readsEveryEvent(query)) await store.parseEvents(collection);
    let found: Record<string, unknown>[];
    try {
      found = selectEvents(store.eventChunks(collection), query, MAX_EXPORT_EVENTS);
    } catch (error) {
      // A filter value nested too deeply to compare is a query the sandbox cannot run.
      if (error instanceof RangeError) return { status: 422, body: fieldErrorBody('query', MESSAGES.queryInvalid) };
      throw error;
    }
    if (found.length > MAX_EXPORT_EVENTS) return { status: 413, body: errorBody(MESSAGES.exportTooLarge) };
    return { events: found };
  };

  /**
   * Streams `{"results": [...]}` one event at a time, as a push serialized it (see push.ts): 10,000 events of
   * 64 KB are more text than one string may hold, and no export can overflow the stack.
   */
  const sendEvents = (response: ServerResponse, events: readonly Record<string, unknown>[]): void =>
    schedule(() => {
      if (response.destroyed || response.writableEnded) return;
      response.writeHead(200, { 'content-type': JSON_TYPE });
      let next = 0;
      let pending = '{"results":[';
      const writeMore = (): void => {
        while (next < events.length) {
          if (response.destroyed) return;
          pending += (next === 0 ? '' : ',') + JSON.stringify(events[next]);
          next++;
          // Small events are gathered into pieces of about 64 KB: one write per event would cost a chunk each.
          if (pending.length < EXPORT_PIECE_CHARS) continue;
          const piece = pending;
          pending = '';
          if (!response.write(piece)) return void response.once('drain', writeMore);
        }
        response.end(pending + ']}');
      };
      writeMore();
    });

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const url = request.url ?? '/';
    const queryAt = url.indexOf('?');
    const path = queryAt < 0 ? url : url.slice(0, queryAt);
    const search = queryAt < 0 ? '' : url.slice(queryAt + 1);
    const matched = matchRoute(path);
    if (!matched) {
      return send(response, {
        status: 404,
        body: errorBody(`There is no ${path} here. See the API contract for the endpoints.`),
      });
    }
    if (request.method !== matched.method) {
      return send(
        response,
        {
          status: 405,
          body: errorBody(`The method ${request.method ?? ''} is not allowed on ${path}; use ${matched.method}.`),
        },
        { allow: matched.method },
      );
    }
    const { route } = matched;
    if (route.kind === 'health') return send(response, { status: 200, body: OK_HEALTH });

    const denied = authorise(request, NEEDS[route.kind]);
    if (denied) return send(response, denied);

    switch (route.kind) {
      case 'reset': {
        await wipe();
        return send(response, { status: 200 });
      }
      case 'batch': {
        const bytes = await bytesOf(request, response, MESSAGES.batchNotJson);
        if (bytes === undefined) return;
        if (faults.dropRequest()) return void request.socket.destroy();
        const reply = await pushBatchBytes(pushContext, bytes);
        if (reply.status === 200 && faults.dropAfterStore()) return void request.socket.destroy();
        return send(response, reply);
      }
      case 'single': {
        const collection = collectionOf(route.collection);
        if ('status' in collection) return send(response, collection);
        const text = await bodyOf(request, response, MESSAGES.eventNotJson);
        if (text === undefined) return;
        if (faults.dropRequest()) return void request.socket.destroy();
        const reply = await pushSingle(pushContext, collection.name, text);
        if (reply.status === 200 && faults.dropAfterStore()) return void request.socket.destroy();
        return send(response, reply);
      }
      case 'export': {
        const collection = collectionOf(route.collection);
        if ('status' in collection) return send(response, collection);
        if (faults.dropRequest()) return void request.socket.destroy();
        if (faults.failRequest()) return send(response, { status: 500, body: errorBody(MESSAGES.requestFailed) });
        const selected = await exportEvents(collection.name, search);
        return 'events' in selected ? sendEvents(response, selected.events) : send(response, selected);
      }
      case 'delete': {
        const collection = collectionOf(route.collection);
        if ('status' in collection) return send(response, collection);
        if (faults.dropRequest()) return void request.socket.destroy();
        if (faults.failRequest()) return send(response, { status: 500, body: errorBody(MESSAGES.requestFailed) });
        await store.deleteCollection(collection.name);
        return send(response, { status: 200 });
      }
      case 'import': {
        const text = await bodyOf(request, response, MESSAGES.importNotJson);
        if (text === undefined) return;
        const { reply, location } = imports.create(text);
        return send(response, reply, location !== undefined ? { location } : {});
      }
      case 'import-status': {
        const id = decodeSegment(route.id) ?? route.id;
        return send(response, imports.status(id));
      }
      default: {
        const never: never = route;
        return never;
      }
    }
  };

  const server = createServer({ keepAlive: true }, (request, response) => {
    handle(request, response).catch(() => {
      // Bad input never crashes the sandbox: anything unexpected is the API's generic 500.
      if (!response.headersSent) send(response, { status: 500, body: errorBody(MESSAGES.requestFailed) });
      else response.destroy();
    });
  });
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (error.code === 'ECONNRESET' || !socket.writable) return void socket.destroy();
    const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
    const status = tooLarge ? '431 Request Header Fields Too Large' : '400 Bad Request';
    const body = errorBody(tooLarge ? 'The URL or headers are too large.' : 'The request is not valid HTTP.');
    socket.end(
      `HTTP/1.1 ${status}\r\ncontent-type: ${JSON_TYPE}\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
    );
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  }).catch(async (error: unknown) => {
    await store.close();
    throw error;
  });

  const { port } = server.address() as AddressInfo;
  const urlHost = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '[::1]' : host.includes(':') ? `[${host}]` : host;
  let closing: Promise<void> | undefined;

  return {
    url: `http://${urlHost}:${port}`,
    projectId,
    keys,
    ...(dataDir !== undefined ? { dataDir } : {}),
    eventCount: () => store.count(),
    collections: () => store.collections(),
    async storedEvents(collection, queryText, limit) {
      const query = parseExportQuery(queryText);
      if (!query) return undefined;
      // As the export does: events still kept as bytes are parsed a batch at a time, so main's loop keeps turning.
      if (readsEveryEvent(query)) await store.parseEvents(collection);
      let found: Record<string, unknown>[];
      try {
        found = selectEvents(store.eventChunks(collection), query, MAX_EXPORT_EVENTS);
      } catch (error) {
        if (error instanceof RangeError) return undefined;
        throw error;
      }
      // Copies: what the view holds must never change what is stored.
      const events = found.slice(0, limit).map((event) => JSON.parse(JSON.stringify(event)) as Record<string, unknown>);
      return { events, matched: found.length };
    },
    setSchemas(schemas) {
      pushContext.schemas = schemas;
    },
    reset: wipe,
    close() {
      closing ??= (async () => {
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeAllConnections();
        await stopped;
        await imports.close();
        await store.close();
      })();
      return closing;
    },
  };
}
