// The Stored events view of the local sandbox, in the spirit of Snowplow Micro's UI: its collections with
// counts, a filter and timeframe (the export query of spec §6), and the matching events as JSON.
import { useRef, useState } from 'react';
import { count, plural } from '../../../core/text/plural';
import type { Host } from '../../platform/host';
import { Dialog } from '../../ui/Dialog';
import { EMPTY_FORM, useStoredEvents, type StoredQueryForm } from './use-stored-events';
import './stored-events.css';

interface Props {
  readonly host: Host;
  readonly onClose: () => void;
}

// The export query's timeframe (spec §6): from inclusive, to exclusive.
const TIMEFRAME = [
  { field: 'start', label: 'From (inclusive)', placeholder: '2024-01-01T00:00:00Z' },
  { field: 'end', label: 'To (exclusive)', placeholder: '2024-02-01T00:00:00Z' },
] as const;

/** What the list shows, said in words (the count is capped where the export's limit is). */
function summaryOf(shown: number, matched: number): string {
  if (matched > 10_000)
    return `More than 10,000 events match; showing the first ${count(shown)}. Narrow the filter or the timeframe.`;
  if (shown < matched) return `Showing the first ${count(shown)} of ${plural(matched, 'matching event')}.`;
  return matched === 0 ? 'No stored event matches.' : `${plural(matched, 'matching event')}.`;
}

export function StoredEventsDialog({ host, onClose }: Props) {
  const stored = useStoredEvents(host);
  const [form, setForm] = useState<StoredQueryForm>(EMPTY_FORM);
  const closeButton = useRef<HTMLButtonElement>(null);
  const total = stored.collections?.reduce((sum, c) => sum + c.count, 0) ?? 0;

  return (
    <Dialog
      title="Stored events"
      className="dialog-panel stored-dialog"
      onClose={onClose}
      initialFocus={closeButton}
      tools={
        <>
          <span className="muted">
            {stored.collections
              ? `${plural(total, 'event')} in ${plural(stored.collections.length, 'collection')}`
              : 'Loading…'}
          </span>
          <span className="tools-spacer" />
          <button type="button" className="button small" onClick={stored.refresh} disabled={stored.busy}>
            Refresh
          </button>
          <button ref={closeButton} type="button" className="button small" onClick={onClose}>
            Close
          </button>
        </>
      }
    >
      {stored.error ? (
        <p role="alert" className="notice notice-error">
          {stored.error}
        </p>
      ) : null}
      <div className="stored-body">
        <nav className="stored-collections" aria-label="Collections">
          {stored.collections?.length === 0 ? (
            <p className="muted">The sandbox has stored nothing yet: send a batch to the Local sandbox.</p>
          ) : null}
          <ul>
            {stored.collections?.map((c) => (
              <li key={c.name}>
                <button
                  type="button"
                  className="stored-collection"
                  aria-pressed={c.name === stored.selected}
                  onClick={() => stored.select(c.name)}
                >
                  <span className="mono">{c.name}</span>
                  <span className="muted">{count(c.count)}</span>
                </button>
              </li>
            ))}
          </ul>
        </nav>
        <section className="stored-main" aria-label={stored.selected ? `Events of ${stored.selected}` : 'Events'}>
          <form
            className="stored-query"
            aria-label="Filter stored events"
            onSubmit={(e) => {
              e.preventDefault();
              stored.apply(form);
            }}
          >
            <label className="stored-filter">
              Filter (JSON)
              <input
                type="text"
                className="mono"
                value={form.filter}
                placeholder='{"page": "/home", "ms": {"gt": 20}}'
                spellCheck={false}
                onChange={(e) => setForm({ ...form, filter: e.target.value })}
              />
            </label>
            {TIMEFRAME.map(({ field, label, placeholder }) => (
              <label key={field}>
                {label}
                <input
                  type="text"
                  className="mono"
                  value={form[field]}
                  placeholder={placeholder}
                  onChange={(e) => setForm({ ...form, [field]: e.target.value })}
                />
              </label>
            ))}
            <button type="submit" className="button small" disabled={stored.busy || stored.selected === undefined}>
              Apply
            </button>
          </form>
          {stored.events ? (
            <p role="status" className="muted stored-summary">
              {summaryOf(stored.events.length, stored.matched)}
            </p>
          ) : null}
          <ol className="stored-events" aria-label="Matching events">
            {stored.events?.map((event, i) => (
              <li key={i}>
                <pre
                  className="mono"
                  tabIndex={0}
                  aria-label={`Event ${typeof event['id'] === 'string' || typeof event['id'] === 'number' ? String(event['id']) : i + 1}`}
                >
                  {JSON.stringify(event, null, 2)}
                </pre>
              </li>
            ))}
          </ol>
        </section>
      </div>
    </Dialog>
  );
}
