// The Problems panel: every lint diagnostic of the current document, filterable by severity;
// choosing one puts the cursor on its exact range in the editor.
import { useMemo, useState } from 'react';
import type { Diagnostic, Severity } from '../../../core/rules/diagnostic';
import { usePanelWidth } from './use-panel-width';
import { toggled } from '../../ui/toggled';

/** Rendering more items than this only slows the page; the editor's markers still show all of them. */
const MAX_ITEMS = 500;

const icons: Record<Severity, string> = { error: '✕', warning: '!', info: 'i' };
const severityNames: Record<Severity, string> = { error: 'Errors', warning: 'Warnings', info: 'Info' };
const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

interface Props {
  readonly diagnostics: readonly Diagnostic[];
  readonly onSelect: (diagnostic: Diagnostic) => void;
}

export function ProblemsPanel({ diagnostics, onSelect }: Props) {
  const [shown, setShown] = useState<ReadonlySet<Severity>>(new Set(SEVERITIES));
  const size = usePanelWidth(390, 340, 0.6);
  const counts = useMemo(() => {
    const c: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
    for (const d of diagnostics) c[d.severity] += 1;
    return c;
  }, [diagnostics]);
  const visible = useMemo(() => diagnostics.filter((d) => shown.has(d.severity)), [diagnostics, shown]);

  const toggle = (severity: Severity) => setShown((prev) => toggled(prev, severity));

  return (
    <section className="problems" aria-labelledby="problems-heading" style={{ width: size.width }}>
      <div
        role="separator"
        aria-orientation="vertical"
        aria-label="Resize Problems panel"
        aria-valuemin={size.min}
        aria-valuemax={size.max}
        aria-valuenow={size.width}
        tabIndex={0}
        className="problems-resizer"
        onPointerDown={size.onPointerDown}
        onKeyDown={size.onKeyDown}
      />
      <header className="panel-header">
        <h2 id="problems-heading">Problems</h2>
        <div className="severity-filter" role="group" aria-label="Show severities">
          {SEVERITIES.map((s) => (
            <button
              key={s}
              type="button"
              className={`chip sev-${s}`}
              aria-pressed={shown.has(s)}
              onClick={() => toggle(s)}
            >
              <span aria-hidden="true" className="sev-icon">
                {icons[s]}
              </span>{' '}
              {severityNames[s]} {counts[s]}
            </button>
          ))}
        </div>
      </header>
      {visible.length === 0 ? (
        <p className="empty-note">
          {diagnostics.length === 0 ? 'No problems found.' : 'No problems of the selected severities.'}
        </p>
      ) : null}
      <ul role="list" aria-label="Problems" className="problem-list">
        {visible.slice(0, MAX_ITEMS).map((d, i) => (
          // By position: typing shifts the offsets of every problem after the cursor, and keys made of them
          // would rebuild those items on each lint instead of updating their text.
          <li key={i} className={`problem sev-${d.severity}`}>
            <button type="button" onClick={() => onSelect(d)} className="problem-button">
              <span aria-hidden="true" className="sev-icon">
                {icons[d.severity]}
              </span>
              <span className="visually-hidden">{d.severity}</span>
              <span className="problem-message">{d.message}</span>
              <code className="problem-code">{d.code}</code>
              <span className="problem-place">
                {d.line}:{d.column}
              </span>
            </button>
          </li>
        ))}
      </ul>
      {visible.length > MAX_ITEMS ? (
        <p className="empty-note">
          Showing the first {MAX_ITEMS} of {visible.length}.
        </p>
      ) : null}
    </section>
  );
}
