// batch-studio lint FILE [--json] [--schemas DIR]: checks a batch file against every rule and prints each problem.
import { resolve } from 'node:path';
import type { Diagnostic, LintSummary } from '../../../core/rules/diagnostic';
import { lintBatchSteps } from '../../../core/rules/lint';
import { plural } from '../../../core/text/plural';
import { EXIT, readUtf8File, UsageError, type CliIo } from '../io';
import { fileErrorReason, readFlags } from '../command-line';
import { loadSchemaFolder, schemaProblemLines, SchemaFolderError } from '../../services/schema-folder';
import { lintAsCollection } from './lint-collection';

export function summaryLine(summary: LintSummary): string {
  const found =
    summary.errors + summary.warnings + summary.infos === 0
      ? 'no problems'
      : [plural(summary.errors, 'error'), plural(summary.warnings, 'warning'), plural(summary.infos, 'info')].join(
          ', ',
        );
  return `${found} in ${plural(summary.events, 'event')} of ${plural(summary.collections, 'collection')}`;
}

/** The `--json` form of spec §10: the listed fields only, absent ones as null, so every entry has one shape. */
type Reported = Pick<Diagnostic, 'code' | 'severity' | 'message' | 'path' | 'line' | 'column'> & {
  readonly collection?: string | null;
  readonly index?: number | null;
};

const jsonDiagnostic = (d: Reported) => ({
  code: d.code,
  severity: d.severity,
  message: d.message,
  collection: d.collection ?? null,
  index: d.index ?? null,
  path: d.path,
  line: d.line,
  column: d.column,
});

/** A message quotes names from the file, which may hold line breaks: keep one diagnostic per line. */
const oneLine = (text: string): string => text.replace(/\r/g, '\\r').replace(/\n/g, '\\n');

/** Writes a large output in pieces, so 100,000 lines never become one giant string. */
function writeLines(write: (text: string) => void, lines: Iterable<string>): void {
  let chunk: string[] = [];
  for (const line of lines) {
    chunk.push(line);
    if (chunk.length === 2_000) {
      write(chunk.join('\n') + '\n');
      chunk = [];
    }
  }
  if (chunk.length > 0) write(chunk.join('\n') + '\n');
}

// A turn for the event loop at least this often, so SIGINT/SIGTERM are seen within 200 ms (issue 8 §4).
const SLICE_MS = 10;

/** Drives a stepped computation to its end, yielding to the event loop between slices; undefined once aborted. */
async function runSteps<T>(steps: Generator<unknown, T>, signal: AbortSignal): Promise<T | undefined> {
  let sliceStart = performance.now();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (performance.now() - sliceStart < SLICE_MS) continue;
    await new Promise((resolve) => setImmediate(resolve));
    if (signal.aborted) return undefined;
    sliceStart = performance.now();
  }
}

/** 128 + the signal's number, as shells report it: SIGTERM 143, SIGINT (and anything else) 130. */
const interruptedExit = (signal: AbortSignal): number => (signal.reason === 'SIGTERM' ? 143 : 130);

export async function run(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = readFlags(argv, {
    json: { type: 'boolean', default: false },
    schemas: { type: 'string' },
    collection: { type: 'string' },
  });
  if (positionals.length !== 1)
    throw new UsageError(positionals.length === 0 ? 'name the batch file to check.' : 'check one file at a time.');
  const file = positionals[0] as string;
  let schemas;
  if (values.schemas !== undefined) {
    try {
      const loaded = await loadSchemaFolder(resolve(io.cwd, values.schemas), values.schemas);
      // A broken schema file is reported; the other collections are still checked against theirs.
      for (const line of schemaProblemLines(loaded.problems)) io.stderr(`batch-studio lint: ${line}\n`);
      schemas = loaded.checks;
    } catch (error) {
      if (!(error instanceof SchemaFolderError)) throw error;
      io.stderr(`batch-studio lint: ${error.message}\n`);
      return EXIT.usage;
    }
  }

  let text: string;
  try {
    text = await readUtf8File(resolve(io.cwd, file));
  } catch (error) {
    io.stderr(`batch-studio lint: cannot read '${file}': ${fileErrorReason(error)}.\n`);
    return EXIT.usage;
  }

  // NDJSON, CSV and arrays are events of the collection named; a batch names its own collections.
  const result: { diagnostics: readonly Reported[]; summary: LintSummary } | undefined =
    values.collection !== undefined
      ? lintAsCollection(text, file, values.collection, schemas ? { schemas } : {})
      : await runSteps(lintBatchSteps(text, schemas ? { schemas } : {}), io.interrupted);
  if (result === undefined) {
    io.stderr(`batch-studio lint: interrupted: '${file}' was not checked to the end, so nothing is reported.\n`);
    return interruptedExit(io.interrupted);
  }
  if (values.json) {
    // Streamed by hand: one JSON.stringify of 100,000 diagnostics would be a single huge string.
    io.stdout('{"diagnostics": [');
    writeLines(
      io.stdout,
      result.diagnostics.map((d, i) => (i === 0 ? '' : ',') + JSON.stringify(jsonDiagnostic(d))),
    );
    io.stdout(`], "summary": ${JSON.stringify({ file, ...result.summary })}}\n`);
  } else {
    writeLines(
      io.stdout,
      result.diagnostics.map((d) => `${file}:${d.line}:${d.column} ${d.severity} ${d.code} ${oneLine(d.message)}`),
    );
    io.stderr(`${file}: ${summaryLine(result.summary)}.\n`);
  }
  return result.summary.errors > 0 ? EXIT.failed : EXIT.ok;
}
