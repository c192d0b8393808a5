// `batch-studio lint FILE --collection NAME`: NDJSON, CSV, a JSON array or a Connect export linted as the
// events of one collection, with every problem at the line (and column) of the file, not of a made-up batch.
import { readCsvEvents } from '../../../core/formats/csv-events';
import { importFormatOf } from '../../../core/formats/import-events';
import { readNdjson } from '../../../core/formats/ndjson';
import type { Diagnostic, LintOptions, LintResult } from '../../../core/rules/diagnostic';
import { lintBatch } from '../../../core/rules/lint';

export interface FileDiagnostic {
  readonly code: Diagnostic['code'];
  readonly severity: Diagnostic['severity'];
  readonly message: string;
  readonly collection: string | null;
  readonly index: number | null;
  readonly path: string;
  readonly line: number;
  readonly column: number;
}

export interface CollectionLint {
  readonly diagnostics: FileDiagnostic[];
  readonly summary: LintResult['summary'];
}

const fromDiagnostic = (d: Diagnostic, collection: string, line = d.line, column = d.column): FileDiagnostic => ({
  code: d.code,
  severity: d.severity,
  message: d.message,
  collection: d.collection === undefined ? null : collection,
  index: d.index ?? null,
  path: d.path,
  line,
  column,
});

const notJson = (line: number, column: number | undefined, message: string): FileDiagnostic => ({
  code: 'json-syntax',
  severity: 'error',
  message,
  collection: null,
  index: null,
  path: '',
  line,
  column: column ?? 1,
});

/**
 * NDJSON as a batch whose line N is the file's line N: each event keeps its own text (a comma appended),
 * lines that are not JSON become blank, so every position the linter reports is the file's.
 */
function ndjsonAsBatch(text: string, collection: string): { batchText: string; prefix: number; bad: FileDiagnostic[] } {
  const read = readNdjson(text);
  const badLines = new Set(read.problems.map((p) => p.line));
  const lines = text.replace(/^\ufeff/, '').split('\n');
  const last = read.lines[read.lines.length - 1] ?? 0;
  const prefix = `{${JSON.stringify(collection)}:[`;
  const out = lines.map((line, i) =>
    badLines.has(i + 1) || line.trim() === ''
      ? ''
      : i + 1 === last
        ? line.replace(/\r$/, '')
        : `${line.replace(/\r$/, '')},`,
  );
  out[0] = prefix + (out[0] ?? '');
  out[out.length - 1] = (out[out.length - 1] ?? '') + ']}';
  return {
    batchText: out.join('\n'),
    prefix: prefix.length,
    bad: read.problems.map((p) => notJson(p.line ?? 1, p.column, p.message)),
  };
}

export function lintAsCollection(
  text: string,
  fileName: string,
  collection: string,
  options: LintOptions = {},
): CollectionLint {
  const format = importFormatOf(text, fileName) ?? 'ndjson';
  if (format === 'csv') {
    const read = readCsvEvents(text);
    const batch = Object.create(null) as Record<string, unknown[]>;
    batch[collection] = read.events;
    const result = lintBatch(JSON.stringify(batch), options);
    const diagnostics = read.problems
      .map((p) => notJson(p.line ?? 1, p.column, p.message))
      .concat(
        result.diagnostics.map((d) =>
          fromDiagnostic(d, collection, d.index !== undefined ? (read.lines[d.index] ?? 1) : 1, 1),
        ),
      );
    return { diagnostics, summary: { ...result.summary, errors: result.summary.errors + read.problems.length } };
  }
  if (format === 'export') {
    // The export is already `{"results": [...]}`: linted as it stands, its events reported under NAME.
    const result = lintBatch(text.replace(/^\ufeff/, ''), options);
    return { diagnostics: result.diagnostics.map((d) => fromDiagnostic(d, collection)), summary: result.summary };
  }
  const shaped =
    format === 'json'
      ? {
          batchText: `{${JSON.stringify(collection)}:${text.replace(/^\ufeff/, '')}}`,
          prefix: JSON.stringify(collection).length + 2,
          bad: [],
        }
      : ndjsonAsBatch(text, collection);
  const result = lintBatch(shaped.batchText, options);
  const onFile = (d: Diagnostic) =>
    fromDiagnostic(d, collection, d.line, d.line === 1 ? Math.max(1, d.column - shaped.prefix) : d.column);
  const diagnostics = shaped.bad
    .concat(result.diagnostics.map(onFile))
    .sort((a, b) => a.line - b.line || a.column - b.column);
  return { diagnostics, summary: { ...result.summary, errors: result.summary.errors + shaped.bad.length } };
}
