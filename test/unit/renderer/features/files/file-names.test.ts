// Saving a tab names the file after it, with a .json ending and nothing a file system refuses.
import { describe, expect, it } from 'vitest';
import { batchFileName, looksLikeImport } from '../../../../../renderer/features/files/file-names';

describe('file names', () => {
  it('adds .json once and replaces characters file systems refuse', () => {
    expect(batchFileName('Untitled 1')).toBe('Untitled 1.json');
    expect(batchFileName('orders.json')).toBe('orders.json');
    expect(batchFileName('To fix: a/b')).toBe('To fix- a-b.json');
    expect(batchFileName('tab\u0007')).toBe('tab.json');
    expect(batchFileName('  ')).toBe('batch.json');
  });
  it('tells event files to import from batches by their ending', () => {
    expect(looksLikeImport('export.ndjson')).toBe(true);
    expect(looksLikeImport('rows.CSV')).toBe(true);
    expect(looksLikeImport('batch.json')).toBe(false);
  });
});
