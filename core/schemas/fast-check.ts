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

interface Node {
  readonly test: Test;
  readonly collect: Collect;
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

/** One keyword's check: a test, and the error record the validator writes when it fails. */
interface Check {
  readonly test: Test;
  readonly collect: Collect;
}

function build(schema: unknown): Node | undefined {
  if (schema === true) return { test: () => true, collect: () => undefined };
  if (schema === false) {
    return {
      test: () => false,
      collect: (_v, at, _schemaAt, out) => {
        out.push({ keyword: 'false', instancePath: at, keywordLocation: pointer(at), params: {} });
      },
    };
  }
  if (!isJsonObject(schema)) return undefined;
  for (const key of Object.keys(schema)) if (!HANDLED.has(key) && !ANNOTATIONS.has(key)) return undefined;
  // In the validator's order, so the errors come out in the same order.
  const checks: Check[] = [];
  const simple = (keyword: string, test: Test, params: SchemaErrorParams): Check => ({
    test,
    collect: (v, at, schemaAt, out) => {
      if (!test(v)) out.push({ keyword, instancePath: at, keywordLocation: `${schemaAt}/${keyword}`, params });
    },
  });

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
  }
  if (schema['const'] !== undefined) {
    const constant = schema['const'];
    checks.push(simple('const', sameAs(constant), { expected: constant }));
  }
  if (schema['enum'] !== undefined) {
    const values = schema['enum'];
    if (!Array.isArray(values)) return undefined;
    checks.push(simple('enum', oneOf(values), { allowed: values }));
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
  if (required !== undefined) {
    const names = required as string[];
    checks.push({
      test: (v) => {
        if (!isJsonObject(v)) return true;
        for (const name of names) if (!hasOwn(v, name)) return false;
        return true;
      },
      collect: (v, at, schemaAt, out) => {
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
      },
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
    checks.push({
      test: (v) => {
        if (!isJsonObject(v)) return true;
        for (const [name, node] of propertyNodes) if (hasOwn(v, name) && !node.test(v[name])) return false;
        return true;
      },
      collect: (v, at, schemaAt, out) => {
        if (!isJsonObject(v)) return;
        for (const [name, node] of propertyNodes) {
          if (hasOwn(v, name) && !node.test(v[name]))
            node.collect(v[name], [...at, name], `${schemaAt}/properties/${encodePointer(name)}`, out);
        }
      },
    });
  }
  if (additionalNode) {
    const node = additionalNode;
    checks.push({
      test: (v) => {
        if (!isJsonObject(v)) return true;
        for (const key in v) if (!known.has(key) && !node.test(v[key])) return false;
        return true;
      },
      collect: (v, at, schemaAt, out) => {
        if (!isJsonObject(v)) return;
        for (const key in v)
          if (!known.has(key) && !node.test(v[key]))
            node.collect(v[key], [...at, key], `${schemaAt}/additionalProperties`, out);
      },
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
    checks.push(simple('maxItems', (v) => !Array.isArray(v) || v.length <= limit, { limit: String(limit) }));
  }
  if (minItems !== undefined) {
    const limit = minItems;
    checks.push(simple('minItems', (v) => !Array.isArray(v) || v.length >= limit, { limit: String(limit) }));
  }
  if (items !== undefined) {
    const node = build(items);
    if (!node) return undefined;
    checks.push({
      test: (v) => {
        if (!Array.isArray(v)) return true;
        for (const item of v) if (!node.test(item)) return false;
        return true;
      },
      collect: (v, at, schemaAt, out) => {
        if (!Array.isArray(v)) return;
        v.forEach((item, i) => {
          if (!node.test(item)) node.collect(item, [...at, i], `${schemaAt}/items`, out);
        });
      },
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
    checks.push(simple(keyword, test, { limit: String(limit), exclusive: keyword.startsWith('exclusive') }));
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
    checks.push(simple('minLength', (v) => typeof v !== 'string' || ucs2length(v) >= limit, { limit: String(limit) }));
  }
  if (maxLength !== undefined) {
    const limit = maxLength;
    checks.push(simple('maxLength', (v) => typeof v !== 'string' || ucs2length(v) <= limit, { limit: String(limit) }));
  }
  if (pattern !== undefined) {
    let regex: RegExp;
    try {
      regex = new RegExp(pattern, 'u');
    } catch {
      return undefined;
    }
    checks.push(simple('pattern', (v) => typeof v !== 'string' || regex.test(v), { pattern }));
  }
  // Unknown formats are not asserted, as in the validator.
  const quickFormat = formatName === undefined ? undefined : formatCheck(formatName);
  if (quickFormat)
    checks.push(simple('format', (v) => typeof v !== 'string' || quickFormat(v), { format: formatName }));

  const test: Test =
    checks.length === 0
      ? () => true
      : checks.length === 1
        ? (checks[0] as Check).test
        : (v) => {
            for (const check of checks) if (!check.test(v)) return false;
            return true;
          };
  return {
    test,
    collect: (v, at, schemaAt, out) => {
      for (const check of checks) check.collect(v, at, schemaAt, out);
    },
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
