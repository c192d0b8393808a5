import { describe, expect, it } from 'vitest';
import { bulkProgressPercent, bulkProgressText } from '../../../../../renderer/features/bulk-import/bulk-progress';
import type { BulkProgressEvent } from '../../../../../electron/contract/channels';

const at = (over: Partial<BulkProgressEvent>): BulkProgressEvent => ({
  runId: 'r',
  collection: 'views',
  collectionIndex: 0,
  collections: 2,
  phase: 'importing',
  uploadedBytes: 0,
  totalBytes: 0,
  percent: 0,
  imported: 0,
  duplicates: 0,
  rate: 0,
  ...over,
});

describe('bulk import progress', () => {
  it('reads as the step with the API counts', () => {
    expect(bulkProgressText(at({ percent: 45.4, imported: 12_000, duplicates: 3, rate: 50_000 }))).toBe(
      'Importing views (1/2): 45% · 12,000 imported · 3 duplicates · 50,000/s',
    );
    expect(bulkProgressText(at({ phase: 'uploading', uploadedBytes: 5 * 1048576, totalBytes: 20 * 1048576 }))).toBe(
      'Uploading views (1/2): 5.0 of 20.0 MB',
    );
  });

  it('fills the bar across collections: upload the first half of each, import the second', () => {
    expect(bulkProgressPercent(at({ phase: 'writing' }))).toBe(0);
    expect(bulkProgressPercent(at({ phase: 'uploading', uploadedBytes: 1, totalBytes: 2 }))).toBe(13);
    expect(bulkProgressPercent(at({ percent: 100, phase: 'done' }))).toBe(50);
    expect(bulkProgressPercent(at({ collectionIndex: 1, percent: 100, phase: 'done' }))).toBe(100);
  });
});
