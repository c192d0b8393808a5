// Which runs a history search shows: by event id, collection or message, by target, by outcome.
import type { EventOutcome, Outcome } from '../send/outcome';
import type { OutcomeCounts, RunMeta } from './run';

export interface RunFilter {
  readonly search?: string;
  readonly target?: string;
  readonly outcome?: Outcome;
}

const has = (text: string | undefined, needle: string): boolean =>
  text !== undefined && text.toLowerCase().includes(needle);

export function matchesTarget(run: RunMeta, target: string | undefined): boolean {
  if (!target) return true;
  const needle = target.toLowerCase();
  return has(run.target.name, needle) || has(run.target.url, needle) || has(run.target.projectId, needle);
}

export const matchesOutcome = (counts: OutcomeCounts, outcome: Outcome | undefined): boolean =>
  outcome === undefined || counts[outcome] > 0;

/** Cheap checks first (the run's own fields); `outcomes` is read only when those do not match. */
export function matchesSearch(
  run: RunMeta,
  search: string | undefined,
  outcomes: () => readonly EventOutcome[],
): boolean {
  if (!search) return true;
  const needle = search.trim().toLowerCase();
  if (needle === '') return true;
  if (run.id.toLowerCase() === needle || has(run.source, needle) || run.collections.some((c) => has(c.name, needle)))
    return true;
  return outcomes().some((o) => (o.id !== undefined && has(String(o.id), needle)) || has(o.message, needle));
}
