// Above how many events the app suggests the bulk import instead of chunked requests (default 50,000).
// Configured in the renderer's local storage (`batch-studio:bulk-import-threshold`): a display preference,
// not a setting main needs.

export const DEFAULT_BULK_THRESHOLD = 50_000;
const STORAGE_KEY = 'batch-studio:bulk-import-threshold';

export function readBulkThreshold(storage: Pick<Storage, 'getItem'> | undefined = globalThis.localStorage): number {
  const text = storage?.getItem(STORAGE_KEY) ?? null;
  const value = text === null ? Number.NaN : Number(text);
  return Number.isInteger(value) && value > 0 ? value : DEFAULT_BULK_THRESHOLD;
}
