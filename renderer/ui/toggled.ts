// A filter's set of shown values with one value switched on or off: a new set, so React sees the change.

/** The set with `item` removed if it was there, added if it was not. */
export function toggled<T>(set: ReadonlySet<T>, item: T): Set<T> {
  const next = new Set(set);
  if (next.has(item)) next.delete(item);
  else next.add(item);
  return next;
}
