// A quick yes/no "does this event match?" for the keywords tracking plans use most (types, required,
// properties, enums, formats, ranges, items), built once per schema as a tree of closures: no code
// generation, so it runs under the renderer's CSP. It answers exactly as the validator does for these
// keywords, and is not built at all (the validator is used) when a schema uses any other keyword.
// Only the answer comes from here: the problems of an invalid event always come from the validator.
import { deepCompareStrict, format as FORMATS, ucs2length, type SchemaDraft } from '@cfworker/json-schema';

type Test = (value: unknown) => boolean;

/** Keywords that only describe (or hold definitions reached through `$ref`, which is not handled here). */
const ANNOTATIONS = new Set(['$schema', '$id', '$comment', 'title', 'description', 'default', 'examples', 'deprecated', 'readOnly', 'writeOnly', 'contentMediaType', 'contentEncoding']);
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

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isNumber = (value: unknown): value is number => typeof value === 'number';
const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
const hasOwn = (object: object, key: string): boolean => Object.prototype.hasOwnProperty.call(object, key);

/** The validator's notion of a value's type (`integer` is a number with no fraction). */
function typeTest(type: unknown): Test | undefined {
  const one = (name: unknown): Test | undefined => {
    switch (name) {
      case 'string':
        return (v) => typeof v === 'string';
      case 'number':
        return (v) => typeof v === 'number';
      case 'integer':
        return (v) => typeof v === 'number' && v % 1 === 0 && v === v;
      case 'boolean':
        return (v) => typeof v === 'boolean';
      case 'null':
        return (v) => v === null;
      case 'array':
        return (v) => Array.isArray(v);
      case 'object':
        return isObject;
      default:
        return undefined;
    }
  };
  if (!Array.isArray(type)) return one(type);
  const tests = type.map(one);
  if (tests.some((t) => t === undefined)) return undefined;
  const all = tests as Test[];
  return (v) => all.some((t) => t(v));
}

const sameAs = (expected: unknown): Test => (v) => (typeof v === 'object' && v !== null ? deepCompareStrict(v, expected) : v === expected);

/** A test for one (sub)schema, or undefined when it uses a keyword the quick check does not handle. */
function build(schema: unknown): Test | undefined {
  if (schema === true) return () => true;
  if (schema === false) return () => false;
  if (!isObject(schema)) return undefined;
  for (const key of Object.keys(schema)) if (!HANDLED.has(key) && !ANNOTATIONS.has(key)) return undefined;
  const tests: Test[] = [];

  if (schema['type'] !== undefined) {
    const test = typeTest(schema['type']);
    if (!test) return undefined;
    tests.push(test);
  }
  if (schema['const'] !== undefined) tests.push(sameAs(schema['const']));
  if (schema['enum'] !== undefined) {
    if (!Array.isArray(schema['enum'])) return undefined;
    const allowed = schema['enum'].map(sameAs);
    tests.push((v) => allowed.some((t) => t(v)));
  }

  // Objects: required, properties, additionalProperties, sizes.
  const required = schema['required'];
  const properties = schema['properties'];
  const additional = schema['additionalProperties'];
  const minProperties = schema['minProperties'];
  const maxProperties = schema['maxProperties'];
  if (required !== undefined || properties !== undefined || additional !== undefined || minProperties !== undefined || maxProperties !== undefined) {
    if (required !== undefined && (!Array.isArray(required) || !required.every((r) => typeof r === 'string'))) return undefined;
    if (properties !== undefined && !isObject(properties)) return undefined;
    if ((minProperties !== undefined && !isCount(minProperties)) || (maxProperties !== undefined && !isCount(maxProperties))) return undefined;
    const names = required ?? [];
    const propertyTests: [string, Test][] = [];
    for (const [name, sub] of Object.entries(properties ?? {})) {
      const test = build(sub);
      if (!test) return undefined;
      propertyTests.push([name, test]);
    }
    const known = new Set(propertyTests.map(([name]) => name));
    const additionalTest = additional === undefined ? undefined : build(additional);
    if (additional !== undefined && !additionalTest) return undefined;
    tests.push((v) => {
      if (!isObject(v)) return true;
      for (const name of names) if (!hasOwn(v, name)) return false;
      for (const [name, test] of propertyTests) if (hasOwn(v, name) && !test(v[name])) return false;
      if (additionalTest) for (const key in v) if (!known.has(key) && !additionalTest(v[key])) return false;
      if (minProperties !== undefined || maxProperties !== undefined) {
        const count = Object.keys(v).length;
        if ((minProperties !== undefined && count < minProperties) || (maxProperties !== undefined && count > maxProperties)) return false;
      }
      return true;
    });
  }

  // Arrays: items as one schema (the tuple form of draft-07 is left to the validator), sizes.
  const items = schema['items'];
  const minItems = schema['minItems'];
  const maxItems = schema['maxItems'];
  if (items !== undefined || minItems !== undefined || maxItems !== undefined) {
    if (Array.isArray(items)) return undefined;
    if ((minItems !== undefined && !isCount(minItems)) || (maxItems !== undefined && !isCount(maxItems))) return undefined;
    const itemTest = items === undefined ? undefined : build(items);
    if (items !== undefined && !itemTest) return undefined;
    tests.push((v) => {
      if (!Array.isArray(v)) return true;
      if ((minItems !== undefined && v.length < minItems) || (maxItems !== undefined && v.length > maxItems)) return false;
      if (itemTest) for (const item of v) if (!itemTest(item)) return false;
      return true;
    });
  }

  // Strings: lengths in code points, pattern (compiled once here), format.
  const minLength = schema['minLength'];
  const maxLength = schema['maxLength'];
  const pattern = schema['pattern'];
  const formatName = schema['format'];
  if (minLength !== undefined || maxLength !== undefined || pattern !== undefined || formatName !== undefined) {
    if ((minLength !== undefined && !isCount(minLength)) || (maxLength !== undefined && !isCount(maxLength))) return undefined;
    if (pattern !== undefined && typeof pattern !== 'string') return undefined;
    if (formatName !== undefined && typeof formatName !== 'string') return undefined;
    let regex: RegExp | undefined;
    try {
      regex = pattern === undefined ? undefined : new RegExp(pattern, 'u');
    } catch {
      return undefined;
    }
    // Unknown formats are not asserted, as in the validator.
    const formatTest = formatName === undefined ? undefined : (FORMATS as Record<string, ((value: string) => boolean) | undefined>)[formatName];
    tests.push((v) => {
      if (typeof v !== 'string') return true;
      if (minLength !== undefined || maxLength !== undefined) {
        const length = ucs2length(v);
        if ((minLength !== undefined && length < minLength) || (maxLength !== undefined && length > maxLength)) return false;
      }
      if (regex && !regex.test(v)) return false;
      if (formatTest && !formatTest(v)) return false;
      return true;
    });
  }

  // Numbers (draft 6 and later: exclusive bounds are numbers).
  const bounds = ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum'].map((k) => schema[k]);
  if (bounds.some((b) => b !== undefined)) {
    if (bounds.some((b) => b !== undefined && !isNumber(b))) return undefined;
    const [minimum, maximum, exclusiveMinimum, exclusiveMaximum] = bounds as (number | undefined)[];
    tests.push((v) => {
      if (typeof v !== 'number') return true;
      if (minimum !== undefined && v < minimum) return false;
      if (maximum !== undefined && v > maximum) return false;
      if (exclusiveMinimum !== undefined && v <= exclusiveMinimum) return false;
      if (exclusiveMaximum !== undefined && v >= exclusiveMaximum) return false;
      return true;
    });
  }

  if (tests.length === 0) return () => true;
  if (tests.length === 1) return tests[0];
  return (v) => {
    for (const test of tests) if (!test(v)) return false;
    return true;
  };
}

/** The quick check of a whole schema, or undefined when the schema needs the full validator. */
export function quickCheck(schema: unknown, draft: SchemaDraft): Test | undefined {
  // Draft 4 reads exclusive bounds as booleans: left to the validator.
  if (draft === '4') return undefined;
  return build(schema);
}
