// Two runs side by side: counts, and the events whose outcome changed, with a filter to one kind of change.
import { useState } from 'react';
import type { RunComparison } from '../../../electron/contract/channels';

type Kind = 'all' | 'changed' | 'onlyInA' | 'onlyInB';
const KIND_LABEL: Record<Exclude<Kind, 'all'>, string> = {
  changed: 'changed',
  onlyInA: 'only in A',
  onlyInB: 'only in B',
};
const MAX_ROWS = 2_000;

export function RunComparisonView({
  comparison,
  onClose,
}: {
  readonly comparison: RunComparison;
  readonly onClose: () => void;
}) {
  const [kind, setKind] = useState<Kind>('all');
  const { summary } = comparison;
  const rows = comparison.changes.filter((c) => kind === 'all' || c.kind === kind);
  return (
    <section className="run-comparison" aria-label="Comparison">
      <header className="history-toolbar">
        <h3>
          Compare A ({new Date(comparison.a.startedAt).toLocaleString('en-GB')}) with B (
          {new Date(comparison.b.startedAt).toLocaleString('en-GB')})
        </h3>
        <button type="button" className="button small" onClick={onClose}>
          Back to runs
        </button>
      </header>
      <p className="comparison-summary">
        <span>{summary.same.toLocaleString('en-US')} same</span> ·{' '}
        <span>{summary.changed.toLocaleString('en-US')} changed</span> ·{' '}
        <span>{summary.onlyInA.toLocaleString('en-US')} only in A</span> ·{' '}
        <span>{summary.onlyInB.toLocaleString('en-US')} only in B</span>
      </p>
      <label className="field">
        Show
        <select aria-label="Show changes" value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
          <option value="all">every change</option>
          <option value="changed">changed outcomes</option>
          <option value="onlyInA">only in A</option>
          <option value="onlyInB">only in B</option>
        </select>
      </label>
      <table className="history-table" aria-label="Changes" tabIndex={0}>
        <thead>
          <tr>
            <th scope="col">Collection</th>
            <th scope="col">Event</th>
            <th scope="col">Change</th>
            <th scope="col">A</th>
            <th scope="col">B</th>
          </tr>
        </thead>
        <tbody>
          {rows.slice(0, MAX_ROWS).map((c, i) => (
            <tr key={i}>
              <td>{c.collection}</td>
              <td className="mono">{c.id !== undefined ? String(c.id) : `#${(c.indexA ?? c.indexB ?? 0) + 1}`}</td>
              <td>{KIND_LABEL[c.kind]}</td>
              <td title={c.messageA}>{c.outcomeA ?? '—'}</td>
              <td title={c.messageB}>{c.outcomeB ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length > MAX_ROWS ? (
        <p className="muted">
          Showing the first {MAX_ROWS.toLocaleString('en-US')} of {rows.length.toLocaleString('en-US')} changes; export
          the runs for all of them.
        </p>
      ) : null}
    </section>
  );
}
