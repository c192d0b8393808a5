// A collection's JSON Schema → a check of one event, compiled once per schema text and kept in a cache.
// The validator interprets schemas (no code generation), so the same check runs under the renderer's
// strict CSP, in the CLI and in the sandbox: a rule lives in one place.
import { dereference, validate, type Schema, type SchemaDraft } from '@cfworker/json-schema';
import { quickCheck } from './fast-check';
import { problemsOf, type SchemaFinding } from './problem-message';
import { fromValidator } from './validator-errors';
import { isJsonObject } from '../json/value';

/** Checks one event; usable wherever core's `EventSchemaCheck` is expected (the linter's `schemas`). */
export type EventSchemaValidator = (event: unknown) => readonly SchemaFinding[];

export type CompiledSchema =
  | { readonly ok: true; readonly check: EventSchemaValidator; readonly draft: SchemaDraft }
  | { readonly ok: false; readonly reason: string };

const DRAFTS: readonly (readonly [RegExp, SchemaDraft])[] = [
  [/^https?:\/\/json-schema\.org\/draft\/2020-12\/schema#?$/, '2020-12'],
  [/^https?:\/\/json-schema\.org\/draft\/2019-09\/schema#?$/, '2019-09'],
  [/^https?:\/\/json-schema\.org\/draft-07\/schema#?$/, '7'],
  [/^https?:\/\/json-schema\.org\/draft-04\/schema#?$/, '4'],
];

const TYPES = new Set(['array', 'boolean', 'integer', 'null', 'number', 'object', 'string']);

/** Which draft a schema declares; 2020-12 when it declares none. */
function draftOf(schema: unknown): SchemaDraft | string {
  if (!isJsonObject(schema) || schema['$schema'] === undefined) return '2020-12';
  const declared = schema['$schema'];
  if (typeof declared !== 'string') return '`$schema` is not a string';
  for (const [pattern, draft] of DRAFTS) if (pattern.test(declared)) return draft;
  return `\`$schema\` "${declared}" is not a draft this app knows (use draft 2020-12 or draft-07)`;
}

/**
 * The mistakes people make when writing a schema by hand, found before any event is checked: the
 * validator would otherwise throw on the first event that reaches them, or silently accept everything.
 */
function structureProblem(schema: unknown, where: string): string | undefined {
  if (typeof schema === 'boolean') return undefined;
  if (!isJsonObject(schema)) return `${where || 'the schema'} must be an object or a boolean`;
  const at = (keyword: string) => `${where}/${keyword}`;
  const type = schema['type'];
  if (type !== undefined) {
    const types = Array.isArray(type) ? type : [type];
    const wrong = types.find((t) => typeof t !== 'string' || !TYPES.has(t));
    if (wrong !== undefined || types.length === 0)
      return `${at('type')}: ${JSON.stringify(wrong)} is not a JSON type (use ${[...TYPES].join(', ')})`;
  }
  const required = schema['required'];
  if (required !== undefined && (!Array.isArray(required) || required.some((r) => typeof r !== 'string')))
    return `${at('required')} must be an array of property names`;
  if (schema['enum'] !== undefined && !Array.isArray(schema['enum']))
    return `${at('enum')} must be an array of allowed values`;
  for (const keyword of ['pattern'] as const) {
    const pattern = schema[keyword];
    if (pattern === undefined) continue;
    if (typeof pattern !== 'string') return `${at(keyword)} must be a string`;
    try {
      new RegExp(pattern, 'u');
    } catch (error) {
      return `${at(keyword)} is not a valid regular expression (${error instanceof Error ? error.message : String(error)})`;
    }
  }
  for (const keyword of ['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas'] as const) {
    const map = schema[keyword];
    if (map === undefined) continue;
    if (!isJsonObject(map)) return `${at(keyword)} must be an object of schemas`;
    for (const [name, sub] of Object.entries(map)) {
      const problem = structureProblem(sub, `${at(keyword)}/${name}`);
      if (problem) return problem;
    }
  }
  for (const keyword of ['allOf', 'anyOf', 'oneOf', 'prefixItems'] as const) {
    const list = schema[keyword];
    if (list === undefined) continue;
    if (!Array.isArray(list) || list.length === 0) return `${at(keyword)} must be a non-empty array of schemas`;
    for (let i = 0; i < list.length; i++) {
      const problem = structureProblem(list[i], `${at(keyword)}/${i}`);
      if (problem) return problem;
    }
  }
  for (const keyword of [
    'items',
    'additionalProperties',
    'additionalItems',
    'not',
    'if',
    'then',
    'else',
    'contains',
    'propertyNames',
    'unevaluatedProperties',
    'unevaluatedItems',
  ] as const) {
    const sub = schema[keyword];
    if (sub === undefined) continue;
    // Draft-07 allows `items` as an array of schemas (a tuple).
    if (keyword === 'items' && Array.isArray(sub)) {
      for (let i = 0; i < sub.length; i++) {
        const problem = structureProblem(sub[i], `${at(keyword)}/${i}`);
        if (problem) return problem;
      }
      continue;
    }
    const problem = structureProblem(sub, at(keyword));
    if (problem) return problem;
  }
  return undefined;
}

/** Every `$ref` must point at a schema we hold: no schema is ever fetched over the network. */
function unresolvedRef(schema: unknown, lookup: Record<string, unknown>): string | undefined {
  const stack: unknown[] = [schema];
  while (stack.length > 0) {
    const node = stack.pop();
    if (Array.isArray(node)) stack.push(...node);
    else if (isJsonObject(node)) {
      const ref = node['$ref'];
      const absolute = (node as { __absolute_ref__?: string }).__absolute_ref__;
      if (typeof ref === 'string' && (absolute === undefined || lookup[absolute] === undefined)) return ref;
      for (const value of Object.values(node)) if (typeof value === 'object' && value !== null) stack.push(value);
    }
  }
  return undefined;
}

function compileUncached(schema: unknown): CompiledSchema {
  const draft = draftOf(schema);
  if (!['2020-12', '2019-09', '7', '4'].includes(draft)) return { ok: false, reason: draft };
  const structure = structureProblem(schema, '');
  if (structure) return { ok: false, reason: structure.startsWith('/') ? `at ${structure}` : structure };
  // The validator annotates the schema objects it is given: work on our own copy.
  const own = JSON.parse(JSON.stringify(schema)) as Schema | boolean;
  let lookup: Record<string, Schema | boolean>;
  try {
    lookup = dereference(own);
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
  const ref = unresolvedRef(own, lookup);
  if (ref !== undefined)
    return {
      ok: false,
      reason: `\`$ref\` "${ref}" points at nothing in this schema (references to other files or URLs are not followed)`,
    };
  const known = draft as SchemaDraft;
  // Schemas of the common keywords are checked by closures built once (same answers and error records as
  // the validator); others by the validator, stopping at the first error for the many valid events and
  // collecting every error only for an invalid one.
  const quick = quickCheck(own, known);
  const check: EventSchemaValidator = quick
    ? (event: unknown): readonly SchemaFinding[] => (quick.test(event) ? NONE : problemsOf(event, quick.errors(event)))
    : (event: unknown): readonly SchemaFinding[] => {
        if (validate(event, own, known, lookup, true).valid) return NONE;
        return problemsOf(event, fromValidator(event, validate(event, own, known, lookup, false).errors, own));
      };
  return { ok: true, check, draft: known };
}

const NONE: readonly SchemaFinding[] = [];

// Keyed by the schema's text: a worker or a server handed the same schemas again reuses the compiled checks.
const cache = new Map<string, CompiledSchema>();
const CACHE_LIMIT = 256;

/** Compiles one collection schema (a parsed JSON value); the same schema text compiles only once. */
export function compileSchema(schema: unknown): CompiledSchema {
  const key = JSON.stringify(schema) ?? 'undefined';
  const known = cache.get(key);
  if (known) return known;
  const compiled = compileUncached(schema);
  if (cache.size >= CACHE_LIMIT) {
    const oldest = cache.keys().next();
    if (!oldest.done) cache.delete(oldest.value);
  }
  cache.set(key, compiled);
  return compiled;
}

export interface SchemaSetProblem {
  readonly collection: string;
  readonly reason: string;
}

export interface CompiledSchemaSet {
  /** Per collection, its check: what `lintBatch(text, { schemas })` takes. */
  readonly checks: Readonly<Record<string, EventSchemaValidator>>;
  /** Schemas that could not be compiled; their collections are not checked, the others are. */
  readonly problems: readonly SchemaSetProblem[];
}

/** Compiles a schema per collection; a broken one is reported and skipped, the others keep working. */
export function compileSchemaSet(schemas: Readonly<Record<string, unknown>>): CompiledSchemaSet {
  const checks: Record<string, EventSchemaValidator> = {};
  const problems: SchemaSetProblem[] = [];
  for (const [collection, schema] of Object.entries(schemas)) {
    const compiled = compileSchema(schema);
    if (compiled.ok) checks[collection] = compiled.check;
    else problems.push({ collection, reason: compiled.reason });
  }
  return { checks, problems };
}
