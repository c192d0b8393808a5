// Lint diagnostics and server rejections as Monaco markers, each at its exact range with its code.
import type { Diagnostic, Severity } from '../../core/rules/diagnostic';
import { monaco } from './monaco';

/** Marker owners: our linter and the last send's rejected events (Monaco's JSON service owns 'json'). */
export const LINT_OWNER = 'batch-lint';
export const RESULTS_OWNER = 'batch-results';

const severities: Record<Severity, monaco.MarkerSeverity> = {
  error: monaco.MarkerSeverity.Error,
  warning: monaco.MarkerSeverity.Warning,
  info: monaco.MarkerSeverity.Info,
};

export function diagnosticMarker(d: Diagnostic): monaco.editor.IMarkerData {
  return {
    severity: severities[d.severity],
    code: d.code,
    message: d.message,
    source: 'Batch Studio',
    startLineNumber: d.line,
    startColumn: d.column,
    endLineNumber: d.endLine,
    // An empty range would draw nothing: widen it to one character.
    endColumn: d.endLine === d.line && d.endColumn <= d.column ? d.column + 1 : d.endColumn,
  };
}

const latest = new WeakMap<monaco.editor.ITextModel, { version: number; diagnostics: readonly Diagnostic[] }>();

export function setLintMarkers(
  model: monaco.editor.ITextModel,
  diagnostics: readonly Diagnostic[],
  version = model.getVersionId(),
): void {
  latest.set(model, { version, diagnostics });
  monaco.editor.setModelMarkers(model, LINT_OWNER, diagnostics.map(diagnosticMarker));
}

/** The diagnostic behind a lint marker, while the text is still the one that was linted (its offsets hold). */
export function diagnosticOf(
  model: monaco.editor.ITextModel,
  marker: monaco.editor.IMarkerData,
): Diagnostic | undefined {
  const entry = latest.get(model);
  if (!entry || entry.version !== model.getVersionId()) return undefined;
  const code = typeof marker.code === 'string' ? marker.code : marker.code?.value;
  return entry.diagnostics.find(
    (d) => d.code === code && d.line === marker.startLineNumber && d.column === marker.startColumn,
  );
}

export interface Rejection {
  readonly message: string;
  readonly startLine: number;
  readonly startColumn: number;
  readonly endLine: number;
  readonly endColumn: number;
}

export function setRejectionMarkers(model: monaco.editor.ITextModel, rejections: readonly Rejection[]): void {
  monaco.editor.setModelMarkers(
    model,
    RESULTS_OWNER,
    rejections.map((r) => ({
      severity: monaco.MarkerSeverity.Error,
      code: 'rejected',
      message: `Rejected by the server: ${r.message}`,
      source: 'Last send',
      startLineNumber: r.startLine,
      startColumn: r.startColumn,
      endLineNumber: r.endLine,
      endColumn: r.endColumn,
    })),
  );
}
