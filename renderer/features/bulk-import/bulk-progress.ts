// How a bulk import's progress reads and fills the bar: which collection, which step, the API's own counts.
import type { BulkProgressEvent } from '../../../electron/contract/channels';

/** The words under the progress bar: which collection, which step, and the API's own counts. */
export function bulkProgressText(p: BulkProgressEvent): string {
  const where = `${p.collection} (${p.collectionIndex + 1}/${p.collections})`;
  const n = (x: number) => x.toLocaleString('en-US');
  if (p.phase === 'writing') return `Writing ${where}…`;
  if (p.phase === 'uploading')
    return `Uploading ${where}: ${(p.uploadedBytes / 1048576).toFixed(1)} of ${(p.totalBytes / 1048576).toFixed(1)} MB`;
  return `Importing ${where}: ${Math.round(p.percent)}% · ${n(p.imported)} imported · ${n(p.duplicates)} duplicates · ${n(p.rate)}/s`;
}

/** 0–100 for the bar: uploading counts for the first half of a collection, importing for the second. */
export function bulkProgressPercent(p: BulkProgressEvent): number {
  const within =
    p.phase === 'writing'
      ? 0
      : p.phase === 'uploading'
        ? (p.uploadedBytes / Math.max(p.totalBytes, 1)) * 50
        : 50 + p.percent / 2;
  return Math.min(100, Math.round(((p.collectionIndex + within / 100) / Math.max(p.collections, 1)) * 100));
}
