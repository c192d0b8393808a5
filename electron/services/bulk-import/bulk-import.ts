// Sends a batch through the API's bulk import (spec §7), one collection after the other: write the events
// as NDJSON, upload the file to S3, start `/event-import`, follow it until Complete or Failed, and turn the
// answer into one outcome per event (spec §9). Cancellable at every step; secrets never reach a message.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { S3Client } from '@aws-sdk/client-s3';
import { createS3Client } from './s3-client';
import { describeS3Error, isAbort } from './s3-errors';
import { writeNdjsonFile } from './ndjson-file';
import { uploadFile, s3PathOf, type UploadedObject } from './s3-upload';
import { readImportStatus, startImport, type ConnectTarget, type ImportStatus } from './import-api';
import { finishedOutcomes, sameOutcome, type BulkOutcome } from './import-outcomes';
import { secretMask, type Mask } from './secret-mask';

export interface BulkS3Settings {
  readonly bucket: string;
  /** Put before every object key (`imports/`); empty for the bucket's root. */
  readonly prefix?: string;
  readonly region: string;
  readonly endpoint?: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

export type BulkPhase = 'writing' | 'uploading' | 'importing' | 'done';

export interface BulkProgress {
  readonly collection: string;
  /** 0-based place of the collection among those imported, and how many there are. */
  readonly collectionIndex: number;
  readonly collections: number;
  readonly phase: BulkPhase;
  readonly uploadedBytes: number;
  readonly totalBytes: number;
  /** The import's own `percentComplete`, `importedEvents`, `duplicateEvents` and `insertRate`. */
  readonly percent: number;
  readonly imported: number;
  readonly duplicates: number;
  readonly rate: number;
}

/** One collection's import as the API reported it (`id` null and status 'NotStarted' when none was created). */
export interface ImportRecord {
  readonly collection: string;
  readonly id: string | null;
  readonly status: ImportStatus['status'] | 'NotStarted';
  readonly s3Path: string;
  readonly importedEvents: number;
  readonly duplicateEvents: number;
  readonly error?: string;
}

export interface BulkImportOptions {
  readonly batch: Readonly<Record<string, readonly unknown[]>>;
  readonly target: ConnectTarget;
  readonly s3: BulkS3Settings;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: BulkProgress) => void;
  readonly fetch?: typeof fetch;
  /** Where the NDJSON files are written (a private folder under it, removed afterwards). */
  readonly workDir?: string;
  /** Between two status reads; 1 s by default. */
  readonly pollIntervalMs?: number;
  readonly partBytes?: number;
  readonly parallelParts?: number;
  /** Attempts per S3 request (each part on its own): enough to ride out a short network outage. */
  readonly s3Attempts?: number;
  /** Names the objects: `<prefix><runName>/<n>-<collection>.ndjson`. */
  readonly runName?: string;
}

export interface BulkImportResult {
  readonly outcomes: BulkOutcome[];
  readonly imports: ImportRecord[];
  /** Objects now in the bucket (uploaded completely), to delete once they are no longer needed. */
  readonly uploads: UploadedObject[];
  readonly cancelled: boolean;
  /** What stopped the run early (an S3 or API error, or the cancel), already masked. */
  readonly error?: string;
}

const STATUS_READ_FAILURES = 10;

/** `2026-12-01T21-58-00-123Z`: sortable, and valid in any S3 key. */
const defaultRunName = (): string => new Date().toISOString().replace(/[:.]/g, '-');
const keyPart = (collection: string): string => collection.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 100);

const wait = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });

interface Step {
  readonly outcomes: BulkOutcome[];
  readonly record: ImportRecord;
  readonly upload?: UploadedObject;
  /** Set when the run must stop here (cancel, or an error every later collection would meet too). */
  readonly stop?: string;
}

interface Context {
  readonly options: BulkImportOptions;
  readonly client: S3Client;
  readonly mask: Mask;
  readonly folder: string;
  readonly runName: string;
  readonly collections: number;
}

async function importOne(ctx: Context, collection: string, events: readonly unknown[], n: number): Promise<Step> {
  const { options, mask } = ctx;
  const { s3, signal } = options;
  const key = `${s3.prefix ?? ''}${ctx.runName}/${n + 1}-${keyPart(collection)}.ndjson`;
  const s3Path = s3PathOf(s3.bucket, key);
  const notStarted = (
    outcome: 'not-sent' | 'unknown',
    message: string,
    stop?: string,
    upload?: UploadedObject,
  ): Step => ({
    outcomes: sameOutcome(collection, events, outcome, mask(message)),
    record: {
      collection,
      id: null,
      status: 'NotStarted',
      s3Path,
      importedEvents: 0,
      duplicateEvents: 0,
      error: mask(message),
    },
    ...(upload ? { upload } : {}),
    ...(stop !== undefined ? { stop: mask(stop) } : {}),
  });
  let progress: BulkProgress = {
    collection,
    collectionIndex: n,
    collections: ctx.collections,
    phase: 'writing',
    uploadedBytes: 0,
    totalBytes: 0,
    percent: 0,
    imported: 0,
    duplicates: 0,
    rate: 0,
  };
  const report = (change: Partial<BulkProgress>) => {
    progress = { ...progress, ...change };
    options.onProgress?.(progress);
  };

  report({});
  const file = join(ctx.folder, `${n + 1}.ndjson`);
  let written;
  try {
    written = await writeNdjsonFile(file, events, signal);
  } catch (error) {
    if (signal?.aborted) return notStarted('not-sent', 'Cancelled before this collection was uploaded.', 'Cancelled.');
    throw error;
  }

  report({ phase: 'uploading', totalBytes: written.bytes });
  let upload: UploadedObject;
  try {
    upload = await uploadFile({
      client: ctx.client,
      bucket: s3.bucket,
      key,
      file,
      bytes: written.bytes,
      signal,
      partBytes: options.partBytes,
      parallelParts: options.parallelParts,
      onProgress: (uploadedBytes) => report({ uploadedBytes }),
    });
  } catch (error) {
    if (signal?.aborted || isAbort(error)) {
      const sent = `${progress.uploadedBytes.toLocaleString('en-US')} of ${written.bytes.toLocaleString('en-US')} bytes`;
      const why = `Cancelled while uploading ${s3Path} (${sent} sent; the partial upload is aborted, so no object is left for it).`;
      return notStarted('not-sent', why, why);
    }
    const why = describeS3Error(error, 'Uploading to', s3.bucket);
    return notStarted('not-sent', `Not imported: ${why}`, why);
  } finally {
    await rm(file, { force: true });
  }
  report({ uploadedBytes: written.bytes, phase: 'importing' });

  const fetchPort = options.fetch ?? fetch;
  const started = await startImport(
    fetchPort,
    options.target,
    { collection, s3Path, s3AccessKeyId: s3.accessKeyId, s3SecretAccessKey: s3.secretAccessKey },
    signal,
  );
  if (!started.ok) {
    if (started.stored === 'no')
      return notStarted('not-sent', `Not imported: ${started.message}.`, `${started.message}.`, upload);
    const why = `${started.message}: an import may have been created and may store these events; a resend is safe only for events with an id.`;
    return notStarted('unknown', why, why, upload);
  }
  const followed = await follow(ctx, started.id, report);
  const base = { collection, id: started.id, s3Path };
  if ('status' in followed && (followed.status.status === 'Complete' || followed.status.status === 'Failed')) {
    const status = followed.status;
    report({
      phase: 'done',
      percent: status.percentComplete,
      imported: status.importedEvents,
      duplicates: status.duplicateEvents,
      rate: status.insertRate,
    });
    return {
      outcomes: finishedOutcomes(collection, events, {
        ...status,
        error: status.error === null ? null : mask(status.error),
      }),
      record: {
        ...base,
        status: status.status,
        importedEvents: status.importedEvents,
        duplicateEvents: status.duplicateEvents,
        ...(status.error ? { error: mask(status.error) } : {}),
      },
      upload,
    };
  }
  const last = 'status' in followed ? followed.status : undefined;
  const why = signal?.aborted
    ? `Cancelled while import ${started.id} was running: the API goes on with it and may store these events; a resend is safe only for events with an id.`
    : `${followed.message ?? 'The import did not finish'}: it may still store these events; a resend is safe only for events with an id.`;
  return {
    outcomes: sameOutcome(collection, events, 'unknown', mask(why)),
    record: {
      ...base,
      status: last?.status ?? 'Pending',
      importedEvents: last?.importedEvents ?? 0,
      duplicateEvents: last?.duplicateEvents ?? 0,
      error: mask(why),
    },
    upload,
    stop: mask(why),
  };
}

/** Reads the status until it is final, the run is cancelled, or it cannot be read several times in a row. */
async function follow(
  ctx: Context,
  id: string,
  report: (change: Partial<BulkProgress>) => void,
): Promise<{ status: ImportStatus; message?: string } | { message: string }> {
  const { options } = ctx;
  const fetchPort = options.fetch ?? fetch;
  let last: ImportStatus | undefined;
  let failures = 0;
  for (;;) {
    if (options.signal?.aborted) return last ? { status: last, message: 'Cancelled' } : { message: 'Cancelled' };
    const answer = await readImportStatus(fetchPort, options.target, id, options.signal);
    if (answer.ok) {
      failures = 0;
      last = answer.status;
      report({
        percent: last.percentComplete,
        imported: last.importedEvents,
        duplicates: last.duplicateEvents,
        rate: last.insertRate,
      });
      if (last.status === 'Complete' || last.status === 'Failed') return { status: last };
    } else if (!options.signal?.aborted && ++failures >= STATUS_READ_FAILURES) {
      const message = `The status of import ${id} could not be read (${answer.message})`;
      return last ? { status: last, message } : { message };
    }
    await wait(options.pollIntervalMs ?? 1000, options.signal);
  }
}

export async function runBulkImport(options: BulkImportOptions): Promise<BulkImportResult> {
  const mask = secretMask([options.s3.secretAccessKey, options.target.apiKey]);
  const client = createS3Client(
    {
      region: options.s3.region,
      endpoint: options.s3.endpoint,
      accessKeyId: options.s3.accessKeyId,
      secretAccessKey: options.s3.secretAccessKey,
    },
    options.s3Attempts ?? 10,
  );
  const folder = await mkdtemp(join(options.workDir ?? tmpdir(), 'batch-studio-bulk-'));
  const entries = Object.entries(options.batch).filter(([, events]) => events.length > 0);
  const ctx: Context = {
    options,
    client,
    mask,
    folder,
    runName: options.runName ?? defaultRunName(),
    collections: entries.length,
  };
  const outcomes: BulkOutcome[] = [];
  const imports: ImportRecord[] = [];
  const uploads: UploadedObject[] = [];
  let stopped: string | undefined;
  try {
    for (const [n, [collection, events]] of entries.entries()) {
      if (stopped !== undefined) {
        const why = options.signal?.aborted
          ? 'Cancelled before this collection was uploaded.'
          : `Not imported: the run stopped at an earlier collection (${stopped})`;
        for (const outcome of sameOutcome(collection, events, 'not-sent', why)) outcomes.push(outcome);
        continue;
      }
      const step = await importOne(ctx, collection, events, n);
      // One push per outcome: spreading 1,000,000 arguments overflows the stack.
      for (const outcome of step.outcomes) outcomes.push(outcome);
      imports.push(step.record);
      if (step.upload) uploads.push(step.upload);
      if (step.stop !== undefined) stopped = step.stop;
      else if (options.signal?.aborted) stopped = 'Cancelled.';
    }
  } finally {
    client.destroy();
    await rm(folder, { recursive: true, force: true });
  }
  return {
    outcomes,
    imports,
    uploads,
    cancelled: options.signal?.aborted ?? false,
    ...(stopped !== undefined ? { error: stopped } : {}),
  };
}
