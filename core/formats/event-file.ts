// Reads the events of a file in any supported format into one collection of a batch.
import { readConnectExport } from './connect-export';
import type { EventFileFormat } from './detect-format';
import type { FormatProblem } from './format-problem';
import { readJsonArray } from './json-array';
import { readNdjson } from './ndjson';

export interface EventFile {
  readonly events: unknown[];
  /** 1-based source line of each event, when the format has one event per line (NDJSON). */
  readonly lines?: number[];
  readonly problems: FormatProblem[];
}

/** How a person reads the format of a non-batch file in a message ("x.ndjson is NDJSON (one event per line)"). */
export function eventFileFormatName(format: Exclude<EventFileFormat, 'batch'>): string {
  switch (format) {
    case 'ndjson':
      return 'NDJSON (one event per line)';
    case 'json-array':
      return 'a JSON array of events';
    case 'connect-export':
      return 'a Connect export';
    default: {
      const never: never = format;
      return never;
    }
  }
}

/** The events of a non-batch file (a batch is read by the linter, which keeps positions). */
export function readEventFile(text: string, format: Exclude<EventFileFormat, 'batch'>): EventFile {
  switch (format) {
    case 'ndjson':
      return readNdjson(text);
    case 'json-array':
      return readJsonArray(text);
    case 'connect-export':
      return readConnectExport(text);
    default: {
      const never: never = format;
      return never;
    }
  }
}
