// A schema error as a record (keyword, where in the event, the values involved): what messages are built
// from, so no sentence of the validator is ever read back outside validator-errors.ts.
import type { PathSegment } from '../json/path';

/** The values a message needs; which are set depends on the keyword. */
export interface SchemaErrorParams {
  /** `type`: the allowed JSON types, as the schema names them. */
  readonly types?: readonly string[];
  /** `enum`: the allowed values. */
  readonly allowed?: readonly unknown[];
  /** `const`: the only allowed value. */
  readonly expected?: unknown;
  /** `format`: its name. */
  readonly format?: string;
  /** `required`: the name that is missing. */
  readonly missing?: string;
  /** `dependentRequired` / `dependencies`: the name present, and the one it needs. */
  readonly has?: string;
  readonly needs?: string;
  /** Lengths, counts and bounds: the schema's number, as written. */
  readonly limit?: string;
  /** `minimum` / `maximum` of draft 4 with the exclusive flag set. */
  readonly exclusive?: boolean;
  /** `pattern`: the regular expression, when the schema could be followed to it. */
  readonly pattern?: string;
  /** `multipleOf`: the divisor. */
  readonly divisor?: string;
  /** `uniqueItems`: the first two equal positions. */
  readonly first?: number;
  readonly second?: number;
  /** `oneOf`: how many alternatives matched. */
  readonly matches?: number;
  /** `propertyNames`: the name that is refused. */
  readonly name?: string;
  /** Any keyword this app has no sentence for: the validator's text, shown as it is. */
  readonly text?: string;
}

export interface SchemaError {
  readonly keyword: string;
  /** Where in the event, as property names and array positions. */
  readonly instancePath: readonly PathSegment[];
  /** JSON Pointer of the keyword in the schema (`#/properties/a/type`): tells which errors another summarises. */
  readonly keywordLocation: string;
  readonly params: SchemaErrorParams;
}
