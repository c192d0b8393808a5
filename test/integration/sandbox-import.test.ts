// Bulk import (spec §7) end to end: a sandbox process reads NDJSON from a small S3-compatible server on
// loopback (path-style, SigV4-checked), stores the good lines and reports the others by line.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { signGet } from '../../electron/sandbox/s3-signature';
import { callSandbox, startSandboxProcess, type SandboxProcess } from '../harness/sandbox-process';

const ACCESS_KEY = 'AKIATESTIMPORT';
const SECRET = 'test-secret';
const objects = new Map<string, string>();
const seenAuthorizations: string[] = [];

/** Serves `objects` at /bucket/key and refuses requests not signed with ACCESS_KEY/SECRET. */
function startFakeS3(): Promise<{ server: Server; url: string }> {
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', `http://${request.headers.host ?? 'localhost'}`);
    const authorization = request.headers.authorization ?? '';
    seenAuthorizations.push(authorization);
    const date = request.headers['x-amz-date'];
    const expected =
      typeof date === 'string'
        ? signGet(url, { accessKeyId: ACCESS_KEY, secretAccessKey: SECRET, region: 'us-east-1' },
            new Date(date.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, '$1-$2-$3T$4:$5:$6Z'))).headers['authorization']
        : undefined;
    if (authorization !== expected) {
      response.writeHead(403, { 'content-type': 'application/xml' });
      return void response.end('<Error><Code>SignatureDoesNotMatch</Code></Error>');
    }
    const body = objects.get(decodeURIComponent(url.pathname));
    if (body === undefined) {
      response.writeHead(404, { 'content-type': 'application/xml' });
      return void response.end('<Error><Code>NoSuchKey</Code></Error>');
    }
    response.writeHead(200, { 'content-type': 'application/x-ndjson', 'content-length': Buffer.byteLength(body) });
    response.end(body);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })));
}

interface JobStatus {
  collection: string;
  status: string;
  created: string;
  started: string | null;
  finished: string | null;
  importedEvents: number;
  duplicateEvents: number;
  percentComplete: number;
  insertRate: number;
  error: string | null;
  eventErrors: { index: number; error: string }[];
}

let s3: { server: Server; url: string };
let sandbox: SandboxProcess;

const startImport = (body: unknown, key: 'push' | 'query' = 'push') => callSandbox(sandbox, 'POST', '/event-import', { key, body });

async function finished(id: string): Promise<JobStatus> {
  for (;;) {
    const answer = await callSandbox(sandbox, 'GET', `/event-import/${id}`);
    expect(answer.status).toBe(200);
    const status = answer.json<JobStatus>();
    if (status.status === 'Complete' || status.status === 'Failed') return status;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function importObject(key: string, text: string, collection = 'imported'): Promise<JobStatus> {
  objects.set(`/bucket/${key}`, text);
  const created = await startImport({ collection, s3Path: `s3://bucket/${key}`, s3AccessKeyId: ACCESS_KEY, s3SecretAccessKey: SECRET });
  expect(created.status).toBe(201);
  const { id } = created.json<{ id: string }>();
  expect(created.headers.get('location')).toBe(`/event-import/${id}`);
  return finished(id);
}

beforeAll(async () => {
  s3 = await startFakeS3();
  sandbox = await startSandboxProcess(['--s3-endpoint', s3.url]);
});
afterAll(async () => {
  await sandbox?.stop();
  await new Promise((resolve) => s3?.server.close(resolve));
});
beforeEach(async () => {
  await callSandbox(sandbox, 'POST', '/sandbox/reset', { key: 'master' });
});

describe('bulk import', () => {
  it('imports the good lines and reports each bad one by its 0-based line', async () => {
    const lines = [
      '{"id": "a", "n": 1}',
      'not json',
      '{"tp_x": 1}',
      '{"id": "a", "n": 2}',
      '',
      '{"id": "b", "timestamp": "2020-01-01T01:00:00+01:00"}\r',
      '[1]',
      '{"id": "c"}',
    ];
    const status = await importObject('dir/events one.ndjson', lines.join('\n'));
    expect(status).toMatchObject({
      collection: 'imported',
      status: 'Complete',
      importedEvents: 3,
      duplicateEvents: 1,
      percentComplete: 100,
      error: null,
      eventErrors: [
        { index: 1, error: 'The JSON specified was not valid.' },
        { index: 2, error: 'Property names starting with tp_ are reserved and cannot be set.' },
        { index: 6, error: 'Events must be JSON objects.' },
      ],
    });
    expect(status.started).not.toBeNull();
    expect(status.finished).not.toBeNull();
    expect(typeof status.insertRate).toBe('number');
    const exported = await callSandbox(sandbox, 'GET', '/events/imported/export', { key: 'query' });
    expect(exported.json<{ results: { id: string; timestamp: string }[] }>().results.map((e) => [e.id, e.timestamp.length])).toEqual([
      ['a', 24], ['b', 24], ['c', 24],
    ]);
    expect(exported.json<{ results: { timestamp: string }[] }>().results[1]?.timestamp).toBe('2020-01-01T00:00:00.000Z');
    // The secret is sent only as a signature.
    expect(seenAuthorizations.join('\n')).not.toContain(SECRET);
    expect(JSON.stringify(status)).not.toContain(SECRET);
  });

  it('imports more than a batch holds (20,000 lines), and ids already stored are duplicates', async () => {
    await callSandbox(sandbox, 'POST', '/events', { body: { big: [{ id: 'e5' }] } });
    const text = Array.from({ length: 20_000 }, (_, i) => JSON.stringify({ id: `e${i}`, i })).join('\n') + '\n';
    const status = await importObject('big.ndjson', text, 'big');
    expect(status).toMatchObject({ status: 'Complete', importedEvents: 19_999, duplicateEvents: 1, eventErrors: [] });
  });

  it('fails the job with the S3 status when the object is missing or the signature is refused', async () => {
    const missing = await startImport({ collection: 'c', s3Path: 's3://bucket/none', s3AccessKeyId: ACCESS_KEY, s3SecretAccessKey: SECRET });
    expect(await finished(missing.json<{ id: string }>().id)).toMatchObject({ status: 'Failed', error: expect.stringContaining('404') });
    objects.set('/bucket/k', '{}');
    const refused = await startImport({ collection: 'c', s3Path: 's3://bucket/k', s3AccessKeyId: ACCESS_KEY, s3SecretAccessKey: 'wrong' });
    expect(await finished(refused.json<{ id: string }>().id)).toMatchObject({ status: 'Failed', importedEvents: 0, error: expect.stringContaining('403') });
  });

  it('checks the request: JSON, fields, collection name, key role; unknown ids are 404', async () => {
    expect((await callSandbox(sandbox, 'POST', '/event-import', { bodyText: '{' })).status).toBe(400);
    const fields = await startImport({ collection: 'c', s3Path: 'http://x' });
    expect(fields.status).toBe(422);
    expect(fields.json<{ errors: { field: string }[] }>().errors.map((e) => e.field)).toEqual(['s3Path', 's3AccessKeyId', 's3SecretAccessKey']);
    const badName = await startImport({ collection: '$c', s3Path: 's3://b/k', s3AccessKeyId: 'a', s3SecretAccessKey: 's' });
    expect(badName.json()).toEqual({ errorMessage: "Collection name '$c' is not valid." });
    expect((await startImport({ collection: 'c', s3Path: 's3://b/k', s3AccessKeyId: 'a', s3SecretAccessKey: 's' }, 'query')).status).toBe(403);
    const unknown = await callSandbox(sandbox, 'GET', '/event-import/nope');
    expect(unknown.status).toBe(404);
    expect(unknown.json()).toHaveProperty('errorMessage');
  });
});
