// Bulk imports from the app: the renderer names a profile and gives the batch text; main resolves the
// target, the bulk import section and the S3 secret, runs the import with progress events, keeps the list
// of uploaded objects per run (so only those can be deleted), and answers with a report free of secrets.
import type { BulkProgressEvent, BulkReport } from '../../contract/channels';
import type { HistoryStore } from '../history/history-store';
import { startRecording } from '../history/run-recording';
import type { ProfileService } from '../profiles';
import { CallFailure, type HandlerInput } from '../../contract/handlers';
import { readBatch } from './batch-source';
import { runBulkImport, type BulkS3Settings } from './bulk-import';
import { importRequests } from './run-requests';
import type { UploadedObject } from './s3-upload';
import { deleteUploadedObjects, type DeleteReport } from './uploaded-objects';
import { createRunControllers } from '../run-controllers';

export interface BulkServiceOptions {
  readonly profiles: ProfileService;
  readonly emitProgress: (progress: BulkProgressEvent) => void;
  readonly onRunEnd?: (report: BulkReport) => void;
  /** Where every bulk import is recorded as a run, like a send; a history that cannot be written is said on `onHistoryProblem`. */
  readonly history?: HistoryStore;
  readonly onHistoryProblem?: (message: string) => void;
  readonly fetch?: typeof fetch;
  readonly pollIntervalMs?: number;
  readonly now?: () => Date;
}

export interface BulkService {
  start(input: HandlerInput<'bulk:start'>): Promise<BulkReport>;
  cancel(runId: string): boolean;
  deleteUploads(runId: string): Promise<DeleteReport>;
  cancelAll(): void;
}

export function createBulkService(options: BulkServiceOptions): BulkService {
  const now = options.now ?? (() => new Date());
  const running = createRunControllers('A bulk import');
  // The S3 settings are kept with the objects: deleting needs them, and the renderer never sees the secret.
  const uploaded = new Map<string, { s3: BulkS3Settings; objects: UploadedObject[] }>();

  return {
    async start(input) {
      const controller = running.begin(input.runId);
      try {
        const target = await options.profiles.resolve(input.profileId, { confirmed: input.confirmed });
        const s3 = await options.profiles.resolveBulkImport(input.profileId);
        const read = readBatch(input.batchText, 'The batch');
        if (!read.ok) throw new CallFailure('invalid', `The batch cannot be imported: ${read.message}`);
        const startedAt = now().toISOString();
        const recording = options.history
          ? await startRecording(
              options.history,
              {
                id: input.runId,
                startedAt,
                target: { name: target.profileName, url: target.url, projectId: target.projectId },
                source: 'Bulk import',
                batchText: input.batchText,
                collections: Object.entries(read.source.batch).map(([name, events]) => ({
                  name,
                  events: events.length,
                })),
              },
              options.onHistoryProblem ?? (() => undefined),
            )
          : undefined;
        const result = await runBulkImport({
          batch: read.source.batch,
          target: { url: target.url, projectId: target.projectId, apiKey: target.apiKey },
          s3: { ...s3, ...(s3.endpoint !== undefined ? { endpoint: s3.endpoint } : {}) },
          signal: controller.signal,
          onProgress: (progress) => options.emitProgress({ ...progress, runId: input.runId }),
          ...(options.fetch ? { fetch: options.fetch } : {}),
          ...(options.pollIntervalMs !== undefined ? { pollIntervalMs: options.pollIntervalMs } : {}),
        });
        if (result.uploads.length > 0) uploaded.set(input.runId, { s3, objects: result.uploads });
        await recording?.finish({
          finishedAt: now().toISOString(),
          cancelled: result.cancelled,
          outcomes: result.outcomes,
          requests: importRequests(result),
        });
        const report: BulkReport = {
          runId: input.runId,
          profileName: target.profileName,
          startedAt,
          finishedAt: now().toISOString(),
          cancelled: result.cancelled,
          ...(result.error !== undefined ? { error: result.error } : {}),
          imports: result.imports,
          uploads: result.uploads.map((u) => ({ s3Path: u.s3Path, bytes: u.bytes })),
          outcomes: result.outcomes,
        };
        options.onRunEnd?.(report);
        return report;
      } finally {
        running.end(input.runId);
      }
    },
    cancel(runId) {
      return running.cancel(runId);
    },
    async deleteUploads(runId) {
      const entry = uploaded.get(runId);
      if (!entry)
        throw new CallFailure(
          'not-found',
          'This run left no uploaded objects to delete (or they were deleted already).',
        );
      const report = await deleteUploadedObjects(entry.s3, entry.objects);
      const left = entry.objects.filter((o) => !report.deleted.includes(o.s3Path));
      if (left.length > 0) uploaded.set(runId, { ...entry, objects: left });
      else uploaded.delete(runId);
      return report;
    },
    cancelAll() {
      running.cancelAll();
    },
  };
}
