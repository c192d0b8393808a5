// The summary above the grid: counts per outcome and per collection, with a small bar chart.
import { OUTCOMES, type Outcome } from '../../../core/send/outcome';
import type { OutcomeSummary } from '../../../core/send/summary';
import { plural } from '../../../core/text/plural';
import { outcomeStyle } from './outcome-style';

interface Props {
  readonly summary: OutcomeSummary;
  /** Outcomes the grid is filtered to; empty shows all. */
  readonly shown: ReadonlySet<Outcome>;
  readonly onToggle: (outcome: Outcome) => void;
}

/** The counts double as the outcome filter: press one or more to show only those outcomes. */
export function ResultsSummary({ summary, shown, onToggle }: Props) {
  return (
    <div className="results-summary">
      <div className="outcome-counts" role="group" aria-label="Filter by outcome">
        {OUTCOMES.map((o) => {
          const style = outcomeStyle(o);
          return (
            <button
              type="button"
              key={o}
              className={`count-pill ${style.className}`}
              data-outcome={o}
              aria-pressed={shown.has(o)}
              title={`Show only ${style.label} results (press again to show all)`}
              onClick={() => onToggle(o)}
            >
              <span aria-hidden="true" className="outcome-icon">
                {style.icon}
              </span>
              <span className="count-label">{style.label}</span>{' '}
              <strong className="count-value">{summary.total[o].toLocaleString('en-US')}</strong>
            </button>
          );
        })}
      </div>
      <div className="collection-bars" aria-label="Outcomes per collection" role="list">
        {summary.collections.map((c) => (
          <div key={c.name} className="collection-bar" role="listitem">
            <span className="collection-name" title={c.name}>
              {c.name}
            </span>
            <span className="bar" aria-hidden="true">
              {/* Each bar is its own collection's 100%: the counts beside it give the sizes. */}
              {OUTCOMES.filter((o) => c[o] > 0).map((o) => (
                <span
                  key={o}
                  className={`bar-part ${outcomeStyle(o).className}-bg`}
                  style={{ width: `${(c[o] / Math.max(1, c.events)) * 100}%` }}
                />
              ))}
            </span>
            <span className="collection-counts">
              {plural(c.events, 'event')}
              {OUTCOMES.filter((o) => c[o] > 0)
                .map((o) => `, ${c[o].toLocaleString('en-US')} ${outcomeStyle(o).label}`)
                .join('')}
            </span>
          </div>
        ))}
      </div>
    </div>
  );
}
