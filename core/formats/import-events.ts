// Turns a file into one collection's events for import: reads NDJSON, CSV, a JSON array or a Connect
// export, leaves out (and reports, by line) what is not an event, then adds ids and shifts timestamps.
import { isJsonObject } from '../json/value';
import type { CellType } from './cell-type';
import { readConnectExport } from './connect-export';
import { readCsvEvents, type CsvColumn } from './csv-events';
import { detectFormat } from './detect-format';
import { parseDuration } from './duration';
import type { FormatProblem } from './format-problem';
import { withoutBom } from './format-problem';
import { readJsonArray } from './json-array';
import { addMissingIds } from './missing-ids';
import { readNdjson } from './ndjson';
import { shiftTimestamps, type TimestampShift } from './timestamp-shift';

export type ImportFormat = 'ndjson' | 'csv' | 'json' | 'export';

export interface ImportRequest {
  readonly text: string;
  readonly fileName?: string;
  readonly format?: ImportFormat;
  readonly addIds?: boolean;
  readonly shift?: { readonly by: string } | { readonly latestAt: string };
  readonly columnTypes?: Readonly<Record<string, CellType>>;
}

export interface ImportedEvents {
  readonly format: ImportFormat;
  readonly events: unknown[];
  /** `lines[i]`: the 1-based line `events[i]` came from, when the format has lines (NDJSON, CSV). */
  readonly lines?: number[];
  readonly problems: FormatProblem[];
  readonly columns?: CsvColumn[];
  readonly idsAdded: number;
  /** Rows, lines or columns of the file left out (a timestamp that cannot be shifted is kept, so it is not counted). */
  readonly leftOut: number;
}

export interface ImportPorts {
  /** A new UUID v4 for an event without an id. */
  readonly newId: () => string;
}

const EXTENSIONS: Record<string, ImportFormat> = { csv: 'csv', tsv: 'csv', ndjson: 'ndjson', jsonl: 'ndjson' };

/** The format named by the file's extension, else judged from the text. */
export function importFormatOf(text: string, fileName?: string): ImportFormat | undefined {
  const extension = /\.([A-Za-z0-9]+)$/.exec(fileName ?? '')?.[1]?.toLowerCase();
  const byName = extension ? EXTENSIONS[extension] : undefined;
  if (byName) return byName;
  const detected = detectFormat(text);
  switch (detected) {
    case undefined:
      return undefined;
    case 'ndjson':
      return 'ndjson';
    case 'json-array':
      return 'json';
    case 'connect-export':
      return 'export';
    case 'batch':
      // A header row of names is not JSON at all; text starting like an object is a batch, not events.
      return /^\s*\{/.test(withoutBom(text)) ? undefined : 'csv';
    default: {
      const never: never = detected;
      return never;
    }
  }
}

interface Read {
  readonly events: unknown[];
  readonly lines?: number[];
  readonly problems: FormatProblem[];
  readonly columns?: CsvColumn[];
}

function readAs(format: ImportFormat, request: ImportRequest): Read {
  switch (format) {
    case 'ndjson':
      return readNdjson(request.text);
    case 'csv':
      return readCsvEvents(request.text, request.columnTypes ? { columnTypes: request.columnTypes } : {});
    case 'json':
      return readJsonArray(request.text);
    case 'export':
      return readConnectExport(request.text);
    default: {
      const never: never = format;
      return never;
    }
  }
}

/** Only objects are events: anything else is a problem at its line (or position) and left out. */
function onlyEvents(read: Read): Read {
  if (read.events.every(isJsonObject)) return read;
  const events: unknown[] = [];
  const lines: number[] = [];
  const problems = [...read.problems];
  read.events.forEach((event, i) => {
    const line = read.lines?.[i];
    if (isJsonObject(event)) {
      events.push(event);
      if (line !== undefined) lines.push(line);
      return;
    }
    const what = Array.isArray(event) ? 'an array' : event === null ? 'null' : `a ${typeof event}`;
    problems.push({
      ...(line !== undefined ? { line } : {}),
      message: `${line !== undefined ? `Line ${line}` : `Item ${i + 1}`} is ${what}, not an event (an object), so it is left out.`,
    });
  });
  problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return { ...read, events, ...(read.lines ? { lines } : {}), problems };
}

function shiftOf(shift: ImportRequest['shift']): TimestampShift | FormatProblem | undefined {
  if (!shift) return undefined;
  if ('latestAt' in shift) return { latestAt: shift.latestAt };
  const duration = parseDuration(shift.by);
  return duration.ok ? { byMs: duration.ms } : { message: duration.message };
}

/** The events to import and every problem; nothing is thrown for bad input. */
export function importEvents(
  request: ImportRequest,
  ports: ImportPorts,
): ImportedEvents | { readonly problems: FormatProblem[] } {
  const format = request.format ?? importFormatOf(request.text, request.fileName);
  if (!format) {
    const message =
      withoutBom(request.text).trim() === ''
        ? 'The file is empty.'
        : 'The file looks like a batch (an object of collections), not events to import: open it instead.';
    return { problems: [{ message }] };
  }
  const shift = shiftOf(request.shift);
  if (shift && 'message' in shift) return { problems: [shift] };
  let read = onlyEvents(readAs(format, request));
  const leftOut = read.problems.length;
  let idsAdded = 0;
  if (request.addIds) {
    const withIds = addMissingIds(read.events, ports.newId);
    read = { ...read, events: withIds.events };
    idsAdded = withIds.added;
  }
  if (shift) {
    const moved = shiftTimestamps(read.events, shift, read.lines);
    read = { ...read, events: moved.events, problems: read.problems.concat(moved.problems) };
  }
  return {
    format,
    events: read.events,
    ...(read.lines ? { lines: read.lines } : {}),
    problems: read.problems,
    ...(read.columns ? { columns: read.columns } : {}),
    idsAdded,
    leftOut,
  };
}
