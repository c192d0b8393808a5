// Reads NDJSON (one event per line, the API's bulk import format, spec §7): blank lines are skipped,
// a line that is not JSON is reported with its number and the others are still read.
import { jsonErrorColumn, jsonErrorReason, withoutBom, type FormatProblem } from './format-problem';

export interface NdjsonEvents {
  readonly events: unknown[];
  /** `lines[i]` is the 1-based line of `events[i]`. */
  readonly lines: number[];
  readonly problems: FormatProblem[];
}

export function readNdjson(text: string): NdjsonEvents {
  const events: unknown[] = [];
  const lines: number[] = [];
  const problems: FormatProblem[] = [];
  const all = withoutBom(text).split('\n');
  for (let i = 0; i < all.length; i++) {
    const line = all[i] ?? '';
    if (line.trim() === '') continue;
    try {
      events.push(JSON.parse(line));
      lines.push(i + 1);
    } catch (error) {
      const column = jsonErrorColumn(error, line);
      problems.push({
        line: i + 1,
        ...(column !== undefined ? { column } : {}),
        message: `Line ${i + 1} is not valid JSON: ${jsonErrorReason(error)}`,
      });
    }
  }
  return { events, lines, problems };
}

/** Events as NDJSON text, one compact JSON value per line, ending with a newline. */
export function writeNdjson(events: readonly unknown[]): string {
  return events.map((event) => JSON.stringify(event) ?? 'null').join('\n') + (events.length > 0 ? '\n' : '');
}
