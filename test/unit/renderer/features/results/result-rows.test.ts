// Filtering, sorting and TSV of the results grid, on plain arrays.
import { describe, expect, it } from 'vitest';
import type { EventOutcome } from '../../../../../core/send/outcome';
import {
  filterResults,
  NO_FILTER,
  resultKey,
  resultsToTsv,
  sortResults,
} from '../../../../../renderer/features/results/result-rows';

const rows: EventOutcome[] = [
  { collection: 'purchases', index: 0, id: 'p-1', outcome: 'accepted', request: 1 },
  {
    collection: 'purchases',
    index: 1,
    id: 'p-2',
    outcome: 'rejected',
    message: 'Property names cannot contain a period (.).',
    request: 1,
  },
  {
    collection: 'views',
    index: 0,
    id: 7,
    outcome: 'duplicate',
    message: 'An event with the same id has already been inserted.',
    request: 2,
  },
  { collection: 'views', index: 1, outcome: 'not-sent', message: 'cancelled' },
];

describe('filterResults', () => {
  it('returns the very same array when nothing filters', () => {
    expect(filterResults(rows, NO_FILTER)).toBe(rows);
  });
  it('filters by outcome, collection and a case-insensitive search of id or message', () => {
    expect(
      filterResults(rows, { ...NO_FILTER, outcomes: new Set(['rejected', 'duplicate']) }).map((r) => r.id),
    ).toEqual(['p-2', 7]);
    expect(filterResults(rows, { ...NO_FILTER, collections: new Set(['views']) }).map((r) => r.index)).toEqual([0, 1]);
    expect(filterResults(rows, { ...NO_FILTER, search: 'PERIOD' }).map((r) => r.id)).toEqual(['p-2']);
    expect(filterResults(rows, { ...NO_FILTER, search: '7' }).map((r) => r.id)).toEqual([7]);
    expect(
      filterResults(rows, { outcomes: new Set(['accepted']), collections: new Set(['views']), search: '' }),
    ).toEqual([]);
  });
});

describe('sortResults', () => {
  it('keeps batch order without a sort', () => {
    expect(sortResults(rows, undefined)).toBe(rows);
  });
  it('sorts by a column both ways, ties in batch order, missing request last ascending', () => {
    expect(sortResults(rows, { column: 'outcome', descending: false }).map((r) => r.outcome)).toEqual([
      'accepted',
      'duplicate',
      'not-sent',
      'rejected',
    ]);
    expect(sortResults(rows, { column: 'collection', descending: true }).map(resultKey)).toEqual([
      'views\u00000',
      'views\u00001',
      'purchases\u00000',
      'purchases\u00001',
    ]);
    expect(sortResults(rows, { column: 'request', descending: false }).map((r) => r.request)).toEqual([
      1,
      1,
      2,
      undefined,
    ]);
  });
  it('sorts 100,000 rows by message without losing any', () => {
    const many: EventOutcome[] = Array.from({ length: 100_000 }, (_, i) => ({
      collection: 'c',
      index: i,
      outcome: 'rejected',
      message: `m${(i * 7919) % 100_000}`,
    }));
    const sorted = sortResults(many, { column: 'message', descending: false });
    expect(sorted).toHaveLength(100_000);
    expect(sorted.every((r, i) => i === 0 || (sorted[i - 1]?.message ?? '') <= (r.message ?? ''))).toBe(true);
  });
});

describe('resultsToTsv', () => {
  it('writes a header and one line per row, with tabs and newlines in values flattened', () => {
    const tsv = resultsToTsv([
      { collection: 'c', index: 3, id: 'a\tb', outcome: 'rejected', message: 'two\nlines', request: 1 },
    ]);
    expect(tsv).toBe('collection\tindex\tid\toutcome\tmessage\trequest\nc\t3\ta b\trejected\ttwo lines\t1\n');
  });
});
