// Turns a file's text into the collections a bulk import sends: a batch names its own collections; NDJSON,
// a JSON array or a Connect export go to one named collection. The API judges each event (spec §7), so
// only what cannot be split into events is refused here.
import { detectFormat } from '../../../core/formats/detect-format';
import { eventFileFormatName, readEventFile } from '../../../core/formats/event-file';
import { withoutBom } from '../../../core/formats/format-problem';
import { isJsonObject } from '../../../core/json/value';

export interface BulkSource {
  readonly batch: Record<string, unknown[]>;
  /** 1-based source line of each event of the one collection, when the file has one event per line (NDJSON). */
  readonly lines?: readonly number[];
}

export type SourceAnswer = { ok: true; source: BulkSource } | { ok: false; message: string; usage?: boolean };

/** The text as a batch, whatever it looks like (the app's editor always holds one). */
export function readBatch(text: string, file: string): SourceAnswer {
  let value: unknown;
  try {
    value = JSON.parse(withoutBom(text));
  } catch {
    return { ok: false, message: `${file} is not valid JSON (batch-studio lint ${file} shows where).` };
  }
  if (!isJsonObject(value))
    return { ok: false, message: `${file} is not an object of collections to arrays of events.` };
  const batch: Record<string, unknown[]> = Object.create(null) as Record<string, unknown[]>;
  for (const [name, events] of Object.entries(value)) {
    if (!Array.isArray(events))
      return { ok: false, message: `${file}: collection '${name}' is not an array of events.` };
    batch[name] = events;
  }
  return { ok: true, source: { batch } };
}

export function readBulkSource(text: string, file: string, collection: string | undefined): SourceAnswer {
  let format = detectFormat(text) ?? 'batch';
  // `{"results": [...]}` is also a batch with one collection named `results`: a collection name decides.
  if (format === 'connect-export' && collection === undefined) format = 'batch';
  if (format === 'batch') {
    if (collection !== undefined)
      return {
        ok: false,
        usage: true,
        message: `--collection is for NDJSON, JSON array and export files; ${file} is a batch, which names its collections.`,
      };
    return readBatch(text, file);
  }
  const what = eventFileFormatName(format);
  if (collection === undefined)
    return {
      ok: false,
      usage: true,
      message: `${file} is ${what}: name the collection its events go to with --collection NAME.`,
    };
  const read = readEventFile(text, format);
  if (read.problems.length > 0) {
    const shown = read.problems
      .slice(0, 5)
      .map((p) => `${file}${p.line !== undefined ? `:${p.line}` : ''}: ${p.message}`);
    const more = read.problems.length > shown.length ? ` (and ${read.problems.length - shown.length} more)` : '';
    return {
      ok: false,
      message: `${shown.join('\n')}${more}\nNothing imported: fix the lines that are not events first.`,
    };
  }
  const batch: Record<string, unknown[]> = Object.create(null) as Record<string, unknown[]>;
  batch[collection] = read.events;
  return { ok: true, source: { batch, ...(read.lines ? { lines: read.lines } : {}) } };
}
