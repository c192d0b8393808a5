// Messages between the editor and the lint worker: the collection schemas when they change, text in,
// diagnostics and counts out (never the parsed batch, which would cost a structured clone of the whole document).
import type { Diagnostic, LintSummary } from '../../core/rules/diagnostic';

export type LintRequest =
  | { readonly kind: 'lint'; readonly seq: number; readonly text: string }
  /** Per collection, its JSON Schema (parsed JSON); compiled once in the worker, used by every later lint. */
  | { readonly kind: 'schemas'; readonly schemas: Readonly<Record<string, unknown>> };

/** One lint's result, as the editor uses it. */
export interface LintResponse {
  readonly seq: number;
  readonly diagnostics: readonly Diagnostic[];
  readonly summary: LintSummary;
  readonly ms: number;
}

/**
 * Diagnostics per message: taking a message in (its structured clone) is one UI task, and 20,000
 * diagnostics in one message held the UI thread for over 100 ms; a part of this size takes a few ms.
 */
export const DIAGNOSTICS_PER_PART = 1_000;

/** What the worker posts: a lint's diagnostics in order, in parts; the last part carries the counts. */
export type LintPart =
  | { readonly seq: number; readonly diagnostics: readonly Diagnostic[]; readonly last: false }
  | (LintResponse & { readonly last: true });
