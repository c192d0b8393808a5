// The client side of bulk import (spec §7, §9) against a real sandbox process and a real S3-compatible
// server (s3rver) on loopback: counts, rejected lines mapped to their events, an upload that rides out a
// server restart, a cancel, and a wrong secret.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { runBulkImport, type BulkImportOptions } from '../../electron/services/bulk-import/bulk-import';
import { createS3Client } from '../../electron/services/bulk-import/s3-client';
import { deleteUploadedObjects } from '../../electron/services/bulk-import/uploaded-objects';
import { callSandbox, startSandboxProcess, type SandboxProcess } from '../harness/sandbox-process';
import { startS3Server, type S3Server } from '../harness/s3-server';

let s3: S3Server;
let sandbox: SandboxProcess;

beforeAll(async () => {
  s3 = await startS3Server();
  sandbox = await startSandboxProcess(['--s3-endpoint', s3.url]);
}, 60_000);
afterAll(async () => {
  await sandbox?.stop();
  await s3?.dispose();
});
beforeEach(async () => {
  await callSandbox(sandbox, 'POST', '/sandbox/reset', { key: 'master' });
});

const settings = (overrides: Partial<BulkImportOptions['s3']> = {}): BulkImportOptions['s3'] => ({
  bucket: s3.bucket,
  prefix: 'tests/',
  region: 'us-east-1',
  endpoint: s3.url,
  accessKeyId: s3.accessKeyId,
  secretAccessKey: s3.secretAccessKey,
  ...overrides,
});

const options = (batch: BulkImportOptions['batch'], more: Partial<BulkImportOptions> = {}): BulkImportOptions => ({
  batch,
  target: { url: sandbox.url, projectId: sandbox.projectId, apiKey: sandbox.keys.push },
  s3: settings(),
  pollIntervalMs: 50,
  ...more,
});

const padded = (prefix: string, count: number, pad = 0) =>
  Array.from({ length: count }, (_, i) => ({
    id: `${prefix}${i}`,
    n: i,
    ...(pad > 0 ? { text: 'x'.repeat(pad) } : {}),
  }));

const countsOf = (outcomes: { outcome: string }[]) =>
  outcomes.reduce<Record<string, number>>((c, o) => ({ ...c, [o.outcome]: (c[o.outcome] ?? 0) + 1 }), {});

async function objectKeys(): Promise<string[]> {
  const client = createS3Client({
    region: 'us-east-1',
    endpoint: s3.url,
    accessKeyId: s3.accessKeyId,
    secretAccessKey: s3.secretAccessKey,
  });
  const listed = await client.send(new ListObjectsV2Command({ Bucket: s3.bucket }));
  client.destroy();
  return (listed.Contents ?? []).map((o) => o.Key ?? '');
}

describe('bulk import client', () => {
  it('imports 200,000 events with the counts the API reports; ids already stored count as duplicates', async () => {
    await callSandbox(sandbox, 'POST', '/events', { body: { views: [{ id: 'v7' }, { id: 'v199999' }] } });
    const progress: string[] = [];
    const result = await runBulkImport(
      options({ views: padded('v', 200_000) }, { onProgress: (p) => progress.push(p.phase) }),
    );
    expect(result.error).toBeUndefined();
    expect(result.imports).toEqual([
      expect.objectContaining({
        collection: 'views',
        status: 'Complete',
        importedEvents: 199_998,
        duplicateEvents: 2,
        s3Path: expect.stringMatching(/^s3:\/\/batch-studio-imports\/tests\/.+\/1-views\.ndjson$/),
      }),
    ]);
    expect(result.outcomes).toHaveLength(200_000);
    expect(countsOf(result.outcomes)).toEqual({ imported: 200_000 });
    expect(result.outcomes[7]).toMatchObject({ collection: 'views', index: 7, id: 'v7', outcome: 'imported' });
    expect(progress).toEqual(expect.arrayContaining(['writing', 'uploading', 'importing', 'done']));
    expect(result.uploads.map((u) => u.s3Path)).toEqual([result.imports[0]?.s3Path]);
    // The run's objects can be removed afterwards.
    const deleted = await deleteUploadedObjects(settings(), result.uploads);
    expect(deleted).toEqual({ deleted: [result.imports[0]?.s3Path], failed: [] });
    expect(await objectKeys()).toEqual([]);
  }, 180_000);

  it('maps the lines the import rejects back to their collection, index and id; the others are imported', async () => {
    const clicks = [{ id: 'c0' }, { id: 'c1', tp_source: 'x' }, { id: 'c2' }, { id: 'c3', 'a.b': 1 }, { id: 'c4' }];
    const result = await runBulkImport(options({ signups: [{ id: 's0' }, { id: 's0' }], clicks }));
    expect(result.imports.map((i) => [i.collection, i.status, i.importedEvents, i.duplicateEvents])).toEqual([
      ['signups', 'Complete', 1, 1],
      ['clicks', 'Complete', 3, 0],
    ]);
    const rejected = result.outcomes.filter((o) => o.outcome === 'rejected');
    expect(rejected).toEqual([
      {
        collection: 'clicks',
        index: 1,
        id: 'c1',
        outcome: 'rejected',
        message: 'Property names starting with tp_ are reserved and cannot be set.',
        importLine: 1,
      },
      {
        collection: 'clicks',
        index: 3,
        id: 'c3',
        outcome: 'rejected',
        message: 'Property names cannot contain a period (.).',
        importLine: 3,
      },
    ]);
    expect(result.outcomes.filter((o) => o.outcome === 'imported').map((o) => `${o.collection}[${o.index}]`)).toEqual([
      'signups[0]',
      'signups[1]',
      'clicks[0]',
      'clicks[2]',
      'clicks[4]',
    ]);
    await deleteUploadedObjects(settings(), result.uploads);
  }, 60_000);

  it('rides out an S3 server restart in the middle of the upload: the parts already stored are not sent again', async () => {
    const events = padded('r', 60_000, 300); // about 20 MB: four 5 MiB parts
    let outage: Promise<void> | undefined;
    // When part 2 arrives, the server stops (that connection is cut) and starts again after an outage.
    s3.hooks.onRequest = (method, url) => {
      if (method === 'PUT' && url.includes('partNumber=2&') && !outage) {
        outage = s3
          .stop()
          .then(() => new Promise((r) => setTimeout(r, 1_000)))
          .then(() => s3.start());
      }
    };
    const result = await runBulkImport(
      options({ restarts: events }, { partBytes: 5 * 1024 * 1024, parallelParts: 1, s3Attempts: 12 }),
    );
    s3.hooks.onRequest = undefined;
    await outage;
    expect(outage).toBeDefined();
    expect(result.error).toBeUndefined();
    expect(result.imports[0]).toMatchObject({ status: 'Complete', importedEvents: 60_000 });
    const parts = s3.requests
      .filter((r) => r.startsWith('PUT ') && r.includes('restarts') && r.includes('partNumber='))
      .map((r) => /partNumber=(\d+)/.exec(r)?.[1]);
    // Part 1 went up once; part 2 was cut off and sent again once the server was back.
    expect(parts.filter((p) => p === '1')).toHaveLength(1);
    expect(parts.filter((p) => p === '2').length).toBeGreaterThanOrEqual(2);
    expect(new Set(parts)).toEqual(new Set(['1', '2', '3', '4']));
    await deleteUploadedObjects(settings(), result.uploads);
  }, 180_000);

  it('a cancel stops the run and says what was uploaded; the events never imported are not-sent', async () => {
    const controller = new AbortController();
    const result = await runBulkImport(
      options(
        { first: padded('f', 10), second: padded('s', 40_000, 300), third: padded('t', 10) },
        {
          partBytes: 5 * 1024 * 1024,
          parallelParts: 1,
          signal: controller.signal,
          onProgress: (p) => {
            if (p.collection === 'second' && p.phase === 'uploading' && p.uploadedBytes > 0) controller.abort();
          },
        },
      ),
    );
    expect(result.cancelled).toBe(true);
    expect(result.uploads.map((u) => u.s3Path)).toEqual([result.imports[0]?.s3Path]);
    expect(result.imports.map((i) => [i.collection, i.status])).toEqual([
      ['first', 'Complete'],
      ['second', 'NotStarted'],
    ]);
    expect(result.error).toMatch(
      /^Cancelled while uploading s3:\/\/batch-studio-imports\/tests\/.+\/2-second\.ndjson \([\d,]+ of [\d,]+ bytes sent; the partial upload is aborted/,
    );
    expect(countsOf(result.outcomes)).toEqual({ imported: 10, 'not-sent': 40_010 });
    expect(result.outcomes.find((o) => o.collection === 'third')?.message).toBe(
      'Cancelled before this collection was uploaded.',
    );
    await deleteUploadedObjects(settings(), result.uploads);
  }, 120_000);

  it('a cancel while the import runs leaves its events unknown (the API goes on with it)', async () => {
    const controller = new AbortController();
    let importing = 0;
    const result = await runBulkImport(
      options(
        { running: padded('u', 150_000) },
        {
          signal: controller.signal,
          pollIntervalMs: 20,
          onProgress: (p) => {
            // The first 'importing' report comes before the import starts; the next ones from its status.
            if (p.phase === 'importing' && ++importing === 2) controller.abort();
          },
        },
      ),
    );
    expect(result.cancelled).toBe(true);
    expect(result.imports[0]).toMatchObject({ collection: 'running', id: expect.any(String) });
    expect(countsOf(result.outcomes)).toEqual({ unknown: 150_000 });
    expect(result.outcomes[0]?.message).toMatch(
      /^Cancelled while import \S+ was running: the API goes on with it and may store these events; a resend is safe only for events with an id\.$/,
    );
    expect(result.uploads).toHaveLength(1);
    await deleteUploadedObjects(settings(), result.uploads);
  }, 120_000);

  it('a wrong secret gives a clear error naming the bucket, never the secret', async () => {
    const secret = 'wrong-secret-4b1d9e0c77';
    const result = await runBulkImport({
      ...options({ c: padded('w', 3) }),
      s3: settings({ secretAccessKey: secret }),
    });
    expect(result.error).toBe(
      "Uploading to bucket 'batch-studio-imports' failed (403 SignatureDoesNotMatch): the secret access key does not match the access key id; check the secret saved for this bucket.",
    );
    expect(countsOf(result.outcomes)).toEqual({ 'not-sent': 3 });
    expect(result.uploads).toEqual([]);
    expect(JSON.stringify(result)).not.toContain(secret);
  }, 60_000);
});
