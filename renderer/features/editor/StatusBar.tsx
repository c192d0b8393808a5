// The status bar: what the batch holds and what sending it will take, plus the lint counts.
import { MAX_BATCH_EVENTS } from '../../../core/rules/batch-rules';
import type { LintSummary } from '../../../core/rules/diagnostic';
import { ThemeSwitch } from '../theme/ThemeSwitch';

const count = (n: number, word: string) => `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;

const formatSize = (chars: number) =>
  chars < 1024
    ? `${chars} B`
    : chars < 1024 * 1024
      ? `${(chars / 1024).toFixed(1)} KB`
      : `${(chars / 1024 / 1024).toFixed(2)} MB`;

interface Props {
  readonly summary: LintSummary | undefined;
  readonly size: number;
  readonly large: boolean;
  readonly linting: boolean;
  readonly onPreferences: () => void;
}

export function StatusBar({ summary, size, large, linting, onPreferences }: Props) {
  const events = summary?.events ?? 0;
  const requests = Math.ceil(events / MAX_BATCH_EVENTS);
  return (
    <footer className="status-bar" aria-label="Status">
      <span>{summary ? count(summary.collections, 'collection') : '…'}</span>
      <span>{summary ? count(events, 'event') : ''}</span>
      <span>{formatSize(size)}</span>
      <span>{count(requests, 'request')}</span>
      {large ? (
        <span className="status-note">
          Large document: editor JSON validation is off; Batch Studio's linter still checks it
        </span>
      ) : null}
      <span className="status-spacer" />
      <span className="status-hint">Ctrl+M: Tab moves focus out of the editor</span>
      {linting ? <span>Linting…</span> : null}
      {summary ? (
        <span className="lint-counts">
          <span className="sev-error">✕ {count(summary.errors, 'error')}</span>
          <span className="sev-warning">! {count(summary.warnings, 'warning')}</span>
          <span className="sev-info">i {summary.infos} info</span>
        </span>
      ) : null}
      <button type="button" className="status-button" onClick={onPreferences} title="Preferences (Ctrl+,)">
        Preferences
      </button>
      <ThemeSwitch />
    </footer>
  );
}
