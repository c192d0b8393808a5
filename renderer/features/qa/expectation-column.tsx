// The results grid's "Expectation" column during a test: pass or fail per event, with expected vs actual.
import type { EventCheck } from '../../../core/qa/expectation-check';

/** Per result key (collection NUL index, as the grid keys rows), that event's check. */
export type ExpectationIndex = ReadonlyMap<string, EventCheck>;

export function indexChecks(checks: readonly EventCheck[]): ExpectationIndex {
  return new Map(checks.map((check) => [`${check.collection}\u0000${check.index}`, check]));
}

/** The cell: "✔ pass" or "✘ expected duplicate", with the full comparison in its title. */
export function ExpectationCell({ check }: { readonly check: EventCheck | undefined }) {
  if (!check) return <span className="qa-cell muted">—</span>;
  if (check.expected === 'any') return <span className="qa-cell muted">not checked</span>;
  const title = `Expected: ${check.expected}\nActual: ${check.actual}${check.actualMessage ? ` (${check.actualMessage})` : ''}`;
  return check.passed ? (
    <span className="qa-cell qa-pass" title={title}>
      <span aria-hidden="true">✔ </span>pass
    </span>
  ) : (
    <span className="qa-cell qa-fail" title={check.reason ? `${title}\n${check.reason}` : title}>
      <span aria-hidden="true">✘ </span>fail: expected {check.expected}
    </span>
  );
}
