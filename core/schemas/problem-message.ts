// Validator output → problems a person understands ("`plan` must be one of "free", "pro", got "gold""),
// each at the path of the property it is about. Wrapper errors ("a subschema had errors") are dropped.
import type { OutputUnit } from '@cfworker/json-schema';
import type { SchemaProblem } from '../rules/diagnostic';
import type { PathSegment } from '../rules/event-rules';

/** A schema problem, plus the name of a missing required property (its path is the object that lacks it). */
export interface SchemaFinding extends SchemaProblem {
  readonly missing?: string;
}

/** Errors that only say "something inside failed": the inner error says what. */
const WRAPPERS = new Set([
  'properties',
  'patternProperties',
  'additionalProperties',
  'unevaluatedProperties',
  'items',
  'prefixItems',
  'additionalItems',
  'unevaluatedItems',
  '$ref',
  '$recursiveRef',
  '$dynamicRef',
  'allOf',
  'if',
  'then',
  'else',
  'dependentSchemas',
]);

/** Errors that stand for their whole subtree: the inner errors are each alternative's failure, noise to a person. */
const SUMMARISING = new Set(['anyOf', 'oneOf', 'not', 'contains', 'propertyNames']);

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** `#/items/0/qty` → ['items', 0, 'qty'], array positions as numbers (checked against the event itself). */
function instancePath(event: unknown, location: string): { path: PathSegment[]; value: unknown } {
  const path: PathSegment[] = [];
  let value: unknown = event;
  const raw = location.replace(/^#/, '');
  if (raw === '') return { path, value };
  for (const encoded of raw.slice(1).split('/')) {
    let segment: string;
    try {
      segment = decodeURIComponent(encoded);
    } catch {
      segment = encoded;
    }
    segment = segment.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(value) && /^\d+$/.test(segment)) {
      const index = Number(segment);
      path.push(index);
      value = value[index];
    } else {
      path.push(segment);
      value = isObject(value) ? value[segment] : undefined;
    }
  }
  return { path, value };
}

/** `items[0].qty`, as people write it. */
export function displayPath(path: readonly PathSegment[]): string {
  return path.reduce<string>((text, segment) => (typeof segment === 'number' ? `${text}[${segment}]` : text ? `${text}.${segment}` : segment), '');
}

const shortJson = (value: unknown): string => {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
};

/** What a value is, for "got …": the string "34.95", the number 3, true, null, an object, an array of 2 items. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return `the string ${shortJson(value)}`;
  if (typeof value === 'number') return `the number ${shortJson(value)}`;
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.length === 0 ? 'an empty array' : `an array of ${value.length} item${value.length === 1 ? '' : 's'}`;
  if (isObject(value)) return 'an object';
  return String(value);
}

const TYPE_NAMES: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
  object: 'an object',
  array: 'an array',
  null: 'null',
};

const FORMAT_NAMES: Record<string, string> = {
  'date-time': 'a date-time such as 2024-05-01T12:30:00Z',
  date: 'a date such as 2024-05-01',
  time: 'a time such as 12:30:00Z',
  email: 'an email address',
  uuid: 'a UUID such as 3f2b8c1e-0d7a-4e4b-9c1a-5b6e2f9d8a70',
  uri: 'an absolute URI such as https://example.com/page',
  'uri-reference': 'a URI reference',
  url: 'a URL',
  hostname: 'a host name',
  ipv4: 'an IPv4 address',
  ipv6: 'an IPv6 address',
  duration: 'an ISO-8601 duration such as P1D',
};

const orList = (items: readonly string[]): string =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;

/** The schema at a keyword location, following local `$ref`s; undefined when it cannot be followed. */
function schemaAt(root: unknown, keywordLocation: string): unknown {
  let node: unknown = root;
  for (const encoded of keywordLocation.replace(/^#/, '').split('/').slice(1)) {
    const segment = decodeURIComponent(encoded).replace(/~1/g, '/').replace(/~0/g, '~');
    if (isObject(node) && segment === '$ref' && typeof node['$ref'] === 'string' && node['$ref'].startsWith('#')) {
      node = schemaAt(root, node['$ref']);
    } else if (Array.isArray(node) && /^\d+$/.test(segment)) node = node[Number(segment)];
    else if (isObject(node)) node = node[segment];
    else return undefined;
  }
  return node;
}

const quoted = (text: string | undefined): string | undefined => (text === undefined ? undefined : (JSON.parse(`"${text}"`) as string));

/** One error of the validator → the sentence a person reads, or undefined for a wrapper. */
function sentence(unit: OutputUnit, path: readonly PathSegment[], value: unknown, root: unknown, children: readonly OutputUnit[]): string | undefined {
  const name = path.length === 0 ? 'the event' : `\`${displayPath(path)}\``;
  const got = describeValue(value);
  const error = unit.error;
  switch (unit.keyword) {
    case 'type': {
      const expected = [...error.matchAll(/"([a-z]+)"/g)].slice(1).map((m) => TYPE_NAMES[m[1] ?? ''] ?? String(m[1]));
      return `${name} must be ${orList(expected)}, got ${got}`;
    }
    case 'enum': {
      const list = error.match(/any of (.*)\.$/s)?.[1];
      let values: unknown[];
      try {
        values = JSON.parse(list ?? '[]') as unknown[];
      } catch {
        values = [];
      }
      const shown = values.slice(0, 12).map(shortJson).join(', ') + (values.length > 12 ? `, … (${values.length} in all)` : '');
      return `${name} must be one of ${shown}, got ${typeof value === 'string' ? shortJson(value) : got}`;
    }
    case 'const':
      return `${name} must be ${error.replace(/^Instance does not match /, '').replace(/\.$/, '')}, got ${typeof value === 'string' ? shortJson(value) : got}`;
    case 'format': {
      const format = error.match(/format "([^"]+)"/)?.[1] ?? '';
      return `${name} must be ${FORMAT_NAMES[format] ?? `in the format "${format}"`}, got ${got}`;
    }
    case 'required': {
      const missing = quoted(error.match(/property "((?:[^"\\]|\\.)*)"\.$/)?.[1]) ?? '?';
      return path.length === 0 ? `missing required property \`${missing}\`` : `${name} is missing required property \`${missing}\``;
    }
    case 'dependentRequired':
    case 'dependencies': {
      const match = error.match(/has "(.*)" but does not have "(.*)"\.$/);
      return match ? `${name} has \`${match[1]}\`, so it must also have \`${match[2]}\`` : `${name} does not meet a dependency of the schema`;
    }
    case 'minLength':
    case 'maxLength': {
      const match = error.match(/\((\d+) [<>] (\d+)\)/);
      const limit = match?.[2] ?? '?';
      return `${name} must be at ${unit.keyword === 'minLength' ? 'least' : 'most'} ${limit} character${limit === '1' ? '' : 's'} long, got ${got}`;
    }
    case 'minItems':
    case 'maxItems': {
      const match = error.match(/\((\d+) [<>] (\d+)\)/);
      const limit = match?.[2] ?? '?';
      return `${name} must have at ${unit.keyword === 'minItems' ? 'least' : 'most'} ${limit} item${limit === '1' ? '' : 's'}, got ${got}`;
    }
    case 'minimum':
    case 'exclusiveMinimum':
    case 'maximum':
    case 'exclusiveMaximum': {
      const limit = error.match(/(\S+)\.$/)?.[1] ?? '?';
      // Draft 4 writes an exclusive bound as `minimum` plus a flag; its message says "or equal to".
      const exclusive = unit.keyword.startsWith('exclusive') || error.includes('or equal to');
      const rule = unit.keyword.endsWith('inimum') ? (exclusive ? 'greater than' : 'at least') : exclusive ? 'less than' : 'at most';
      return `${name} must be ${rule} ${limit}, got ${got}`;
    }
    case 'multipleOf':
      return `${name} must be a multiple of ${error.match(/multiple of (\S+)\.$/)?.[1] ?? '?'}, got ${got}`;
    case 'pattern': {
      const pattern = schemaAt(root, unit.keywordLocation);
      return `${name} must match the pattern ${typeof pattern === 'string' ? `/${pattern}/` : 'of the schema'}, got ${got}`;
    }
    case 'uniqueItems': {
      const match = error.match(/indexes (\d+) and (\d+)/);
      return `${name} must not repeat items${match ? `: items ${match[1]} and ${match[2]} are equal` : ''}`;
    }
    case 'minProperties':
    case 'maxProperties': {
      const limit = error.match(/at least (\d+)/)?.[1] ?? '?';
      return `${name} must have at ${unit.keyword === 'minProperties' ? 'least' : 'most'} ${limit} properties`;
    }
    case 'false': {
      if (path.length === 0) return 'the schema allows no event in this collection';
      const parent = path.length > 1 ? ` in \`${displayPath(path.slice(0, -1))}\`` : '';
      return `property \`${String(path[path.length - 1])}\`${parent} is not allowed by the schema (a misspelled name?)`;
    }
    case 'anyOf':
    case 'oneOf': {
      const typeChildren = children.filter((c) => c.keyword === 'type' && c.instanceLocation === unit.instanceLocation);
      if (unit.keyword === 'anyOf' && typeChildren.length > 0 && typeChildren.length === children.length) {
        const expected = typeChildren.flatMap((c) => [...c.error.matchAll(/"([a-z]+)"/g)].slice(1).map((m) => TYPE_NAMES[m[1] ?? ''] ?? String(m[1])));
        return `${name} must be ${orList([...new Set(expected)])}, got ${got}`;
      }
      if (unit.keyword === 'oneOf' && /\((\d+) matches\)/.test(error) && !/\(0 matches\)/.test(error)) {
        return `${name} matches more than one of the alternatives of the schema, and must match exactly one`;
      }
      return `${name} matches none of the alternatives the schema allows, got ${got}`;
    }
    case 'not':
      return `${name} must not match the schema's "not" rule, got ${got}`;
    case 'contains':
      return `${name} must contain at least one item the schema describes`;
    case 'propertyNames': {
      const key = error.match(/Property name "(.*)" does not match/)?.[1];
      return `${key === undefined ? 'a property name' : `property name \`${key}\``} in ${name} is not allowed by the schema`;
    }
    default:
      return `${name}: ${error}`;
  }
}

/** The validator's errors for one event → problems with paths and messages, wrappers dropped, each once. */
export function problemsOf(event: unknown, errors: readonly OutputUnit[], schema: unknown): SchemaFinding[] {
  const problems: SchemaFinding[] = [];
  const seen = new Set<string>();
  const summarised: string[] = [];
  for (let i = 0; i < errors.length; i++) {
    const unit = errors[i] as OutputUnit;
    if (summarised.some((prefix) => unit.keywordLocation.startsWith(prefix))) continue;
    if (WRAPPERS.has(unit.keyword)) continue;
    let children: OutputUnit[] = [];
    if (SUMMARISING.has(unit.keyword)) {
      const prefix = `${unit.keywordLocation}/`;
      summarised.push(prefix);
      children = errors.slice(i + 1).filter((c) => c.keywordLocation.startsWith(prefix));
    }
    const { path, value } = instancePath(event, unit.instanceLocation);
    const message = sentence(unit, path, value, schema, children);
    if (message === undefined) continue;
    const key = `${unit.instanceLocation}\u0000${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    // A missing property has no range of its own: the object that should hold it is shown.
    const missing = unit.keyword === 'required' ? quoted(unit.error.match(/property "((?:[^"\\]|\\.)*)"\.$/)?.[1]) : undefined;
    problems.push(missing === undefined ? { path, message } : { path, message, missing });
  }
  return problems;
}
