// Results of the last send: summary, filters, search, export, and the grid.
import { useDeferredValue, useMemo, useState, type ReactNode } from 'react';
import type { EventOutcome, Outcome } from '../../../core/send/outcome';
import { summarizeOutcomes } from '../../../core/send/summary';
import { resultsToCsv } from '../../../core/formats/results-csv';
import { resultsToJson } from '../../../core/formats/results-json';
import type { ExpectationIndex } from '../qa/expectation-column';
import { downloadText } from './download';
import { filterResults, sortResults, type ResultFilter, type ResultSort } from './result-rows';
import { ResultsGrid } from './ResultsGrid';
import { ResultsSummary } from './ResultsSummary';
import { toggled } from '../../ui/toggled';

interface Props {
  readonly outcomes: readonly EventOutcome[];
  /** What exported files are named after (source, target, time). */
  readonly fileStem: string;
  readonly onOpen: (row: EventOutcome) => void;
  readonly expectations?: ExpectationIndex;
  /** Tools shown at the right of the panel's header (the QA toolbar). */
  readonly headerTools?: ReactNode;
  /** When and where these results were sent ("Sent 14:03:12 to Local sandbox (…)"). */
  readonly label?: string;
}

export function ResultsPanel({ outcomes, fileStem, onOpen, expectations, headerTools, label }: Props) {
  const [shownOutcomes, setShownOutcomes] = useState<ReadonlySet<Outcome>>(new Set());
  const [collection, setCollection] = useState('');
  const [search, setSearch] = useState('');
  const [sort, setSort] = useState<ResultSort | undefined>(undefined);
  const [exportScope, setExportScope] = useState<'all' | 'filtered'>('all');
  // Typing in the search box stays responsive while 100,000 rows are filtered behind it.
  const deferredSearch = useDeferredValue(search);

  const summary = useMemo(() => summarizeOutcomes(outcomes), [outcomes]);
  const filter: ResultFilter = useMemo(
    () => ({
      outcomes: shownOutcomes,
      collections: collection ? new Set([collection]) : new Set<string>(),
      search: deferredSearch,
    }),
    [shownOutcomes, collection, deferredSearch],
  );
  const filtered = useMemo(() => filterResults(outcomes, filter), [outcomes, filter]);
  const rows = useMemo(() => sortResults(filtered, sort), [filtered, sort]);

  const toggleOutcome = (o: Outcome) => setShownOutcomes((prev) => toggled(prev, o));

  const exportAs = (format: 'csv' | 'json', which: 'all' | 'filtered') => {
    const chosen = which === 'all' ? outcomes : rows;
    const name = `${fileStem}${which === 'filtered' ? '_filtered' : ''}.${format}`;
    if (format === 'csv') downloadText(name, resultsToCsv(chosen), 'text/csv');
    else downloadText(name, resultsToJson(chosen), 'application/json');
  };

  return (
    <section className="results-panel" aria-labelledby="results-heading">
      <header className="panel-header">
        <h2 id="results-heading">Results</h2>
        {label ? <span className="results-label muted">{label}</span> : null}
        {outcomes.length > 0 ? (
          <span className="muted">
            {rows.length === outcomes.length
              ? `${outcomes.length.toLocaleString('en-US')} events`
              : `${rows.length.toLocaleString('en-US')} of ${outcomes.length.toLocaleString('en-US')} events`}
          </span>
        ) : null}
        <span className="tools-spacer" />
        {headerTools}
      </header>
      {outcomes.length === 0 ? (
        <p className="empty-note">Send the batch (Ctrl+Enter) to see one result per event here.</p>
      ) : (
        <>
          <ResultsSummary summary={summary} shown={shownOutcomes} onToggle={toggleOutcome} />
          <div className="results-tools" role="toolbar" aria-label="Filter and export results">
            <label className="field">
              <span>Collection</span>
              <select value={collection} onChange={(e) => setCollection(e.target.value)}>
                <option value="">All collections</option>
                {summary.collections.map((c) => (
                  <option key={c.name} value={c.name}>
                    {c.name}
                  </option>
                ))}
              </select>
            </label>
            <label className="field search-field">
              <span>Search</span>
              <input
                type="search"
                value={search}
                placeholder="id or message"
                onChange={(e) => setSearch(e.target.value)}
              />
            </label>
            <span className="tools-spacer" />
            <label className="field">
              <span>Export</span>
              <select
                value={exportScope}
                onChange={(e) => setExportScope(e.target.value === 'filtered' ? 'filtered' : 'all')}
              >
                <option value="all">All results</option>
                <option value="filtered">Shown results</option>
              </select>
            </label>
            <button type="button" className="button small" onClick={() => exportAs('csv', exportScope)}>
              CSV
            </button>
            <button type="button" className="button small" onClick={() => exportAs('json', exportScope)}>
              JSON
            </button>
          </div>
          <ResultsGrid
            rows={rows}
            sort={sort}
            onSort={setSort}
            onOpen={onOpen}
            {...(expectations ? { expectations } : {})}
          />
        </>
      )}
    </section>
  );
}
