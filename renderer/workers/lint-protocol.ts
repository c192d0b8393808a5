// Messages between the editor and the lint worker: the collection schemas when they change, text in,
// diagnostics and counts out (never the parsed batch, which would cost a structured clone of the whole document).
import type { Diagnostic, LintSummary } from '../../core/rules/diagnostic';

export type LintRequest =
  | { readonly kind: 'lint'; readonly seq: number; readonly text: string }
  /** Per collection, its JSON Schema (parsed JSON); compiled once in the worker, used by every later lint. */
  | { readonly kind: 'schemas'; readonly schemas: Readonly<Record<string, unknown>> };

export interface LintResponse {
  readonly seq: number;
  readonly diagnostics: readonly Diagnostic[];
  readonly summary: LintSummary;
  readonly ms: number;
}
