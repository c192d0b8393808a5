// Writes per-event outcomes as CSV, one row per event, for spreadsheets and scripts.
import type { EventOutcome } from '../send/outcome';
import { csvRow } from './csv';

export const RESULTS_CSV_HEADER = ['collection', 'index', 'id', 'outcome', 'message', 'request'] as const;

export function resultsToCsv(outcomes: Iterable<EventOutcome>): string {
  const rows = [csvRow(RESULTS_CSV_HEADER)];
  for (const o of outcomes) rows.push(csvRow([o.collection, o.index, o.id, o.outcome, o.message, o.request]));
  return rows.join('');
}
