// Bulk import (spec §7): `POST /event-import` starts a job that reads an NDJSON object from the configured
// S3-compatible endpoint and stores its lines as events; `GET /event-import/:id` reports its progress.
import { randomUUID } from 'node:crypto';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { isJsonObject, tryParseJson } from '../../core/json/value';
import { createLineIntake } from './import-lines';
import { collectionNameInvalid, errorBody, isValidCollectionName } from './api-messages';
import type { EventStore } from './event-store';
import type { Reply } from './push';
import type { SandboxSchemas } from './schema-enforcement';
import { createS3Client, s3ErrorCode } from '../services/bulk-import/s3-client';

type ImportStatus = 'Pending' | 'Running' | 'Complete' | 'Failed';

/** What `GET /event-import/:id` answers about a job (spec §7). */
export interface ImportJob {
  collection: string;
  status: ImportStatus;
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

interface ImportRequest {
  readonly collection: string;
  readonly bucket: string;
  readonly key: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

export interface ImportOptions {
  readonly store: EventStore;
  /** Base URL of the S3-compatible server (path-style requests); imports fail with a clear error without it. */
  readonly s3Endpoint?: string;
  readonly s3Region: string;
  /** The collection schemas enforced at the moment (`--schemas`), read per import: the app's switch may change. */
  readonly schemas?: () => SandboxSchemas | undefined;
}

export interface ImportJobs {
  /** Handles `POST /event-import`: 201 and a running job, or 400/422. */
  create(body: string): { reply: Reply; location?: string };
  /** Handles `GET /event-import/:id`. */
  status(id: string): Reply;
  /** Stops every job and forgets them (sandbox reset). */
  clear(): Promise<void>;
  /** Stops every job and waits for them to settle. */
  close(): Promise<void>;
}

const S3_PATH = /^s3:\/\/([^/]+)\/(.+)$/;

const fieldErrors = (errors: { field: string; description: string }[]): Reply => ({
  status: 422,
  body: JSON.stringify({ errors }),
});

function parseImportRequest(text: string): ImportRequest | Reply {
  const parsed = tryParseJson(text);
  if (!parsed.ok) return { status: 400, body: errorBody('The import request is not valid JSON.') };
  const body = parsed.value;
  if (!isJsonObject(body)) return { status: 400, body: errorBody('The import request must be a JSON object.') };
  const { collection, s3Path, s3AccessKeyId, s3SecretAccessKey } = body;
  const errors: { field: string; description: string }[] = [];
  if (typeof collection !== 'string') errors.push({ field: 'collection', description: 'The collection is required.' });
  const path = typeof s3Path === 'string' ? S3_PATH.exec(s3Path) : null;
  if (!path) errors.push({ field: 's3Path', description: 'The s3Path must look like s3://bucket/key.' });
  if (typeof s3AccessKeyId !== 'string' || s3AccessKeyId === '') {
    errors.push({ field: 's3AccessKeyId', description: 'The s3AccessKeyId is required.' });
  }
  if (typeof s3SecretAccessKey !== 'string' || s3SecretAccessKey === '') {
    errors.push({ field: 's3SecretAccessKey', description: 'The s3SecretAccessKey is required.' });
  }
  if (errors.length > 0 || !path || typeof collection !== 'string') return fieldErrors(errors);
  if (!isValidCollectionName(collection)) return { status: 400, body: errorBody(collectionNameInvalid(collection)) };
  return {
    collection,
    bucket: path[1] as string,
    key: path[2] as string,
    accessKeyId: s3AccessKeyId as string,
    secretAccessKey: s3SecretAccessKey as string,
  };
}

export function createImportJobs(options: ImportOptions): ImportJobs {
  const jobs = new Map<string, ImportJob>();
  const running = new Set<{ controller: AbortController; done: Promise<void> }>();

  const run = async (job: ImportJob, request: ImportRequest, signal: AbortSignal): Promise<void> => {
    const fail = (error: string) => {
      job.status = 'Failed';
      job.error = error;
      job.finished = new Date().toISOString();
    };
    if (options.s3Endpoint === undefined) {
      return fail('This sandbox has no S3-compatible endpoint configured (start it with --s3-endpoint URL).');
    }
    const where = `s3://${request.bucket}/${request.key}`;
    job.status = 'Running';
    job.started = new Date().toISOString();
    const startedAt = performance.now();
    const client = createS3Client({
      region: options.s3Region,
      endpoint: options.s3Endpoint,
      accessKeyId: request.accessKeyId,
      secretAccessKey: request.secretAccessKey,
    });
    let body: AsyncIterable<Uint8Array>;
    let totalBytes: number;
    try {
      const object = await client.send(new GetObjectCommand({ Bucket: request.bucket, Key: request.key }), {
        abortSignal: signal,
      });
      if (!object.Body) throw new Error('the object has no body');
      // In Node the SDK's body is a Readable: read in chunks, never as one string (1,000,000 lines).
      body = object.Body as AsyncIterable<Uint8Array>;
      totalBytes = object.ContentLength ?? 0;
    } catch (error) {
      client.destroy();
      const { name, status } = s3ErrorCode(error);
      if (status === undefined) return fail(`Could not reach the S3 endpoint for ${where} (${name}).`);
      return fail(`Could not read ${where}: the S3 endpoint answered ${status} (${name}).`);
    }
    let readBytes = 0;
    const lines = createLineIntake(options, request.collection, job);
    try {
      for await (const value of body) {
        signal.throwIfAborted();
        readBytes += value.byteLength;
        await lines.take(Buffer.from(value.buffer, value.byteOffset, value.byteLength), new Date().toISOString());
        if (totalBytes > 0) job.percentComplete = Math.min(99, Math.floor((readBytes / totalBytes) * 100));
        job.insertRate = Math.round(job.importedEvents / Math.max((performance.now() - startedAt) / 1000, 0.001));
      }
      await lines.end(new Date().toISOString());
    } catch (error) {
      await lines.flush().catch(() => undefined);
      return fail(`Reading ${where} stopped: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      client.destroy();
    }
    job.status = 'Complete';
    job.percentComplete = 100;
    job.insertRate = Math.round(job.importedEvents / Math.max((performance.now() - startedAt) / 1000, 0.001));
    job.finished = new Date().toISOString();
  };

  const stopAll = async () => {
    const all = [...running];
    for (const task of all) task.controller.abort();
    await Promise.all(all.map((task) => task.done));
  };

  return {
    create(body) {
      const request = parseImportRequest(body);
      if ('status' in request) return { reply: request };
      const id = randomUUID();
      const job: ImportJob = {
        collection: request.collection,
        status: 'Pending',
        created: new Date().toISOString(),
        started: null,
        finished: null,
        importedEvents: 0,
        duplicateEvents: 0,
        percentComplete: 0,
        insertRate: 0,
        error: null,
        eventErrors: [],
      };
      jobs.set(id, job);
      const controller = new AbortController();
      const task = { controller, done: Promise.resolve() };
      // Started on the next turn, so the 201 reports the job as Pending, as the API does.
      task.done = new Promise<void>((resolve) => setImmediate(resolve))
        .then(() => run(job, request, controller.signal))
        .catch((error: unknown) => {
          job.status = 'Failed';
          job.error = error instanceof Error ? error.message : String(error);
        })
        .finally(() => running.delete(task));
      running.add(task);
      return { reply: { status: 201, body: JSON.stringify({ id }) }, location: `/event-import/${id}` };
    },
    status(id) {
      const job = jobs.get(id);
      if (!job) return { status: 404, body: errorBody(`There is no import with id '${id}'.`) };
      return { status: 200, body: JSON.stringify(job) };
    },
    async clear() {
      await stopAll();
      jobs.clear();
    },
    close: stopAll,
  };
}
