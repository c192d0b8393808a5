// Which events to leave out of a send that carries only the valid ones: those the linter found errors in.
import type { Diagnostic } from '../rules/diagnostic';
import type { ExcludedEvent } from './chunk-plan';

/**
 * One exclusion per event with at least one error diagnostic, its reason naming the first error. An error
 * on a whole collection (an invalid name: the API would refuse the request) excludes all its events.
 */
export function exclusionsFromDiagnostics(
  diagnostics: readonly Diagnostic[],
  batch: Readonly<Record<string, readonly unknown[]>>,
): ExcludedEvent[] {
  const found = new Map<string, Map<number, string>>();
  const exclude = (collection: string, index: number, reason: string) => {
    let byIndex = found.get(collection);
    if (!byIndex) found.set(collection, (byIndex = new Map()));
    if (!byIndex.has(index)) byIndex.set(index, reason);
  };
  for (const d of diagnostics) {
    if (d.severity !== 'error' || d.collection === undefined) continue;
    const reason = `Not sent: it has errors (${d.code}: ${d.message})`;
    if (d.index !== undefined) {
      exclude(d.collection, d.index, reason);
      continue;
    }
    const events = Object.hasOwn(batch, d.collection) ? batch[d.collection] : undefined;
    for (let index = 0; index < (events?.length ?? 0); index++) exclude(d.collection, index, reason);
  }
  const excluded: ExcludedEvent[] = [];
  for (const [collection, byIndex] of found)
    for (const [index, reason] of byIndex) excluded.push({ collection, index, reason });
  return excluded;
}

/** True when every error belongs to a collection, so leaving events out can make the rest sendable. */
export const errorsAreExcludable = (diagnostics: readonly Diagnostic[]): boolean =>
  diagnostics.every((d) => d.severity !== 'error' || d.collection !== undefined);
