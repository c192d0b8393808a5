// The common keywords of tracking plans (types, required, properties, enums, formats, ranges, items),
// checked by a tree of closures built once per schema: no code generation, so it runs under the
// renderer's CSP, and no per-event interpretation of the schema. It gives the validator's own answers
// and error records (same keywords, locations and texts, wrappers left out), so the messages built from
// them are the same; a test compares the two. For a schema using any other keyword it is not built, and
// the validator (@cfworker/json-schema) does the work.
import { deepCompareStrict, encodePointer, ucs2length, type SchemaDraft } from '@cfworker/json-schema';
import { formatCheck } from './quick-formats';
import type { SchemaError, SchemaErrorParams } from './schema-error';
import { isJsonObject } from '../json/value';

type Test = (value: unknown) => boolean;
type Path = readonly (string | number)[];
/** Adds the errors of a value that failed `test`; locations are built only here, on the slow path. */
type Collect = (value: unknown, at: Path, schemaAt: string, out: SchemaError[]) => void;

/** A JSON type a node's test is exactly (its only keyword): its parent tests it in place, without a call. */
type OnlyType = 'string' | 'number' | 'integer' | 'boolean' | 'object' | undefined;

interface Node {
  readonly test: Test;
  readonly collect: Collect;
  readonly only: OnlyType;
}

/** Keywords that only describe (or hold definitions reached through `$ref`, which is not handled here). */
const ANNOTATIONS = new Set([
  '$schema',
  '$id',
  '$comment',
  'title',
  'description',
  'default',
  'examples',
  'deprecated',
  'readOnly',
  'writeOnly',
  'contentMediaType',
  'contentEncoding',
]);
const HANDLED = new Set([
  'type',
  'enum',
  'const',
  'required',
  'properties',
  'additionalProperties',
  'items',
  'minItems',
  'maxItems',
  'minLength',
  'maxLength',
  'pattern',
  'format',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'minProperties',
  'maxProperties',
]);

const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
const hasOwn = (object: object, key: string): boolean => Object.prototype.hasOwnProperty.call(object, key);

const pointer = (at: Path): string => {
  let text = '#';
  for (const segment of at) text += `/${typeof segment === 'number' ? segment : encodePointer(segment)}`;
  return text;
};

const TYPE_TESTS: Record<string, Test> = {
  string: (v) => typeof v === 'string',
  number: (v) => typeof v === 'number',
  integer: (v) => typeof v === 'number' && v % 1 === 0 && v === v,
  boolean: (v) => typeof v === 'boolean',
  null: (v) => v === null,
  array: (v) => Array.isArray(v),
  object: isJsonObject,
};

/** node.test(value), with the one-type nodes (most leaves of a tracking plan) tested in place. */
function passes(node: Node, value: unknown): boolean {
  switch (node.only) {
    case 'string':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number';
    case 'integer':
      return typeof value === 'number' && value % 1 === 0 && value === value;
    case 'boolean':
      return typeof value === 'boolean';
    case 'object':
      return isJsonObject(value);
    default:
      return node.test(value);
  }
}

/** Every test holds: direct calls for the usual two or three, no loop. */
function allOf(tests: readonly Test[]): Test {
  const [a, b, c] = tests;
  if (a === undefined) return () => true;
  if (b === undefined) return a;
  if (c === undefined) return (v) => a(v) && b(v);
  if (tests.length === 3) return (v) => a(v) && b(v) && c(v);
  return (v) => {
    for (const test of tests) if (!test(v)) return false;
    return true;
  };
}

const sameAs =
  (expected: unknown): Test =>
  (v) =>
    typeof v === 'object' && v !== null ? deepCompareStrict(v, expected) : v === expected;

/** `enum`: a set look-up when every allowed value is a string, a number or a boolean (most tracking plans). */
function oneOf(values: readonly unknown[]): Test {
  const primitive = values.every(
    (value) =>
      typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && value === value),
  );
  if (primitive) {
    // === and the set's SameValueZero differ only on NaN, which the allowed values exclude.
    const allowed = new Set(values);
    return (v) => allowed.has(v);
  }
  const tests = values.map(sameAs);
  return (v) => {
    for (const t of tests) if (t(v)) return true;
    return false;
  };
}

/** The object keywords' test: `lenient` passes any value that is not an object, `strict` none. */
interface ObjectTest {
  readonly lenient: Test;
  readonly strict: Test;
}

/**
 * required, properties, additionalProperties and the property counts of one object, in one closure: the
 * object is read once, and one-type properties are tested in place.
 */
function objectKeywordsTest(
  required: readonly string[],
  properties: readonly (readonly [string, Node])[],
  additional: Node | undefined,
  known: ReadonlySet<string>,
  minProperties: number | undefined,
  maxProperties: number | undefined,
): ObjectTest {
  const names = properties.map(([name]) => name);
  const nodes = properties.map(([, node]) => node);
  const count = names.length;
  const body = (v: Record<string, unknown>): boolean => {
    for (const name of required) if (!hasOwn(v, name)) return false;
    for (let i = 0; i < count; i++) {
      const name = names[i] as string;
      if (hasOwn(v, name) && !passes(nodes[i] as Node, v[name])) return false;
    }
    if (additional) for (const key in v) if (!known.has(key) && !passes(additional, v[key])) return false;
    if (minProperties !== undefined && Object.keys(v).length < minProperties) return false;
    if (maxProperties !== undefined && Object.keys(v).length > maxProperties) return false;
    return true;
  };
  return { lenient: (v) => !isJsonObject(v) || body(v), strict: (v) => isJsonObject(v) && body(v) };
}

function build(schema: unknown): Node | undefined {
  if (schema === true) return { test: () => true, collect: () => undefined, only: undefined };
  if (schema === false) {
    return {
      test: () => false,
      collect: (_v, at, _schemaAt, out) => {
        out.push({ keyword: 'false', instancePath: at, keywordLocation: pointer(at), params: {} });
      },
      only: undefined,
    };
  }
  if (!isJsonObject(schema)) return undefined;
  for (const key of Object.keys(schema)) if (!HANDLED.has(key) && !ANNOTATIONS.has(key)) return undefined;
  // Error records in the validator's order, so the errors come out in the same order.
  const checks: Collect[] = [];
  // The yes/no test in any order (the keywords have no effects): the type first, then one closure for
  // the object keywords together, then the rest.
  let typeTest: Test | undefined;
  let onlyType: OnlyType;
  let objectTest: ObjectTest | undefined;
  const otherTests: Test[] = [];
  const simple =
    (keyword: string, test: Test, params: SchemaErrorParams): Collect =>
    (v, at, schemaAt, out) => {
      if (!test(v)) out.push({ keyword, instancePath: at, keywordLocation: `${schemaAt}/${keyword}`, params });
    };
  const other = (keyword: string, test: Test, params: SchemaErrorParams): void => {
    checks.push(simple(keyword, test, params));
    otherTests.push(test);
  };

  const type = schema['type'];
  if (type !== undefined) {
    const names = Array.isArray(type) ? type : [type];
    if (names.length === 0 || !names.every((t) => typeof t === 'string' && TYPE_TESTS[t])) return undefined;
    const tests = names.map((t) => TYPE_TESTS[t as string] as Test);
    const test: Test =
      tests.length === 1
        ? (tests[0] as Test)
        : (v) => {
            for (const t of tests) if (t(v)) return true;
            return false;
          };
    checks.push(simple('type', test, { types: names as string[] }));
    typeTest = test;
    const single = names.length === 1 ? names[0] : undefined;
    onlyType =
      single === 'string' || single === 'number' || single === 'integer' || single === 'boolean' || single === 'object'
        ? single
        : undefined;
  }
  if (schema['const'] !== undefined) {
    const constant = schema['const'];
    other('const', sameAs(constant), { expected: constant });
  }
  if (schema['enum'] !== undefined) {
    const values = schema['enum'];
    if (!Array.isArray(values)) return undefined;
    other('enum', oneOf(values), { allowed: values });
  }

  // Objects.
  const required = schema['required'];
  const properties = schema['properties'];
  const additional = schema['additionalProperties'];
  const minProperties = schema['minProperties'];
  const maxProperties = schema['maxProperties'];
  if (required !== undefined && (!Array.isArray(required) || !required.every((r) => typeof r === 'string')))
    return undefined;
  if (properties !== undefined && !isJsonObject(properties)) return undefined;
  if (
    (minProperties !== undefined && !isCount(minProperties)) ||
    (maxProperties !== undefined && !isCount(maxProperties))
  )
    return undefined;
  const propertyNodes: [string, Node][] = [];
  for (const [name, sub] of Object.entries(properties ?? {})) {
    const node = build(sub);
    if (!node) return undefined;
    propertyNodes.push([name, node]);
  }
  const known = new Set(propertyNodes.map(([name]) => name));
  const additionalNode = additional === undefined ? undefined : build(additional);
  if (additional !== undefined && !additionalNode) return undefined;
  if (
    required !== undefined ||
    propertyNodes.length > 0 ||
    additionalNode ||
    minProperties !== undefined ||
    maxProperties !== undefined
  ) {
    objectTest = objectKeywordsTest(
      (required ?? []) as string[],
      propertyNodes,
      additionalNode,
      known,
      minProperties as number | undefined,
      maxProperties as number | undefined,
    );
  }
  if (required !== undefined) {
    const names = required as string[];
    checks.push((v, at, schemaAt, out) => {
      if (!isJsonObject(v)) return;
      for (const name of names) {
        if (!hasOwn(v, name))
          out.push({
            keyword: 'required',
            instancePath: at,
            keywordLocation: `${schemaAt}/required`,
            params: { missing: name },
          });
      }
    });
  }
  if (minProperties !== undefined) {
    const limit = minProperties;
    checks.push(
      simple('minProperties', (v) => !isJsonObject(v) || Object.keys(v).length >= limit, { limit: String(limit) }),
    );
  }
  if (maxProperties !== undefined) {
    const limit = maxProperties;
    checks.push(
      simple('maxProperties', (v) => !isJsonObject(v) || Object.keys(v).length <= limit, { limit: String(limit) }),
    );
  }
  if (propertyNodes.length > 0) {
    // The names' pointer segments are written once here (encodeURI is slow), not for every error.
    const located = propertyNodes.map(([name, node]) => [name, node, `/properties/${encodePointer(name)}`] as const);
    checks.push((v, at, schemaAt, out) => {
      if (!isJsonObject(v)) return;
      for (const [name, node, location] of located) {
        if (hasOwn(v, name) && !node.test(v[name])) node.collect(v[name], [...at, name], schemaAt + location, out);
      }
    });
  }
  if (additionalNode) {
    const node = additionalNode;
    checks.push((v, at, schemaAt, out) => {
      if (!isJsonObject(v)) return;
      for (const key in v)
        if (!known.has(key) && !node.test(v[key]))
          node.collect(v[key], [...at, key], `${schemaAt}/additionalProperties`, out);
    });
  }

  // Arrays: items as one schema (the tuple form of draft-07 is left to the validator), sizes.
  const items = schema['items'];
  const minItems = schema['minItems'];
  const maxItems = schema['maxItems'];
  if (Array.isArray(items)) return undefined;
  if ((minItems !== undefined && !isCount(minItems)) || (maxItems !== undefined && !isCount(maxItems)))
    return undefined;
  if (maxItems !== undefined) {
    const limit = maxItems;
    other('maxItems', (v) => !Array.isArray(v) || v.length <= limit, { limit: String(limit) });
  }
  if (minItems !== undefined) {
    const limit = minItems;
    other('minItems', (v) => !Array.isArray(v) || v.length >= limit, { limit: String(limit) });
  }
  if (items !== undefined) {
    const node = build(items);
    if (!node) return undefined;
    otherTests.push((v) => {
      if (!Array.isArray(v)) return true;
      for (const item of v) if (!passes(node, item)) return false;
      return true;
    });
    checks.push((v, at, schemaAt, out) => {
      if (!Array.isArray(v)) return;
      v.forEach((item, i) => {
        if (!node.test(item)) node.collect(item, [...at, i], `${schemaAt}/items`, out);
      });
    });
  }

  // Numbers (draft 6 and later: exclusive bounds are numbers).
  const bounds = ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum'] as const;
  for (const keyword of bounds) {
    const limit = schema[keyword];
    if (limit === undefined) continue;
    if (typeof limit !== 'number') return undefined;
    const test: Test =
      keyword === 'minimum'
        ? (v) => typeof v !== 'number' || !(v < limit)
        : keyword === 'maximum'
          ? (v) => typeof v !== 'number' || !(v > limit)
          : keyword === 'exclusiveMinimum'
            ? (v) => typeof v !== 'number' || !(v <= limit)
            : (v) => typeof v !== 'number' || !(v >= limit);
    other(keyword, test, { limit: String(limit), exclusive: keyword.startsWith('exclusive') });
  }

  // Strings: lengths in code points, pattern (compiled once here), format.
  const minLength = schema['minLength'];
  const maxLength = schema['maxLength'];
  const pattern = schema['pattern'];
  const formatName = schema['format'];
  if ((minLength !== undefined && !isCount(minLength)) || (maxLength !== undefined && !isCount(maxLength)))
    return undefined;
  if (
    (pattern !== undefined && typeof pattern !== 'string') ||
    (formatName !== undefined && typeof formatName !== 'string')
  )
    return undefined;
  if (minLength !== undefined) {
    const limit = minLength;
    other('minLength', (v) => typeof v !== 'string' || ucs2length(v) >= limit, { limit: String(limit) });
  }
  if (maxLength !== undefined) {
    const limit = maxLength;
    other('maxLength', (v) => typeof v !== 'string' || ucs2length(v) <= limit, { limit: String(limit) });
  }
  if (pattern !== undefined) {
    let regex: RegExp;
    try {
      regex = new RegExp(pattern, 'u');
    } catch {
      return undefined;
    }
    other('pattern', (v) => typeof v !== 'string' || regex.test(v), { pattern });
  }
  // Unknown formats are not asserted, as in the validator.
  const quickFormat = formatName === undefined ? undefined : formatCheck(formatName);
  if (quickFormat) other('format', (v) => typeof v !== 'string' || quickFormat(v), { format: formatName });

  const tests: Test[] = [];
  // `type: object` with object keywords: one closure tests both.
  if (objectTest && onlyType === 'object') tests.push(objectTest.strict);
  else {
    if (typeTest) tests.push(typeTest);
    if (objectTest) tests.push(objectTest.lenient);
  }
  tests.push(...otherTests);
  return {
    test: allOf(tests),
    collect: (v, at, schemaAt, out) => {
      for (const collect of checks) collect(v, at, schemaAt, out);
    },
    only: tests.length === 1 && tests[0] === typeTest ? onlyType : undefined,
  };
}

export interface QuickCheck {
  /** Does the event match? */
  readonly test: Test;
  /** The validator's error records for an event that does not (wrappers left out). */
  readonly errors: (event: unknown) => SchemaError[];
}

/** The quick check of a whole schema, or undefined when the schema needs the full validator. */
export function quickCheck(schema: unknown, draft: SchemaDraft): QuickCheck | undefined {
  // Draft 4 reads exclusive bounds as booleans: left to the validator.
  if (draft === '4') return undefined;
  const node = build(schema);
  if (!node) return undefined;
  return {
    test: node.test,
    errors: (event) => {
      const out: SchemaError[] = [];
      node.collect(event, [], '#', out);
      return out;
    },
  };
}
