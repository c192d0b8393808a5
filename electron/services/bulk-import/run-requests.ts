// How a bulk run is kept in history: its "requests" are its imports, each with its id, status and the
// S3 object it read (so the run says what was uploaded), never a credential.
import type { RequestSummary } from '../../../core/history/run';
import type { BulkImportResult } from './bulk-import';

export function importRequests(result: Pick<BulkImportResult, 'imports' | 'outcomes'>): RequestSummary[] {
  const perCollection = new Map<string, number>();
  for (const o of result.outcomes) perCollection.set(o.collection, (perCollection.get(o.collection) ?? 0) + 1);
  return result.imports.map((i, n) => ({
    request: n + 1,
    eventCount: perCollection.get(i.collection) ?? 0,
    attempts: 1,
    responseText: JSON.stringify({
      import: i.id,
      status: i.status,
      s3Path: i.s3Path,
      importedEvents: i.importedEvents,
      duplicateEvents: i.duplicateEvents,
    }),
    ...(i.error !== undefined ? { error: i.error } : {}),
  }));
}
