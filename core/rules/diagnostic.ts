// The linter's vocabulary (spec §8): rule codes, severities and the diagnostic every rule reports.
import type { EventRuleCode } from './event-rules';

export type Severity = 'error' | 'warning' | 'info';

/** Every code the linter reports: the whole-batch ones, the API's own event rules (spec §4), and the linter's advice. */
export type RuleCode =
  | 'json-syntax'
  | 'batch-not-object'
  | 'collection-not-array'
  | 'collection-name-invalid'
  | EventRuleCode
  | 'timestamp-not-utc'
  | 'id-duplicate-in-batch'
  | 'id-missing'
  | 'event-empty'
  | 'batch-over-limit'
  | 'array-property'
  | 'duplicate-key'
  | 'schema-violation';

export interface Diagnostic {
  readonly code: RuleCode;
  readonly severity: Severity;
  /** For a person: what, where, why, what to do. */
  readonly message: string;
  readonly collection?: string;
  /** Event index inside its collection. */
  readonly index?: number;
  /** JSON Pointer inside the event (`/items/0/first.name`); '' for the whole event or batch. */
  readonly path: string;
  /** 1-based line and column (UTF-16 code units) of the start of the range. */
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  /** 0-based offsets into the text (UTF-16 code units), end exclusive. */
  readonly start: number;
  readonly end: number;
  /** A one-click repair the editor may offer: replace [start, end) with `replacement`. */
  readonly fix?: QuickFix;
}

export interface QuickFix {
  /** Shown on the button or menu, e.g. "Rename to `a_b`". */
  readonly title: string;
  readonly start: number;
  readonly end: number;
  readonly replacement: string;
}

/** One problem a collection's schema finds in an event (for `schema-violation`). */
export interface SchemaProblem {
  /** Path inside the event, as property names and array positions. */
  readonly path: readonly (string | number)[];
  readonly message: string;
}

/** Checks one event against its collection's schema; compiled by core/schemas, passed in so the linter stays validator-agnostic. */
export type EventSchemaCheck = (event: unknown) => readonly SchemaProblem[];

export interface LintOptions {
  /** Per collection name, a compiled schema check; events of other collections are not checked. */
  readonly schemas?: Readonly<Record<string, EventSchemaCheck>>;
}

export interface LintSummary {
  readonly errors: number;
  readonly warnings: number;
  readonly infos: number;
  readonly collections: number;
  readonly events: number;
}

export interface LintResult {
  readonly diagnostics: readonly Diagnostic[];
  readonly summary: LintSummary;
  /** The batch as JSON.parse would give it, when the text is a JSON object of collections to arrays. */
  readonly batch?: Readonly<Record<string, readonly unknown[]>>;
}
