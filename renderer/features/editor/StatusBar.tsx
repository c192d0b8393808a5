// The status bar: what the batch holds and what sending it will take, plus the lint counts.
import type { LintSummary } from '../../../core/rules/diagnostic';

export const EVENTS_PER_REQUEST = 5_000;

const formatSize = (chars: number) =>
  chars < 1024 ? `${chars} B` : chars < 1024 * 1024 ? `${(chars / 1024).toFixed(1)} KB` : `${(chars / 1024 / 1024).toFixed(2)} MB`;

interface Props {
  readonly summary: LintSummary | undefined;
  readonly size: number;
  readonly large: boolean;
  readonly linting: boolean;
}

export function StatusBar({ summary, size, large, linting }: Props) {
  const events = summary?.events ?? 0;
  return (
    <footer className="status-bar" aria-label="Status">
      <span>{summary ? `${summary.collections} collections` : '…'}</span>
      <span>{summary ? `${events.toLocaleString('en-US')} events` : ''}</span>
      <span>{formatSize(size)}</span>
      <span>{`${Math.ceil(events / EVENTS_PER_REQUEST)} ${Math.ceil(events / EVENTS_PER_REQUEST) === 1 ? 'request' : 'requests'}`}</span>
      {large ? <span className="status-note">Large document: editor JSON validation is off; Batch Studio's linter still checks it</span> : null}
      <span className="status-spacer" />
      <span className="status-hint">Ctrl+M: Tab moves focus out of the editor</span>
      {linting ? <span>Linting…</span> : null}
      {summary ? (
        <span className="lint-counts">
          <span className="sev-error">✕ {summary.errors} errors</span>
          <span className="sev-warning">! {summary.warnings} warnings</span>
          <span className="sev-info">i {summary.infos} info</span>
        </span>
      ) : null}
    </footer>
  );
}
