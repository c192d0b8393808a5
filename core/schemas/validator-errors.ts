// The one adapter from @cfworker/json-schema's output to SchemaError records. The validator states some
// facts only in its English `error` text (which required name is missing, which items repeat): they are
// read here and nowhere else, and validator-errors.test.ts pins these texts to the installed version.
import type { OutputUnit } from '@cfworker/json-schema';
import type { PathSegment } from '../json/path';
import type { SchemaError, SchemaErrorParams } from './schema-error';
import { isJsonObject } from '../json/value';

const decodeSegment = (encoded: string): string => {
  let segment: string;
  try {
    segment = decodeURIComponent(encoded);
  } catch {
    segment = encoded;
  }
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
};

/** `#/items/0/qty` → ['items', 0, 'qty'], array positions as numbers (checked against the event itself). */
export function instancePathOf(event: unknown, location: string): PathSegment[] {
  const path: PathSegment[] = [];
  const raw = location.replace(/^#/, '');
  if (raw === '') return path;
  let value: unknown = event;
  for (const encoded of raw.slice(1).split('/')) {
    const segment = decodeSegment(encoded);
    if (Array.isArray(value) && /^\d+$/.test(segment)) {
      const index = Number(segment);
      path.push(index);
      value = value[index];
    } else {
      path.push(segment);
      value = isJsonObject(value) ? value[segment] : undefined;
    }
  }
  return path;
}

/** The schema at a keyword location, following local `$ref`s; undefined when it cannot be followed. */
export function schemaAt(root: unknown, keywordLocation: string): unknown {
  let node: unknown = root;
  for (const encoded of keywordLocation.replace(/^#/, '').split('/').slice(1)) {
    const segment = decodeURIComponent(encoded).replace(/~1/g, '/').replace(/~0/g, '~');
    if (isJsonObject(node) && segment === '$ref' && typeof node['$ref'] === 'string' && node['$ref'].startsWith('#')) {
      node = schemaAt(root, node['$ref']);
    } else if (Array.isArray(node) && /^\d+$/.test(segment)) node = node[Number(segment)];
    else if (isJsonObject(node)) node = node[segment];
    else return undefined;
  }
  return node;
}

/** A JSON string's content as written in a message → its value. */
const unquoted = (text: string | undefined): string | undefined =>
  text === undefined ? undefined : (JSON.parse(`"${text}"`) as string);

/** The values of one error, from its text (the validator's wording, 4.1.x) and the schema. */
function paramsOf(unit: OutputUnit, schema: unknown): SchemaErrorParams {
  const error = unit.error;
  switch (unit.keyword) {
    case 'type':
      return { types: [...error.matchAll(/"([a-z]+)"/g)].slice(1).map((m) => String(m[1])) };
    case 'enum': {
      let allowed: unknown[];
      try {
        allowed = JSON.parse(error.match(/any of (.*)\.$/s)?.[1] ?? '[]') as unknown[];
      } catch {
        allowed = [];
      }
      return { allowed };
    }
    case 'const': {
      const written = error.replace(/^Instance does not match /, '').replace(/\.$/, '');
      try {
        return { expected: JSON.parse(written) as unknown };
      } catch {
        return { text: written };
      }
    }
    case 'format':
      return { format: error.match(/format "([^"]+)"/)?.[1] ?? '' };
    case 'required': {
      const missing = unquoted(error.match(/property "((?:[^"\\]|\\.)*)"\.$/)?.[1]);
      return missing === undefined ? {} : { missing };
    }
    case 'dependentRequired':
    case 'dependencies': {
      const match = error.match(/has "(.*)" but does not have "(.*)"\.$/);
      return match ? { has: match[1], needs: match[2] } : {};
    }
    case 'minLength':
    case 'maxLength':
    case 'minItems':
    case 'maxItems':
      return { limit: error.match(/\((\d+) [<>] (\d+)\)/)?.[2] ?? '?' };
    case 'minProperties':
    case 'maxProperties':
      // Both say "at least N" in this version; the number is the schema's.
      return { limit: error.match(/at least (\d+)/)?.[1] ?? '?' };
    case 'minimum':
    case 'exclusiveMinimum':
    case 'maximum':
    case 'exclusiveMaximum':
      // Draft 4 writes an exclusive bound as `minimum` plus a flag; its message says "or equal to".
      return {
        limit: error.match(/(\S+)\.$/)?.[1] ?? '?',
        exclusive: unit.keyword.startsWith('exclusive') || error.includes('or equal to'),
      };
    case 'multipleOf':
      return { divisor: error.match(/multiple of (\S+)\.$/)?.[1] ?? '?' };
    case 'pattern': {
      const pattern = schemaAt(schema, unit.keywordLocation);
      return typeof pattern === 'string' ? { pattern } : {};
    }
    case 'uniqueItems': {
      const match = error.match(/indexes (\d+) and (\d+)/);
      return match ? { first: Number(match[1]), second: Number(match[2]) } : {};
    }
    case 'oneOf':
      return { matches: Number(error.match(/\((\d+) matches\)/)?.[1] ?? 0) };
    case 'propertyNames': {
      const name = error.match(/Property name "(.*)" does not match/)?.[1];
      return name === undefined ? {} : { name };
    }
    default:
      return { text: error };
  }
}

/** The value at a path of the event (undefined where the path leaves it). */
function valueAt(event: unknown, path: readonly PathSegment[]): unknown {
  let value: unknown = event;
  for (const segment of path)
    value =
      Array.isArray(value) && typeof segment === 'number'
        ? value[segment]
        : isJsonObject(value)
          ? value[String(segment)]
          : undefined;
  return value;
}

/**
 * The names a `required` keyword misses, from the schema and the event (the validator reports one error
 * per name, in the keyword's order, and writes the name unescaped in its text).
 */
function missingNames(schema: unknown, keywordLocation: string, value: unknown): readonly string[] | undefined {
  const required = schemaAt(schema, keywordLocation);
  if (!Array.isArray(required) || !isJsonObject(value)) return undefined;
  return required.filter(
    (name): name is string => typeof name === 'string' && !Object.prototype.hasOwnProperty.call(value, name),
  );
}

/** The validator's errors for one event, as records. */
export function fromValidator(event: unknown, units: readonly OutputUnit[], schema: unknown): SchemaError[] {
  // How many `required` errors of one object were read so far, to pair each with its missing name.
  const requiredSeen = new Map<string, number>();
  return units.map((unit) => {
    const instancePath = instancePathOf(event, unit.instanceLocation);
    let params = paramsOf(unit, schema);
    if (unit.keyword === 'required') {
      const key = `${unit.instanceLocation}\u0000${unit.keywordLocation}`;
      const nth = requiredSeen.get(key) ?? 0;
      requiredSeen.set(key, nth + 1);
      const missing = missingNames(schema, unit.keywordLocation, valueAt(event, instancePath))?.[nth];
      if (missing !== undefined) params = { missing };
    }
    return { keyword: unit.keyword, instancePath, keywordLocation: unit.keywordLocation, params };
  });
}
