// Bulk import (spec §7): `POST /event-import` starts a job that reads an NDJSON object from the configured
// S3-compatible endpoint and stores its lines as events; `GET /event-import/:id` reports its progress.
import { randomUUID } from 'node:crypto';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { isJsonObject, tryParseJson } from '../../core/json/value';
import { collectionNameInvalid, errorBody, isValidCollectionName } from './api-messages';
import { admitSerialized, type AdmissionContext } from './event-admission';
import type { EventStore, StoredEvent } from './event-store';
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

const NOT_JSON_LINE = 'The JSON specified was not valid.';
const PERSIST_EVERY = 5_000;
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
    const decoder = new TextDecoder();
    let readBytes = 0;
    let pending = '';
    let index = 0;
    let toPersist: string[] = [];
    let toPersistEvents: StoredEvent[] = [];

    const takeLine = (line: string, receivedAt: string) => {
      const lineIndex = index++;
      const text = line.endsWith('\r') ? line.slice(0, -1) : line;
      if (text.trim() === '') return;
      const parsed = tryParseJson(text);
      if (!parsed.ok) return void job.eventErrors.push({ index: lineIndex, error: NOT_JSON_LINE });
      // --fail-events is about pushes (spec §10); an import line is judged by the rules and duplicates only.
      const admission: AdmissionContext = {
        store: options.store,
        collection: request.collection,
        receivedAt,
        failEvent: () => false,
        schemas: options.schemas?.(),
      };
      const outcome = admitSerialized(admission, parsed.value);
      if (typeof outcome === 'string') {
        const event = parsed.value as StoredEvent;
        options.store.append(request.collection, [event]);
        toPersist.push(outcome);
        toPersistEvents.push(event);
        job.importedEvents++;
      } else if (outcome.kind === 'duplicate') job.duplicateEvents++;
      else job.eventErrors.push({ index: lineIndex, error: outcome.message });
    };
    const persist = async () => {
      if (toPersist.length === 0) return;
      const json = toPersist;
      const events = toPersistEvents;
      toPersist = [];
      toPersistEvents = [];
      try {
        await options.store.persist([{ collection: request.collection, json, events }]);
      } catch (error) {
        // The store took them out of memory again: they were not imported.
        job.importedEvents -= events.length;
        throw error;
      }
    };

    try {
      for await (const value of body) {
        signal.throwIfAborted();
        readBytes += value.byteLength;
        pending += decoder.decode(value, { stream: true });
        const receivedAt = new Date().toISOString();
        let newline = pending.indexOf('\n');
        let from = 0;
        while (newline >= 0) {
          takeLine(pending.slice(from, newline), receivedAt);
          from = newline + 1;
          newline = pending.indexOf('\n', from);
        }
        pending = pending.slice(from);
        if (toPersist.length >= PERSIST_EVERY) await persist();
        if (totalBytes > 0) job.percentComplete = Math.min(99, Math.floor((readBytes / totalBytes) * 100));
        job.insertRate = Math.round(job.importedEvents / Math.max((performance.now() - startedAt) / 1000, 0.001));
      }
      pending += decoder.decode();
      if (pending !== '') takeLine(pending, new Date().toISOString());
      await persist();
    } catch (error) {
      await persist().catch(() => undefined);
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
