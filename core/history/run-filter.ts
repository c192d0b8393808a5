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

const needleOf = (search: string | undefined): string => (search ?? '').trim().toLowerCase();

/** The run's own fields (id, source, collections): no need to read its outcomes when one matches. */
export function matchesRunFields(run: RunMeta, search: string | undefined): boolean {
  const needle = needleOf(search);
  if (needle === '') return true;
  return run.id.toLowerCase() === needle || has(run.source, needle) || run.collections.some((c) => has(c.name, needle));
}

/** An event id or a message of the run's outcomes. */
export function matchesOutcomes(outcomes: readonly EventOutcome[], search: string | undefined): boolean {
  const needle = needleOf(search);
  if (needle === '') return true;
  return outcomes.some((o) => (o.id !== undefined && has(String(o.id), needle)) || has(o.message, needle));
}
