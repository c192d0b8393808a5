// Bulk import (spec §7) end to end: a sandbox process reads NDJSON from a small S3-compatible server on
// loopback (s3rver: path-style, signatures checked), stores the good lines and reports the others by line.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { createS3Client } from '../../electron/services/bulk-import/s3-client';
import { callSandbox, startSandboxProcess, type SandboxProcess } from '../harness/sandbox-process';
import { startS3Server, type S3Server } from '../harness/s3-server';
import type { ImportJob as JobStatus } from '../../electron/sandbox/event-import';

let s3: S3Server;
const put = async (key: string, text: string | Buffer) => {
  const client = createS3Client({
    region: 'us-east-1',
    endpoint: s3.url,
    accessKeyId: s3.accessKeyId,
    secretAccessKey: s3.secretAccessKey,
  });
  await client.send(new PutObjectCommand({ Bucket: s3.bucket, Key: key, Body: text }));
  client.destroy();
};

let sandbox: SandboxProcess;

const startImport = (body: unknown, key: 'push' | 'query' = 'push', target = sandbox) =>
  callSandbox(target, 'POST', '/event-import', { key, body });

async function finished(id: string, target = sandbox): Promise<JobStatus> {
  for (;;) {
    const answer = await callSandbox(target, 'GET', `/event-import/${id}`);
    expect(answer.status).toBe(200);
    const status = answer.json<JobStatus>();
    if (status.status === 'Complete' || status.status === 'Failed') return status;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function importObject(
  key: string,
  text: string | Buffer,
  collection = 'imported',
  target = sandbox,
): Promise<JobStatus> {
  await put(key, text);
  const created = await startImport(
    {
      collection,
      s3Path: `s3://${s3.bucket}/${key}`,
      s3AccessKeyId: s3.accessKeyId,
      s3SecretAccessKey: s3.secretAccessKey,
    },
    'push',
    target,
  );
  expect(created.status).toBe(201);
  const { id } = created.json<{ id: string }>();
  expect(created.headers.get('location')).toBe(`/event-import/${id}`);
  return finished(id, target);
}

beforeAll(async () => {
  s3 = await startS3Server();
  sandbox = await startSandboxProcess(['--s3-endpoint', s3.url]);
});
afterAll(async () => {
  await sandbox?.stop();
  await s3?.dispose();
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
    expect(
      exported.json<{ results: { id: string; timestamp: string }[] }>().results.map((e) => [e.id, e.timestamp.length]),
    ).toEqual([
      ['a', 24],
      ['b', 24],
      ['c', 24],
    ]);
    expect(exported.json<{ results: { timestamp: string }[] }>().results[1]?.timestamp).toBe(
      '2020-01-01T00:00:00.000Z',
    );
    // The secret is sent only as a signature, and the job never shows it.
    expect(JSON.stringify(status)).not.toContain(s3.secretAccessKey);
  });

  it('imports more than a batch holds (20,000 lines), and ids already stored are duplicates', async () => {
    await callSandbox(sandbox, 'POST', '/events', { body: { big: [{ id: 'e5' }] } });
    const text = Array.from({ length: 20_000 }, (_, i) => JSON.stringify({ id: `e${i}`, i })).join('\n') + '\n';
    const status = await importObject('big.ndjson', text, 'big');
    expect(status).toMatchObject({ status: 'Complete', importedEvents: 19_999, duplicateEvents: 1, eventErrors: [] });
  });

  it('keeps lines already in their stored form as their bytes, in line order with the others, across a restart', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sandbox-import-bytes-'));
    const stamp = (s: number) => `"2026-11-27T12:00:0${s}.000Z"`;
    const lines = [
      // A byte order mark starts the object; the line after it is in its stored form.
      Buffer.from(`\ufeff{"id":"s1","timestamp":${stamp(0)},"n":1}`),
      Buffer.from('{"id":"o1","n":2}'),
      Buffer.from(`  {"id": "s2", "timestamp": ${stamp(1)}, "tags": ["a"]}  \r`),
      Buffer.from(`{"id":"s1","timestamp":${stamp(0)}}`),
      Buffer.from(`{"id":"o1","timestamp":${stamp(0)}}`),
      Buffer.concat([
        Buffer.from(`{"id":"s3","timestamp":${stamp(2)},"bad":"`),
        Buffer.from([0xff]),
        Buffer.from('"}'),
      ]),
      Buffer.from(`{"id":"s4","timestamp":${stamp(3)},"tp_x":1}`),
      Buffer.from('{"id":"s5","timestamp":"2026-11-27T13:00:03+01:00"}'),
      Buffer.from(`{"id": "s6", "timestamp": ${stamp(4)}, "deep": {"a": {"b": 1}}}`),
      Buffer.from(`{"id":"s7","timestamp":${stamp(5)}}{"x":1}`),
    ];
    const text = Buffer.concat(lines.flatMap((line, i) => (i === 0 ? [line] : [Buffer.from('\n'), line])));
    const expected = [
      { id: 's1', timestamp: '2026-11-27T12:00:00.000Z', n: 1 },
      { id: 'o1', n: 2 },
      { id: 's2', timestamp: '2026-11-27T12:00:01.000Z', tags: ['a'] },
      { id: 's3', timestamp: '2026-11-27T12:00:02.000Z', bad: '\ufffd' },
      { id: 's5', timestamp: '2026-11-27T12:00:03.000Z' },
      { id: 's6', timestamp: '2026-11-27T12:00:04.000Z', deep: { a: { b: 1 } } },
    ];
    const exported = async (running: SandboxProcess) => {
      const answer = await callSandbox(running, 'GET', '/events/mixed/export', { key: 'query' });
      return answer
        .json<{ results: Record<string, unknown>[] }>()
        .results.map(({ timestamp, ...e }) => (e['id'] === 'o1' ? { ...e } : { ...e, timestamp }));
    };
    let running = await startSandboxProcess(['--s3-endpoint', s3.url, '--data-dir', dataDir]);
    try {
      expect(await importObject('mixed.ndjson', text, 'mixed', running)).toMatchObject({
        status: 'Complete',
        importedEvents: 6,
        duplicateEvents: 2,
        eventErrors: [
          { index: 6, error: 'Property names starting with tp_ are reserved and cannot be set.' },
          { index: 9, error: 'The JSON specified was not valid.' },
        ],
      });
      expect(await exported(running)).toEqual(expected);
      // The lines in their stored form are in the log as they came, spaces and all: no object was made of them.
      const log = readFileSync(join(dataDir, 'events.log'), 'utf8');
      expect(log).toContain('{"id": "s2", "timestamp": "2026-11-27T12:00:01.000Z", "tags": ["a"]}');
      expect(log).toContain('{"id": "s6", "timestamp": "2026-11-27T12:00:04.000Z", "deep": {"a": {"b": 1}}}');
      await running.stop();
      running = await startSandboxProcess(['--s3-endpoint', s3.url, '--data-dir', dataDir]);
      expect(await exported(running)).toEqual(expected);
      // The ids came back with them: importing the object again stores nothing.
      expect(await importObject('mixed.ndjson', text, 'mixed', running)).toMatchObject({
        importedEvents: 0,
        duplicateEvents: 8,
      });
    } finally {
      await running.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('fails the job with the S3 status when the object is missing or the signature is refused', async () => {
    const missing = await startImport({
      collection: 'c',
      s3Path: `s3://${s3.bucket}/none`,
      s3AccessKeyId: s3.accessKeyId,
      s3SecretAccessKey: s3.secretAccessKey,
    });
    expect(await finished(missing.json<{ id: string }>().id)).toMatchObject({
      status: 'Failed',
      error: `Could not read s3://${s3.bucket}/none: the S3 endpoint answered 404 (NoSuchKey).`,
    });
    await put('k', '{}');
    const refused = await startImport({
      collection: 'c',
      s3Path: `s3://${s3.bucket}/k`,
      s3AccessKeyId: s3.accessKeyId,
      s3SecretAccessKey: 'wrong-secret',
    });
    const failed = await finished(refused.json<{ id: string }>().id);
    expect(failed).toMatchObject({
      status: 'Failed',
      importedEvents: 0,
      error: expect.stringContaining('403 (SignatureDoesNotMatch)'),
    });
    expect(failed.error).not.toContain('wrong-secret');
  });

  it('checks the request: JSON, fields, collection name, key role; unknown ids are 404', async () => {
    expect((await callSandbox(sandbox, 'POST', '/event-import', { bodyText: '{' })).status).toBe(400);
    const fields = await startImport({ collection: 'c', s3Path: 'http://x' });
    expect(fields.status).toBe(422);
    expect(fields.json<{ errors: { field: string }[] }>().errors.map((e) => e.field)).toEqual([
      's3Path',
      's3AccessKeyId',
      's3SecretAccessKey',
    ]);
    const badName = await startImport({
      collection: '$c',
      s3Path: 's3://b/k',
      s3AccessKeyId: 'a',
      s3SecretAccessKey: 's',
    });
    expect(badName.json()).toEqual({ errorMessage: "Collection name '$c' is not valid." });
    expect(
      (await startImport({ collection: 'c', s3Path: 's3://b/k', s3AccessKeyId: 'a', s3SecretAccessKey: 's' }, 'query'))
        .status,
    ).toBe(403);
    const unknown = await callSandbox(sandbox, 'GET', '/event-import/nope');
    expect(unknown.status).toBe(404);
    expect(unknown.json()).toHaveProperty('errorMessage');
  });
});
