// The results grid: one row per event, virtualised so the DOM holds a constant number of rows whether
// there are 50 results or 100,000; ARIA grid semantics, keyboard navigation, multi-select and copy.
import { useCallback, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import {
  createColumnHelper,
  flexRender,
  getCoreRowModel,
  useReactTable,
  type SortingState,
} from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { EventOutcome } from '../../../core/send/outcome';
import { ExpectationCell, type ExpectationIndex } from '../qa/expectation-column';
import { outcomeStyle } from './outcome-style';
import { resultKey, resultsToTsv, type ResultColumn, type ResultSort } from './result-rows';

export const ROW_HEIGHT = 24;

const column = createColumnHelper<EventOutcome>();

const columns = [
  column.accessor('collection', { header: 'Collection', size: 140 }),
  column.accessor('index', { header: 'Index', size: 70 }),
  column.accessor((r) => (r.id === undefined ? '' : String(r.id)), { id: 'id', header: 'Id', size: 250 }),
  column.accessor('outcome', {
    header: 'Outcome',
    size: 110,
    cell: (info) => {
      const style = outcomeStyle(info.getValue());
      return (
        <span className={`outcome ${style.className}`}>
          <span aria-hidden="true" className="outcome-icon">
            {style.icon}
          </span>
          {style.label}
        </span>
      );
    },
  }),
  column.accessor((r) => r.message ?? '', { id: 'message', header: 'Message', size: 240 }),
  column.accessor((r) => r.request ?? '', { id: 'request', header: 'Request', size: 80 }),
];

/** The QA column, present while a test case is checked. */
const expectationColumn = (index: ExpectationIndex) =>
  column.display({
    id: 'expectation',
    header: 'Expectation',
    size: 190,
    cell: (info) => <ExpectationCell check={index.get(resultKey(info.row.original))} />,
  });

const SORTABLE: ReadonlySet<string> = new Set<ResultColumn>([
  'collection',
  'index',
  'id',
  'outcome',
  'message',
  'request',
]);

interface Props {
  readonly rows: readonly EventOutcome[];
  /** Expected vs actual per event while a test case runs; no column otherwise. */
  readonly expectations?: ExpectationIndex;
  readonly sort: ResultSort | undefined;
  readonly onSort: (sort: ResultSort | undefined) => void;
  readonly onOpen: (row: EventOutcome) => void;
}

/** The narrowest each column may get (px) before the grid scrolls sideways. */
const COLUMN_FLOORS: Readonly<Record<string, number>> = {
  collection: 84,
  index: 48,
  id: 96,
  outcome: 100,
  request: 62,
};

export function ResultsGrid({ rows, sort, onSort, onOpen, expectations }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const [activeState, setActive] = useState(0);
  // A new, shorter result list must not leave the grid without a reachable row.
  const active = Math.max(0, Math.min(activeState, rows.length - 1));
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const anchor = useRef(0);

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? -1;

  // The table models only the rows on screen: a TanStack row carries dozens of closures, so building
  // one per result would cost seconds and hundreds of MB at 100,000 results. Filter and sort happen
  // before, on plain arrays (result-rows.ts).
  const windowRows = useMemo(() => rows.slice(first, last + 1) as EventOutcome[], [rows, first, last]);
  const sorting: SortingState = useMemo(() => (sort ? [{ id: sort.column, desc: sort.descending }] : []), [sort]);
  const shownColumns = useMemo(
    () => (expectations ? [...columns, expectationColumn(expectations)] : columns),
    [expectations],
  );
  const table = useReactTable({
    data: windowRows,
    columns: shownColumns,
    state: { sorting },
    manualSorting: true,
    manualFiltering: true,
    enableMultiSort: false,
    getRowId: resultKey,
    getCoreRowModel: getCoreRowModel(),
  });

  const focusRow = useCallback(
    (index: number) => {
      const clamped = Math.max(0, Math.min(rows.length - 1, index));
      setActive(clamped);
      virtualizer.scrollToIndex(clamped, { align: 'auto' });
      // The row may only exist after the virtualiser renders it.
      requestAnimationFrame(() =>
        scroller.current?.querySelector<HTMLElement>(`[data-row-index="${clamped}"]`)?.focus(),
      );
    },
    [rows.length, virtualizer],
  );

  const selectOnly = (index: number) => {
    const row = rows[index];
    anchor.current = index;
    setSelected(row ? new Set([resultKey(row)]) : new Set());
  };

  const onRowClick = (index: number, e: MouseEvent) => {
    setActive(index);
    const row = rows[index];
    if (!row) return;
    if (e.shiftKey) {
      const [from, to] = [Math.min(anchor.current, index), Math.max(anchor.current, index)];
      setSelected(new Set(rows.slice(from, to + 1).map(resultKey)));
      return;
    }
    if (e.ctrlKey || e.metaKey) {
      anchor.current = index;
      setSelected((prev) => {
        const next = new Set(prev);
        const key = resultKey(row);
        if (next.has(key)) next.delete(key);
        else next.add(key);
        return next;
      });
      return;
    }
    selectOnly(index);
    onOpen(row);
  };

  const onKeyDown = (e: KeyboardEvent) => {
    const pageRows = Math.max(1, Math.floor((scroller.current?.clientHeight ?? ROW_HEIGHT * 10) / ROW_HEIGHT) - 1);
    const moves: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: pageRows, PageUp: -pageRows };
    const move = moves[e.key];
    if (move !== undefined) {
      e.preventDefault();
      const next = active + move;
      focusRow(next);
      if (e.shiftKey) {
        const [from, to] = [Math.min(anchor.current, next), Math.max(anchor.current, next)];
        setSelected(new Set(rows.slice(Math.max(0, from), to + 1).map(resultKey)));
      } else selectOnly(Math.max(0, Math.min(rows.length - 1, next)));
    } else if (e.key === 'Home' || e.key === 'End') {
      e.preventDefault();
      const next = e.key === 'Home' ? 0 : rows.length - 1;
      focusRow(next);
      selectOnly(next);
    } else if (e.key === 'Enter') {
      const row = rows[active];
      if (row) {
        e.preventDefault();
        onOpen(row);
      }
    } else if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'a') {
      e.preventDefault();
      setSelected(new Set(rows.map(resultKey)));
    }
  };

  const selectedRows = useCallback(() => {
    const chosen = rows.filter((r) => selected.has(resultKey(r)));
    if (chosen.length > 0) return chosen;
    const current = rows[active];
    return current ? [current] : [];
  }, [rows, selected, active]);

  // The native copy event carries the text without a clipboard permission prompt.
  const onCopy = (e: React.ClipboardEvent) => {
    const chosen = selectedRows();
    if (chosen.length === 0) return;
    e.preventDefault();
    e.clipboardData.setData('text/plain', resultsToTsv(chosen));
  };

  const headerCycle = (id: ResultColumn) => {
    if (!sort || sort.column !== id) onSort({ column: id, descending: false });
    else if (!sort.descending) onSort({ column: id, descending: true });
    else onSort(undefined);
  };

  const template = table
    .getVisibleLeafColumns()
    // Columns give up width down to their floor, so the last one (Expectation) stays in view at 1024 px.
    .map((c) =>
      c.id === 'message'
        ? `minmax(120px, 1fr)`
        : `minmax(${Math.min(c.getSize(), COLUMN_FLOORS[c.id] ?? c.getSize())}px, ${c.getSize()}px)`,
    )
    .join(' ');
  const modelRows = table.getRowModel().rows;

  return (
    <div
      role="grid"
      aria-label="Results"
      aria-rowcount={rows.length + 1}
      aria-colcount={shownColumns.length}
      aria-multiselectable="true"
      className="results-grid"
      onKeyDown={onKeyDown}
      onCopy={onCopy}
    >
      <div role="rowgroup" className="grid-head">
        {table.getHeaderGroups().map((group) => (
          <div
            role="row"
            aria-rowindex={1}
            key={group.id}
            className="grid-row grid-header-row"
            style={{ gridTemplateColumns: template }}
          >
            {group.headers.map((header) => {
              const id = header.column.id as ResultColumn;
              const direction = sort?.column === id ? (sort.descending ? 'descending' : 'ascending') : 'none';
              if (!SORTABLE.has(id)) {
                return (
                  <div role="columnheader" key={header.id} className="grid-cell grid-header-cell plain-header">
                    {flexRender(header.column.columnDef.header, header.getContext())}
                  </div>
                );
              }
              return (
                <div role="columnheader" aria-sort={direction} key={header.id} className="grid-cell grid-header-cell">
                  <button
                    type="button"
                    className="sort-button"
                    onClick={() => headerCycle(id)}
                    title={`Sort by ${String(header.column.columnDef.header)}`}
                  >
                    {flexRender(header.column.columnDef.header, header.getContext())}
                    <span aria-hidden="true" className="sort-mark">
                      {direction === 'ascending' ? '▲' : direction === 'descending' ? '▼' : ''}
                    </span>
                  </button>
                </div>
              );
            })}
          </div>
        ))}
      </div>
      <div
        ref={scroller}
        className="grid-body"
        role="rowgroup"
        // When the active row is scrolled out of the DOM, the body takes the Tab stop and hands focus on.
        tabIndex={items.some((i) => i.index === active) ? -1 : 0}
        onFocus={(e) => {
          if (e.target === e.currentTarget && rows.length > 0) focusRow(active);
        }}
      >
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((item) => {
            const row = modelRows[item.index - first];
            if (!row) return null;
            const key = resultKey(row.original);
            const isSelected = selected.has(key);
            return (
              <div
                role="row"
                key={key}
                data-row-index={item.index}
                aria-rowindex={item.index + 2}
                aria-selected={isSelected}
                tabIndex={item.index === active ? 0 : -1}
                className={`grid-row ${outcomeStyle(row.original.outcome).className}-row${isSelected ? ' selected' : ''}`}
                style={{ gridTemplateColumns: template, transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
                onClick={(e) => onRowClick(item.index, e)}
                onFocus={() => setActive(item.index)}
              >
                {row.getVisibleCells().map((cell) => (
                  <div
                    role="gridcell"
                    key={cell.id}
                    className={`grid-cell cell-${cell.column.id}`}
                    // Long messages are cut with an ellipsis; the whole text stays one hover away.
                    title={cell.column.id === 'message' ? (row.original.message ?? undefined) : undefined}
                  >
                    {flexRender(cell.column.columnDef.cell, cell.getContext())}
                  </div>
                ))}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
