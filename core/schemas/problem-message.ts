// Schema error records → problems a person understands ("`plan` must be one of "free", "pro", got "gold""),
// each at the path of the property it is about. Wrapper errors ("a subschema had errors") are dropped.
import type { SchemaProblem } from '../rules/diagnostic';
import type { PathSegment } from '../json/path';
import type { SchemaError } from './schema-error';
import { isJsonObject } from '../json/value';
import { pathText } from '../json/path';

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

/** The value at a path of the event (undefined where the path leaves it). */
function valueAt(event: unknown, path: readonly PathSegment[]): unknown {
  let value: unknown = event;
  for (const segment of path) {
    if (Array.isArray(value) && typeof segment === 'number') value = value[segment];
    else value = isJsonObject(value) ? value[String(segment)] : undefined;
  }
  return value;
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
  if (Array.isArray(value))
    return value.length === 0 ? 'an empty array' : `an array of ${value.length} item${value.length === 1 ? '' : 's'}`;
  if (isJsonObject(value)) return 'an object';
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

const typeNames = (types: readonly string[] | undefined): string[] => (types ?? []).map((t) => TYPE_NAMES[t] ?? t);

// An enum's values are written once per schema, not for every event that misses them (the records of one
// schema share its array).
const allowedTexts = new WeakMap<readonly unknown[], string>();

function allowedText(values: readonly unknown[]): string {
  const known = allowedTexts.get(values);
  if (known !== undefined) return known;
  const text =
    values.slice(0, 12).map(shortJson).join(', ') + (values.length > 12 ? `, … (${values.length} in all)` : '');
  allowedTexts.set(values, text);
  return text;
}

/** One error record → the sentence a person reads, or undefined for a wrapper. */
function sentence(error: SchemaError, value: unknown, children: readonly SchemaError[]): string | undefined {
  const path = error.instancePath;
  const name = path.length === 0 ? 'the event' : `\`${pathText(path)}\``;
  // Written only by the sentences that show it: enum and const show a string as it is.
  const got = (): string => describeValue(value);
  const p = error.params;
  switch (error.keyword) {
    case 'type':
      return `${name} must be ${orList(typeNames(p.types))}, got ${got()}`;
    case 'enum':
      return `${name} must be one of ${allowedText(p.allowed ?? [])}, got ${typeof value === 'string' ? shortJson(value) : got()}`;
    case 'const':
      return `${name} must be ${p.text ?? JSON.stringify(p.expected)}, got ${typeof value === 'string' ? shortJson(value) : got()}`;
    case 'format': {
      const format = p.format ?? '';
      return `${name} must be ${FORMAT_NAMES[format] ?? `in the format "${format}"`}, got ${got()}`;
    }
    case 'required':
      return path.length === 0
        ? `missing required property \`${p.missing ?? '?'}\``
        : `${name} is missing required property \`${p.missing ?? '?'}\``;
    case 'dependentRequired':
    case 'dependencies':
      return p.has !== undefined
        ? `${name} has \`${p.has}\`, so it must also have \`${p.needs}\``
        : `${name} does not meet a dependency of the schema`;
    case 'minLength':
    case 'maxLength':
      return `${name} must be at ${error.keyword === 'minLength' ? 'least' : 'most'} ${p.limit} character${p.limit === '1' ? '' : 's'} long, got ${got()}`;
    case 'minItems':
    case 'maxItems':
      return `${name} must have at ${error.keyword === 'minItems' ? 'least' : 'most'} ${p.limit} item${p.limit === '1' ? '' : 's'}, got ${got()}`;
    case 'minimum':
    case 'exclusiveMinimum':
    case 'maximum':
    case 'exclusiveMaximum': {
      const exclusive = p.exclusive === true;
      const rule = error.keyword.endsWith('inimum')
        ? exclusive
          ? 'greater than'
          : 'at least'
        : exclusive
          ? 'less than'
          : 'at most';
      return `${name} must be ${rule} ${p.limit}, got ${got()}`;
    }
    case 'multipleOf':
      return `${name} must be a multiple of ${p.divisor}, got ${got()}`;
    case 'pattern':
      return `${name} must match the pattern ${p.pattern !== undefined ? `/${p.pattern}/` : 'of the schema'}, got ${got()}`;
    case 'uniqueItems':
      return `${name} must not repeat items${p.first !== undefined ? `: items ${p.first} and ${p.second} are equal` : ''}`;
    case 'minProperties':
    case 'maxProperties':
      return `${name} must have at ${error.keyword === 'minProperties' ? 'least' : 'most'} ${p.limit} properties`;
    case 'false': {
      if (path.length === 0) return 'the schema allows no event in this collection';
      const parent = path.length > 1 ? ` in \`${pathText(path.slice(0, -1))}\`` : '';
      return `property \`${String(path[path.length - 1])}\`${parent} is not allowed by the schema (a misspelled name?)`;
    }
    case 'anyOf':
    case 'oneOf': {
      const here = JSON.stringify(path);
      const typeChildren = children.filter((c) => c.keyword === 'type' && JSON.stringify(c.instancePath) === here);
      if (error.keyword === 'anyOf' && typeChildren.length > 0 && typeChildren.length === children.length) {
        return `${name} must be ${orList([...new Set(typeChildren.flatMap((c) => typeNames(c.params.types)))])}, got ${got()}`;
      }
      if (error.keyword === 'oneOf' && p.matches !== undefined && p.matches > 0) {
        return `${name} matches more than one of the alternatives of the schema, and must match exactly one`;
      }
      return `${name} matches none of the alternatives the schema allows, got ${got()}`;
    }
    case 'not':
      return `${name} must not match the schema's "not" rule, got ${got()}`;
    case 'contains':
      return `${name} must contain at least one item the schema describes`;
    case 'propertyNames':
      return `${p.name === undefined ? 'a property name' : `property name \`${p.name}\``} in ${name} is not allowed by the schema`;
    default:
      return `${name}: ${p.text ?? error.keyword}`;
  }
}

const samePath = (a: readonly PathSegment[], b: readonly PathSegment[]): boolean => {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
};

const NO_ERRORS: readonly SchemaError[] = [];

/** The error records of one event → problems with paths and messages, wrappers dropped, each once. */
export function problemsOf(event: unknown, errors: readonly SchemaError[]): SchemaFinding[] {
  const problems: SchemaFinding[] = [];
  // Per message, the paths it was reported at: a repeat is the same message at the same path.
  const seen = new Map<string, (readonly PathSegment[])[]>();
  const summarised: string[] = [];
  for (let i = 0; i < errors.length; i++) {
    const error = errors[i] as SchemaError;
    if (summarised.length > 0 && summarised.some((prefix) => error.keywordLocation.startsWith(prefix))) continue;
    if (WRAPPERS.has(error.keyword)) continue;
    let children = NO_ERRORS;
    if (SUMMARISING.has(error.keyword)) {
      const prefix = `${error.keywordLocation}/`;
      summarised.push(prefix);
      children = errors.slice(i + 1).filter((c) => c.keywordLocation.startsWith(prefix));
    }
    const path = error.instancePath;
    const message = sentence(error, valueAt(event, path), children);
    if (message === undefined) continue;
    const paths = seen.get(message);
    if (paths?.some((other) => samePath(other, path))) continue;
    if (paths) paths.push(path);
    else seen.set(message, [path]);
    // A missing property has no range of its own: the object that should hold it is shown.
    const missing = error.keyword === 'required' ? error.params.missing : undefined;
    problems.push(missing === undefined ? { path, message } : { path, message, missing });
  }
  return problems;
}
