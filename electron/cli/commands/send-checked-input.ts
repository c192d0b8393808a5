// The input of `batch-studio send` that the fast path (a clean batch, checked on its bytes) does not take:
// CSV, NDJSON, a JSON array or a Connect export read as one collection's events, or a batch with errors,
// through the full linter. Loaded only then: the linter and the readers are most of the command's code.
import { detectFormat } from '../../../core/formats/detect-format';
import { eventFileFormatName, readEventFile } from '../../../core/formats/event-file';
import type { Diagnostic } from '../../../core/rules/diagnostic';
import { cleanBatchOf } from '../../../core/rules/batch-rules';
import { lintBatch } from '../../../core/rules/lint';
import type { ExcludedEvent } from '../../../core/send/chunk-plan';
import { errorsAreExcludable, exclusionsFromDiagnostics } from '../../../core/send/exclusions';
import { UsageError } from '../io';

// CSV reading pulls in a library: loaded only for a file that may be CSV.
const csvModules = async () => ({
  ...(await import('../../../core/formats/csv-events')),
  ...(await import('../../../core/formats/import-events')),
});

type Batch = Record<string, unknown[]>;

/** What the command line says about the input. */
interface InputArgs {
  readonly file: string;
  readonly collection?: string;
}

/** What the file holds, ready to send, and the lint errors that block it. */
export interface Loaded {
  readonly batch?: Batch;
  readonly errors: readonly string[];
  /** The events to leave out for --valid-only; undefined when an error belongs to no event (nothing to leave out). */
  readonly exclusions?: ExcludedEvent[];
  readonly note?: string;
  /** Lines of the file that are no event: never sent, whatever the flags, and reported as not-sent. */
  readonly notEvents?: ExcludedEvent[];
}

/** True when the file may be CSV (named .csv, or not starting like JSON); only then is the CSV reader loaded. */
const mayBeCsv = (text: string, file: string): boolean => /\.csv$/i.test(file) || !/^\uFEFF?\s*[[{]/.test(text);

export async function loadBatch(text: string, args: InputArgs): Promise<Loaded> {
  // A CSV file is events with a header row, never a batch (its first line is not JSON at all).
  if (mayBeCsv(text, args.file)) {
    const { importFormatOf, readCsvEvents } = await csvModules();
    if (importFormatOf(text, args.file) === 'csv') return loadEvents(readCsvEvents(text), args, 'a CSV file');
  }
  let format = detectFormat(text) ?? 'batch';
  let note: string | undefined;
  if (format === 'connect-export' && args.collection === undefined) {
    // `{"results": [...]}` is also a batch with one collection named `results`.
    format = 'batch';
    note = `${args.file} looks like a Connect export; sending it as a batch with a collection named 'results' (use --collection NAME to send its events to NAME).`;
  }
  if (format === 'batch') {
    if (args.collection !== undefined)
      throw new UsageError(
        `--collection is for NDJSON, JSON array and export files; ${args.file} is a batch, which names its collections.`,
      );
    // Clean batches (the usual case) skip the positional scan: positions only matter for reporting errors.
    const clean = cleanBatchOf(text);
    if (clean) return { batch: clean, errors: [], exclusions: [], note };
    const result = lintBatch(text);
    const errors = result.diagnostics
      .filter((d) => d.severity === 'error')
      .map((d) => `${args.file}:${d.line}:${d.column} ${d.severity} ${d.code} ${d.message}`);
    const batch = result.batch as Batch | undefined;
    const exclusions =
      batch && errorsAreExcludable(result.diagnostics)
        ? exclusionsFromDiagnostics(result.diagnostics, batch)
        : undefined;
    return { batch, errors, exclusions, note };
  }
  return loadEvents(readEventFile(text, format), args, eventFileFormatName(format));
}

interface EventsRead {
  readonly events: unknown[];
  readonly lines?: number[];
  readonly problems: readonly { readonly line?: number; readonly message: string }[];
}

/**
 * A line that is no event keeps its place in the collection as a stand-in that is never sent, so the
 * report has a `not-sent` outcome for it, with its line number, instead of dropping it silently.
 */
function withStandIns(read: EventsRead): {
  events: unknown[];
  lines?: number[];
  standIns: { index: number; reason: string }[];
} {
  const lined = read.problems.filter((p): p is { line: number; message: string } => p.line !== undefined);
  if (!read.lines || lined.length === 0)
    return { events: read.events, ...(read.lines ? { lines: read.lines } : {}), standIns: [] };
  const entries = read.events.map((event, i) => ({
    line: read.lines?.[i] ?? 0,
    event,
    reason: undefined as string | undefined,
  }));
  for (const p of lined) entries.push({ line: p.line, event: null, reason: p.message });
  entries.sort((a, b) => a.line - b.line);
  const standIns = entries.flatMap((e, index) => (e.reason !== undefined ? [{ index, reason: e.reason }] : []));
  return { events: entries.map((e) => e.event), lines: entries.map((e) => e.line), standIns };
}

/** Events of one collection read from a file, linted as that collection's events and placed by line. */
function loadEvents(read: EventsRead, args: InputArgs, what: string): Loaded {
  const collection = args.collection;
  if (collection === undefined)
    throw new UsageError(`${args.file} is ${what}: name the collection its events go to with --collection NAME.`);
  const problems = read.problems.map(
    (p) => `${args.file}${p.line !== undefined ? `:${p.line}` : ''} error ${p.message}`,
  );
  if (read.events.length === 0 && read.problems.length > 0) return { errors: problems };
  const placed = withStandIns(read);
  read = { ...read, events: placed.events, ...(placed.lines ? { lines: placed.lines } : {}) };
  const standIn = new Set(placed.standIns.map((s) => s.index));
  const batch: Batch = Object.create(null) as Batch;
  batch[collection] = read.events;
  // The linter reads batch text; its positions are in that text, so events are placed by line or index instead.
  const result = lintBatch(JSON.stringify(batch));
  const where = (d: Diagnostic) => {
    const line = d.index !== undefined ? read.lines?.[d.index] : undefined;
    return line !== undefined
      ? `${args.file}:${line}`
      : `${args.file} ${d.collection ?? args.collection}[${d.index ?? '?'}]`;
  };
  // A stand-in's problem is already said above, in the reader's words.
  const diagnostics = result.diagnostics.filter((d) => d.index === undefined || !standIn.has(d.index));
  const errors = diagnostics
    .filter((d) => d.severity === 'error')
    .map((d) => `${where(d)} ${d.severity} ${d.code} ${d.message}`);
  const notEvents = placed.standIns.map((s) => ({ collection, index: s.index, reason: s.reason }));
  const exclusions = errorsAreExcludable(diagnostics)
    ? exclusionsFromDiagnostics(diagnostics, batch).concat(notEvents)
    : undefined;
  return { batch, errors: problems.concat(errors), exclusions, notEvents };
}
