// Moves every event's `timestamp` by one amount, so a replay of old data lands in a window the API and
// dashboards accept; either by a duration or so the latest event lands at a chosen time.
import { isJsonObject } from '../json/value';
import type { FormatProblem } from './format-problem';

export type TimestampShift = { readonly byMs: number } | { readonly latestAt: string };

export interface ShiftResult {
  readonly events: unknown[];
  readonly problems: FormatProblem[];
  /** The amount every timestamp moved (0 when none could be read). */
  readonly shiftedByMs: number;
}

const timestampOf = (event: unknown): unknown => (isJsonObject(event) ? event['timestamp'] : undefined);

// An ISO date with a time and a zone, the only form whose instant is certain (spec §4 timestamps).
const ZONED = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/i;

const instantOf = (value: unknown): number | undefined => {
  if (typeof value !== 'string' || !ZONED.test(value)) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
};

/**
 * The events with their timestamps moved (new objects; the input is not changed). An event without a
 * timestamp is left as it is (the API then stamps it on arrival); one whose timestamp cannot be read is a
 * problem at its line, and kept unshifted.
 */
export function shiftTimestamps(
  events: readonly unknown[],
  shift: TimestampShift,
  lines?: readonly number[],
): ShiftResult {
  const problems: FormatProblem[] = [];
  let byMs: number;
  if ('byMs' in shift) byMs = shift.byMs;
  else {
    const target = instantOf(shift.latestAt);
    if (target === undefined)
      return {
        events: [...events],
        problems: [{ message: `'${shift.latestAt}' is not a time with a zone (like 2026-03-01T12:00:00Z).` }],
        shiftedByMs: 0,
      };
    let latest = -Infinity;
    for (const event of events) latest = Math.max(latest, instantOf(timestampOf(event)) ?? -Infinity);
    byMs = Number.isFinite(latest) ? target - latest : 0;
  }
  const shifted = events.map((event, i) => {
    const value = timestampOf(event);
    if (value === undefined) return event;
    const instant = instantOf(value);
    const line = lines?.[i];
    if (instant === undefined) {
      problems.push({
        ...(line !== undefined ? { line } : {}),
        message: `${line !== undefined ? `Line ${line}` : `Event ${i + 1}`}: the timestamp ${JSON.stringify(value)} is not an ISO time with a zone, so it was not shifted.`,
      });
      return event;
    }
    const moved = new Date(instant + byMs);
    if (Number.isNaN(moved.getTime())) return event;
    return { ...(event as Record<string, unknown>), timestamp: moved.toISOString() };
  });
  return { events: shifted, problems, shiftedByMs: byMs };
}
