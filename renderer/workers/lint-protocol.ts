// Messages between the editor and the lint worker: text in, diagnostics and counts out (never the
// parsed batch, which would cost a structured clone of the whole document).
import type { Diagnostic, LintSummary } from '../../core/rules/diagnostic';

export interface LintRequest {
  readonly seq: number;
  readonly text: string;
}

export interface LintResponse {
  readonly seq: number;
  readonly diagnostics: readonly Diagnostic[];
  readonly summary: LintSummary;
  readonly ms: number;
}
