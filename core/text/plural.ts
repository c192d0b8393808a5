// Counts in messages: "1 event", "5,000 events" (en-US grouping, as every message of the app is written).

/**
 * A count with thousands separators. Whole numbers are grouped by hand: toLocaleString would start ICU,
 * which costs a short CLI run more than its work.
 */
export const count = (n: number): string =>
  Number.isSafeInteger(n) ? String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',') : n.toLocaleString('en-US');

/** A count and a word, the word plural unless the count is 1 (`plural(2, 'event')` → "2 events"). */
export const plural = (n: number, word: string): string => `${count(n)} ${word}${n === 1 ? '' : 's'}`;
