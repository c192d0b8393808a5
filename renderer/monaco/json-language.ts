// Monaco's JSON service set up for batches: our schema, no network schema requests, and validation and
// the per-edit structure features switched off for big documents (seconds of UI work there; our own
// linter still runs in its worker).
import { batchSchema, BATCH_SCHEMA_URI } from './batch-schema';
import { jsonDefaults, type monaco } from './monaco';

/** Above this many characters Monaco's own JSON validation is off. */
export const LARGE_DOCUMENT_CHARS = 1_000_000;

let validating: boolean | undefined;

export function configureJsonLanguage(validate: boolean): void {
  if (validating === validate) return;
  validating = validate;
  // For a big document the JSON service's per-edit folding ranges, colors, symbols and selection ranges
  // come back as tens of thousands of items for the UI thread to apply: only small documents get them.
  jsonDefaults.setModeConfiguration({
    ...jsonDefaults.modeConfiguration,
    foldingRanges: validate,
    colors: validate,
    documentSymbols: validate,
    selectionRanges: validate,
  });
  jsonDefaults.setDiagnosticsOptions({
    validate,
    allowComments: false,
    trailingCommas: 'error',
    comments: 'error',
    enableSchemaRequest: false,
    schemaRequest: 'ignore',
    schemaValidation: 'error',
    schemas: [{ uri: BATCH_SCHEMA_URI, fileMatch: ['batch-studio://documents/*'], schema: batchSchema }],
  });
}

let pending: ReturnType<typeof setTimeout> | undefined;

/**
 * After an edit: the same switch, made in a task of its own when the size crosses the line. Re-registering
 * the JSON features costs about 15 ms, which a paste's own task can do without; the service's validation
 * and folding wait far longer than one task after an edit, so they never start on a big text.
 */
export function fitJsonLanguageTo(model: monaco.editor.ITextModel): void {
  if (pending || validating === model.getValueLength() <= LARGE_DOCUMENT_CHARS) return;
  pending = setTimeout(() => {
    pending = undefined;
    if (!model.isDisposed()) configureJsonLanguage(model.getValueLength() <= LARGE_DOCUMENT_CHARS);
  }, 0);
}
