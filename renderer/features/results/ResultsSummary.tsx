// The summary above the grid: counts per outcome and per collection, with a small bar chart.
import { OUTCOMES } from '../../../core/send/outcome';
import type { OutcomeSummary } from '../../../core/send/summary';
import { outcomeStyle } from './outcome-style';

export function ResultsSummary({ summary }: { readonly summary: OutcomeSummary }) {
  const total = Math.max(1, summary.total.events);
  return (
    <div className="results-summary" aria-label="Results summary" role="group">
      <ul className="outcome-counts" aria-label="Outcome counts">
        {OUTCOMES.map((o) => {
          const style = outcomeStyle(o);
          return (
            <li key={o} className={`count-pill ${style.className}`} data-outcome={o}>
              <span aria-hidden="true" className="outcome-icon">
                {style.icon}
              </span>
              <span className="count-label">{style.label}</span> <strong className="count-value">{summary.total[o].toLocaleString('en-US')}</strong>
            </li>
          );
        })}
      </ul>
      <div className="collection-bars" aria-label="Outcomes per collection" role="list">
        {summary.collections.map((c) => (
          <div key={c.name} className="collection-bar" role="listitem">
            <span className="collection-name" title={c.name}>
              {c.name}
            </span>
            <span className="bar" aria-hidden="true">
              {OUTCOMES.filter((o) => c[o] > 0).map((o) => (
                <span key={o} className={`bar-part ${outcomeStyle(o).className}-bg`} style={{ width: `${(c[o] / total) * 100}%` }} />
              ))}
            </span>
            <span className="collection-counts">
              {c.events.toLocaleString('en-US')} {c.events === 1 ? 'event' : 'events'}
              {OUTCOMES.filter((o) => c[o] > 0)
                .map((o) => `, ${c[o]} ${outcomeStyle(o).label}`)
                .join('')}
            </span>
          </div>
        ))}
      </div>
    </div>
  );
}
