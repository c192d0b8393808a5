// File names for saving a tab: the tab's title with a .json ending, nothing a file system refuses.

export function batchFileName(title: string): string {
  const printable = [...title].filter((c) => c.charCodeAt(0) >= 0x20).join('');
  const base = printable.replace(/[\\/:*?"<>|]+/g, '-').trim() || 'batch';
  return /\.json$/i.test(base) ? base : `${base}.json`;
}

/** Files that hold events to import rather than a batch to open, judged by name. */
export const looksLikeImport = (name: string): boolean => /\.(csv|ndjson|jsonl|tsv)$/i.test(name);
