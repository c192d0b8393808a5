// Which results the grid shows and in what order: filter by outcome and collection, search id or
// message, sort by one column (batch order when unsorted). Pure and memoisable; no copies of rows.
import type { EventOutcome, Outcome } from '../../../core/send/outcome';

export type ResultColumn = 'collection' | 'index' | 'id' | 'outcome' | 'message' | 'request';

export interface ResultSort {
  readonly column: ResultColumn;
  readonly descending: boolean;
}

export interface ResultFilter {
  /** Outcomes to show; empty shows all. */
  readonly outcomes: ReadonlySet<Outcome>;
  /** Collections to show; empty shows all. */
  readonly collections: ReadonlySet<string>;
  /** Case-insensitive substring of the id or the message. */
  readonly search: string;
}

export const NO_FILTER: ResultFilter = { outcomes: new Set(), collections: new Set(), search: '' };

/** A stable key for one event's result. */
export const resultKey = (r: EventOutcome): string => `${r.collection}\u0000${r.index}`;

export function filterResults(rows: readonly EventOutcome[], filter: ResultFilter): readonly EventOutcome[] {
  const needle = filter.search.trim().toLowerCase();
  if (filter.outcomes.size === 0 && filter.collections.size === 0 && needle === '') return rows;
  return rows.filter(
    (r) =>
      (filter.outcomes.size === 0 || filter.outcomes.has(r.outcome)) &&
      (filter.collections.size === 0 || filter.collections.has(r.collection)) &&
      (needle === '' ||
        String(r.id ?? '')
          .toLowerCase()
          .includes(needle) ||
        (r.message ?? '').toLowerCase().includes(needle)),
  );
}

type Key = string | number;

const sortKey = (r: EventOutcome, column: ResultColumn): Key => {
  switch (column) {
    case 'collection':
      return r.collection;
    case 'index':
      return r.index;
    case 'id':
      return r.id === undefined ? '' : String(r.id);
    case 'outcome':
      return r.outcome;
    case 'message':
      return r.message ?? '';
    case 'request':
      return r.request ?? Number.MAX_SAFE_INTEGER;
    default: {
      const never: never = column;
      return never;
    }
  }
};

/** Sorted copy (stable: ties keep batch order); the input when there is no sort. */
export function sortResults(rows: readonly EventOutcome[], sort: ResultSort | undefined): readonly EventOutcome[] {
  if (!sort) return rows;
  // Keys computed once per row: 100,000 rows sort in tens of milliseconds, not seconds.
  const keys = rows.map((r) => sortKey(r, sort.column));
  const order = rows.map((_, i) => i);
  const sign = sort.descending ? -1 : 1;
  order.sort((a, b) => {
    const ka = keys[a] as Key;
    const kb = keys[b] as Key;
    if (ka < kb) return -sign;
    if (ka > kb) return sign;
    return a - b;
  });
  return order.map((i) => rows[i] as EventOutcome);
}

const tsvCell = (value: string | number | undefined) => String(value ?? '').replace(/[\t\r\n]+/g, ' ');

/** Rows as tab-separated values with a header line, for pasting into a spreadsheet. */
export function resultsToTsv(rows: readonly EventOutcome[]): string {
  const lines = ['collection\tindex\tid\toutcome\tmessage\trequest'];
  for (const r of rows)
    lines.push([r.collection, r.index, r.id, r.outcome, r.message, r.request].map(tsvCell).join('\t'));
  return `${lines.join('\n')}\n`;
}
