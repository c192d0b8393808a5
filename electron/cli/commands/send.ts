// batch-studio send FILE: lints a batch file, sends it in chunks with retries, and reports every event
// (on stdout, and with --results FILE as CSV, JSON or JUnit XML).
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { detectFormat } from '../../../core/formats/detect-format';
import { eventFileFormatName, readEventFile } from '../../../core/formats/event-file';
import { resultsToCsv } from '../../../core/formats/results-csv';
import { outcomeRecord, resultsToJson } from '../../../core/formats/results-json';
import { resultsToJunit } from '../../../core/formats/results-junit';
import type { Diagnostic } from '../../../core/rules/diagnostic';
import { cleanBatchOf } from '../../../core/rules/batch-rules';
import { lintBatch } from '../../../core/rules/lint';
import { effectiveChunkSize, MAX_CHUNK_EVENTS, type ExcludedEvent } from '../../../core/send/chunk-plan';
import { errorsAreExcludable, exclusionsFromDiagnostics } from '../../../core/send/exclusions';
import { OUTCOMES, type EventOutcome } from '../../../core/send/outcome';
import type { OutcomeSummary } from '../../../core/send/summary';
import { count, plural } from '../../../core/text/plural';
import { objectSource } from '../../services/send/event-source';
import { fileSource, LoadCancelled } from '../../services/send/file-source';
import {
  eventsEndpoint,
  sendBatch,
  type EventSource,
  type SendProgressCounts,
  type SendResult,
} from '../../services/sender';
import { EXIT, interruptedExit, readUtf8Bytes, UsageError, type CliIo } from '../io';
import { fileErrorReason, parseCommandLine } from '../command-line';
// Profiles, history and CSV reading are loaded only when a send uses them (each pulls in a library):
// a plain send of a batch file loads none of them.
const profilesModule = () => import('./profiles');
const historyModules = async () => ({
  ...(await import('../../services/history/run-recording')),
  ...(await import('./cli-history')),
});
const csvModules = async () => ({
  ...(await import('../../../core/formats/csv-events')),
  ...(await import('../../../core/formats/import-events')),
});

type Batch = Record<string, unknown[]>;

/** Lint errors listed before refusing; the rest are counted (`batch-studio lint` lists them all). */
const ERRORS_SHOWN = 50;
/** Events not delivered listed in the text report; `--json` has them all. */
const FAILURES_SHOWN = 20;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

// Text from the file or the server goes to a terminal: control characters could move the cursor or
// rewrite the screen, so they are shown as escapes.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
const printable = (text: string): string =>
  text.replace(CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

interface SendArgs {
  readonly file: string;
  readonly url: string;
  readonly projectId: string;
  /** With --profile, an override of the saved key; otherwise required. */
  readonly apiKeyEnv?: string;
  /** A saved profile (same user-data folder as the app) instead of --url/--project-id/--api-key-env. */
  readonly profile?: string;
  readonly confirmProduction: boolean;
  readonly chunkSize?: number;
  readonly retries?: number;
  readonly timeoutMs?: number;
  readonly collection?: string;
  readonly results?: { readonly file: string; readonly write: (outcomes: EventOutcome[]) => string };
  readonly force: boolean;
  readonly validOnly: boolean;
  readonly json: boolean;
  /** Not recorded as a run in history (--no-record). */
  readonly noRecord: boolean;
  /** Send a recorded run's resendable failures instead of a file (--resend-failures ID). */
  readonly resendFailures?: string;
}

/** A batch that comes from history instead of a file (replay, resend failures). */
export interface SendInput {
  readonly text: string;
  readonly source: string;
}

const numberRule = (min: number, max: number): string =>
  min === 1
    ? `must be a positive whole number (1 to ${count(max)})`
    : `must be a whole number from ${count(min)} to ${count(max)}`;

const wholeNumber = (flag: string, text: string | undefined, min: number, max: number): number | undefined => {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max)
    throw new UsageError(`${flag} ${numberRule(min, max)}, not '${text}'.`);
  return Number(text);
};

/** Number flags and their ranges; a negative value would otherwise read as an unknown option. */
const NUMBER_FLAGS: Readonly<Record<string, readonly [number, number]>> = {
  '--chunk-size': [1, MAX_CHUNK_EVENTS],
  '--retries': [0, 100],
  '--timeout': [1, 24 * 3600_000],
};

function refuseNegativeNumbers(argv: readonly string[]): void {
  for (let i = 0; i < argv.length - 1; i++) {
    const range = NUMBER_FLAGS[argv[i] ?? ''];
    const value = argv[i + 1] ?? '';
    if (range && /^-\d/.test(value))
      throw new UsageError(`${argv[i] ?? ''} ${numberRule(range[0], range[1])}, not '${value}'.`);
  }
}

/** A URL with a user name or password is refused without being repeated: it would leak into logs and history. */
function refuseCredentials(url: string): void {
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  if ((parsed && (parsed.username !== '' || parsed.password !== '')) || /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*@/i.test(url)) {
    throw new UsageError(
      '--url must not contain a user name or password (user:password@): credentials in a URL end up in logs and shell history. Give the API key with --api-key-env.',
    );
  }
}

function parseSendArgs(argv: string[], fromHistory: boolean): SendArgs {
  // Refused before parsing: a key on the command line is visible to every user of the machine (ps, /proc).
  if (argv.some((arg) => arg === '--api-key' || arg.startsWith('--api-key='))) {
    throw new UsageError(
      '--api-key is not accepted: command-line arguments are visible to every user of this machine (ps, /proc/*/cmdline). ' +
        'Put the key in an environment variable and pass its name: --api-key-env CONNECT_API_KEY.',
    );
  }
  refuseNegativeNumbers(argv);
  const parsed = parseCommandLine({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      url: { type: 'string' },
      'project-id': { type: 'string' },
      'api-key-env': { type: 'string' },
      profile: { type: 'string' },
      'confirm-production': { type: 'boolean', default: false },
      'user-data': { type: 'string' },
      'chunk-size': { type: 'string' },
      retries: { type: 'string' },
      timeout: { type: 'string' },
      collection: { type: 'string' },
      results: { type: 'string' },
      force: { type: 'boolean', default: false },
      'valid-only': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      'no-record': { type: 'boolean', default: false },
      'resend-failures': { type: 'string' },
    },
  });
  const { values, positionals } = parsed;
  const noFile = fromHistory || values['resend-failures'] !== undefined;
  if (noFile && positionals.length > 0) throw new UsageError('the batch comes from history here; drop the file name.');
  if (!noFile && positionals.length !== 1)
    throw new UsageError(positionals.length === 0 ? 'name the batch file to send.' : 'send one file at a time.');
  if (values.profile !== undefined) {
    // The profile holds the URL and project id; two sources for one value would only confuse.
    const clash = (['url', 'project-id'] as const).filter((name) => values[name] !== undefined);
    if (clash.length > 0)
      throw new UsageError(`--profile gives the URL and project id; drop ${clash.map((m) => `--${m}`).join(' and ')}.`);
  } else {
    const missing = (['url', 'project-id', 'api-key-env'] as const).filter((name) => !values[name]);
    if (missing.length > 0)
      throw new UsageError(
        `missing ${missing.map((m) => `--${m}`).join(', ')} (or name a saved target with --profile NAME).`,
      );
  }
  const url = values.url ?? '';
  refuseCredentials(url);
  if (values.force === true && values['valid-only'] === true) {
    throw new UsageError('--force sends every event and --valid-only leaves out those with errors: choose one.');
  }
  if (values.profile === undefined) {
    try {
      eventsEndpoint(url);
    } catch (error) {
      throw new UsageError(error instanceof Error ? error.message : String(error));
    }
  }
  return {
    file:
      positionals[0] ??
      (values['resend-failures'] !== undefined ? `the failures of run ${values['resend-failures']}` : 'the run'),
    url,
    projectId: values['project-id'] ?? '',
    ...(values['api-key-env'] !== undefined ? { apiKeyEnv: values['api-key-env'] } : {}),
    ...(values.profile !== undefined ? { profile: values.profile } : {}),
    confirmProduction: values['confirm-production'] === true,
    chunkSize: wholeNumber('--chunk-size', values['chunk-size'], 1, MAX_CHUNK_EVENTS),
    retries: wholeNumber('--retries', values.retries, 0, 100),
    timeoutMs: wholeNumber('--timeout', values.timeout, 1, 24 * 3600_000),
    collection: values.collection,
    ...(values.results !== undefined
      ? { results: { file: values.results, write: resultsWriter(values.results) } }
      : {}),
    force: values.force === true,
    validOnly: values['valid-only'] === true,
    json: values.json === true,
    noRecord: values['no-record'] === true,
    ...(values['resend-failures'] !== undefined ? { resendFailures: values['resend-failures'] } : {}),
  };
}

/** The writer for `--results FILE`, chosen by the file's extension. */
function resultsWriter(file: string): (outcomes: EventOutcome[]) => string {
  const lower = file.toLowerCase();
  if (lower.endsWith('.csv')) return resultsToCsv;
  if (lower.endsWith('.json')) return resultsToJson;
  if (lower.endsWith('.xml')) return (outcomes) => resultsToJunit(outcomes);
  throw new UsageError(
    '--results FILE writes .csv, .json or .xml (JUnit); name the file with one of these extensions.',
  );
}

function apiKeyFrom(io: CliIo, name: string): string {
  // A value that is not a variable name may be the key itself, typed in the wrong place: never echo it.
  if (!ENV_NAME.test(name))
    throw new UsageError(
      '--api-key-env takes the NAME of an environment variable (letters, digits and _), not the key itself.',
    );
  const key = io.env[name];
  if (key === undefined || key === '')
    throw new UsageError(`the environment variable ${name} is not set or is empty; put the API key in it.`);
  return key;
}

/** What the file holds, ready to send, and the lint errors that block it. */
interface Loaded {
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

async function loadBatch(text: string, args: SendArgs): Promise<Loaded> {
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
  const what = eventFileFormatName(format);
  return loadEvents(readEventFile(text, format), args, what);
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
function loadEvents(read: EventsRead, args: SendArgs, what: string): Loaded {
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

/** Progress for multi-request sends: one redrawn line on a terminal, one line per request otherwise. */
function progressPrinter(io: CliIo): { update: (p: SendProgressCounts) => void; end: () => void } {
  let drawn = false;
  let done = 0;
  const show = (line: string) => {
    if (io.stderrIsTty) {
      io.stderr(`\r\x1b[K${line}`);
      drawn = true;
    } else io.stderr(`${line}\n`);
  };
  return {
    update(p) {
      if (p.retrying) {
        const r = p.retrying;
        return show(
          `retrying request ${count(r.request)} (attempt ${r.attempt} of ${r.attempts}) in ${(r.delayMs / 1000).toFixed(1)} s`,
        );
      }
      // The total also grows when resends are planned; a line is for a request answered, none after a stop.
      if (p.requestsTotal <= 1 || p.requestsDone === done || io.interrupted.aborted) return;
      done = p.requestsDone;
      const line = `request ${count(p.requestsDone)}/${count(p.requestsTotal)}, ${count(p.eventsDone)}/${count(p.eventsTotal)} events`;
      show(io.stderrIsTty ? `Sending: ${line}` : `Sent ${line}`);
    },
    end() {
      if (drawn) io.stderr('\n');
    },
  };
}

function textReport(args: SendArgs, result: SendResult, summary: OutcomeSummary): string {
  const lines = [
    `${plural(summary.total.events, 'event')} in ${plural(result.requests.length, 'request')} to ${args.url} (project ${args.projectId}).`,
  ];
  const header = ['collection', 'events', ...OUTCOMES];
  const rows = summary.collections.map((c) => [
    printable(c.name),
    count(c.events),
    ...OUTCOMES.map((o) => count(c[o])),
  ]);
  rows.push(['total', count(summary.total.events), ...OUTCOMES.map((o) => count(summary.total[o]))]);
  const widths = header.map((h, i) => rows.reduce((width, r) => Math.max(width, (r[i] ?? '').length), h.length));
  const format = (cells: string[]) =>
    cells
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  lines.push(format(header), ...rows.map(format));
  const failedCount = summary.total.events - summary.total.accepted - summary.total.duplicate;
  if (failedCount > 0) {
    lines.push('', 'Not delivered:');
    let shown = 0;
    for (const o of result.eachOutcome({ undelivered: true })) {
      const why = o.retryable && o.id === undefined ? '; not resent: without an id a resend could store it twice' : '';
      lines.push(
        printable(
          `  ${o.collection}[${o.index}]${o.id !== undefined ? ` id ${JSON.stringify(o.id)}` : ''}: ${o.outcome}${o.message ? ` (${o.message}${why})` : ''}`,
        ),
      );
      if (++shown === FAILURES_SHOWN) break;
    }
    if (failedCount > FAILURES_SHOWN)
      lines.push(`  … and ${count(failedCount - FAILURES_SHOWN)} more (use --json to see every event).`);
  }
  if (result.cancelled)
    lines.push(
      '',
      'Cancelled: events of requests never sent are not-sent; those of a request in flight are unknown (the server may have stored them).',
    );
  return lines.join('\n') + '\n';
}

/** The `--json` report, written in pieces so 1,000,000 outcomes never become one giant string. */
function jsonReport(
  io: CliIo,
  args: SendArgs,
  result: SendResult,
  summary: OutcomeSummary,
  runId: string | undefined,
): void {
  const head = {
    ...(runId !== undefined ? { runId } : {}),
    summary: {
      ...summary.total,
      requests: result.requests.length,
      attempts: result.requests.reduce((n, r) => n + r.attempts, 0),
      cancelled: result.cancelled,
      url: args.url,
      projectId: args.projectId,
    },
    collections: summary.collections,
  };
  io.stdout(JSON.stringify(head).slice(0, -1) + ',"outcomes":[');
  let piece: string[] = [];
  let first = true;
  const flush = () => {
    io.stdout((first ? '' : ',') + piece.join(','));
    first = false;
    piece = [];
  };
  for (const o of result.eachOutcome()) {
    piece.push(JSON.stringify(outcomeRecord(o)));
    if (piece.length === 2000) flush();
  }
  if (piece.length > 0) flush();
  io.stdout(']}\n');
}

/** The events to send: straight from a file's bytes when it is a clean batch, else through the linter. */
async function loadSource(
  input: Buffer | string,
  args: SendArgs,
  io: CliIo,
): Promise<{ source: EventSource; exclude: ExcludedEvent[] } | number> {
  if (typeof input !== 'string' && args.collection === undefined) {
    const fast = await fileSource(input, io.interrupted);
    if (fast) return { source: fast, exclude: [] };
  }
  const loaded = await loadBatch(typeof input === 'string' ? input : input.toString('utf8'), args);
  let exclude: ExcludedEvent[] = [];
  if (loaded.note) io.stderr(`batch-studio send: ${loaded.note}\n`);
  if (loaded.errors.length > 0) {
    const shown = loaded.errors.slice(0, ERRORS_SHOWN);
    const more = loaded.errors.length - shown.length;
    io.stderr(
      printable(shown.join('\n')) +
        '\n' +
        (more > 0 ? `… and ${count(more)} more (batch-studio lint ${args.file} lists them all).\n` : ''),
    );
    if (!loaded.batch) {
      io.stderr(
        `batch-studio send: nothing sent: ${args.file} is not an object of collections to arrays of events, so it cannot be split into events.\n`,
      );
      return EXIT.failed;
    }
    if (args.force)
      io.stderr(`batch-studio send: sending despite ${plural(loaded.errors.length, 'error')} (--force).\n`);
    else if (args.validOnly && loaded.exclusions) {
      exclude = loaded.exclusions;
      io.stderr(
        `batch-studio send: leaving out ${plural(exclude.length, 'event')} with errors (--valid-only); they are reported as not-sent.\n`,
      );
    } else {
      const hint = args.validOnly
        ? 'Some errors belong to no event, so --valid-only cannot leave them out. Fix them'
        : 'Fix them, send only the valid events with --valid-only';
      io.stderr(
        `batch-studio send: nothing sent: ${plural(loaded.errors.length, 'error')}. ${hint}, or use --force to send anyway (the API will reject those events).\n`,
      );
      return EXIT.failed;
    }
  }
  if (loaded.notEvents && exclude.length === 0) exclude = loaded.notEvents;
  return { source: objectSource(loaded.batch ?? {}), exclude };
}

export async function run(argv: string[], io: CliIo, input?: SendInput): Promise<number> {
  let args = parseSendArgs(argv, input !== undefined);
  let apiKey: string;
  if (args.profile !== undefined) {
    const target = await (await profilesModule()).resolveProfileTarget(io, argv, args.profile, args.confirmProduction);
    args = { ...args, url: target.url, projectId: target.projectId };
    apiKey = args.apiKeyEnv !== undefined ? apiKeyFrom(io, args.apiKeyEnv) : target.apiKey;
  } else {
    apiKey = apiKeyFrom(io, args.apiKeyEnv ?? '');
  }

  let content: Buffer | string;
  let source = input?.source ?? args.file;
  if (input) content = input.text;
  else if (args.resendFailures !== undefined) {
    const failures = await (await historyModules()).loadFailures(io, argv, args.resendFailures);
    if (typeof failures === 'number') return failures;
    content = failures.text;
    source = failures.source;
  } else {
    try {
      content = await readUtf8Bytes(resolve(io.cwd, args.file));
    } catch (error) {
      io.stderr(`batch-studio send: cannot read '${args.file}': ${fileErrorReason(error)}.\n`);
      return EXIT.usage;
    }
  }

  let loaded;
  try {
    loaded = await loadSource(content, args, io);
  } catch (error) {
    if (!(error instanceof LoadCancelled)) throw error;
    io.stderr('batch-studio send: stopped before anything was sent.\n');
    return interruptedExit(io.interrupted);
  }
  if (typeof loaded === 'number') return loaded;
  const events = loaded.source;

  const history = args.noRecord ? undefined : await historyModules();
  const recording = !history
    ? undefined
    : await history.startRecording(
        history.cliHistory(io, argv),
        {
          startedAt: new Date().toISOString(),
          target: {
            ...(args.profile !== undefined ? { name: args.profile } : {}),
            url: args.url,
            projectId: args.projectId,
          },
          source,
          batchText: typeof content === 'string' ? content : content.toString('utf8'),
          collections: events.names.map((name, c) => ({
            name,
            events: (events.firsts[c + 1] ?? 0) - (events.firsts[c] ?? 0),
          })),
        },
        (message) => io.stderr(`batch-studio send: ${message}\n`),
        apiKey,
      );
  const progress = progressPrinter(io);
  const result = await sendBatch({
    source: events,
    url: args.url,
    projectId: args.projectId,
    apiKey,
    chunkSize: effectiveChunkSize(args.chunkSize),
    retries: args.retries,
    timeoutMs: args.timeoutMs,
    exclude: loaded.exclude,
    signal: io.interrupted,
    onProgress: progress.update,
    ...(recording ? { onDelivery: recording.onDelivery } : {}),
  });
  progress.end();
  // Stopped by a signal: the journal already holds every outcome known so far, so the run is left as an
  // incomplete one (as after a crash) instead of spending seconds on writing the rest before exiting.
  const stopped = result.cancelled && io.interrupted.aborted;
  if (stopped) recording?.abandon();
  if (stopped && recording?.id) io.stderr(`Run ${recording.id} kept in history as incomplete\n`);
  const recorded = stopped
    ? undefined
    : await recording?.finish({
        finishedAt: new Date().toISOString(),
        cancelled: result.cancelled,
        outcomes: result.outcomes,
        requests: result.requests,
      });
  if (recorded) io.stderr(`Run ${recorded.id} recorded\n`);

  const summary = result.summary;
  if (args.json) jsonReport(io, args, result, summary, recorded?.id ?? (stopped ? recording?.id : undefined));
  else io.stdout(textReport(args, result, summary));
  if (args.results) {
    try {
      await writeFile(resolve(io.cwd, args.results.file), args.results.write(result.outcomes));
    } catch (error) {
      io.stderr(`batch-studio send: cannot write '${args.results.file}': ${fileErrorReason(error)}.\n`);
      return EXIT.usage;
    }
  }
  if (result.cancelled) return interruptedExit(io.interrupted);
  const delivered = summary.total.accepted + summary.total.duplicate === summary.total.events;
  return delivered ? EXIT.ok : EXIT.failed;
}
