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
