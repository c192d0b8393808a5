// The export query of spec §6: parsed once into a predicate over stored events (filter and timeframe).
import { isJsonObject } from '../../core/json/value';
import { parseTimestamp } from '../../core/rules/timestamp';

type Operator = 'eq' | 'neq' | 'gt' | 'gte' | 'lt' | 'lte' | 'in' | 'exists';
const OPERATORS: ReadonlySet<string> = new Set<Operator>(['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'in', 'exists']);

interface Condition {
  readonly path: readonly string[];
  readonly operator: Operator;
  readonly value: unknown;
}

export interface ExportQuery {
  readonly conditions: readonly Condition[];
  /** Normalised UTC bounds: start inclusive, end exclusive. */
  readonly start?: string;
  readonly end?: string;
}

/** Whether a query looks at every event (a filter or a timeframe) rather than the first ones in order. */
export const readsEveryEvent = (query: ExportQuery): boolean =>
  query.conditions.length > 0 || query.start !== undefined || query.end !== undefined;

/** Parses the `query` parameter; undefined when it is not valid JSON or uses anything spec §6 does not list. */
export function parseExportQuery(text: string | null): ExportQuery | undefined {
  if (text === null || text.trim() === '') return { conditions: [] };
  let query: unknown;
  try {
    query = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isJsonObject(query)) return undefined;
  const conditions: Condition[] = [];
  let start: string | undefined;
  let end: string | undefined;
  for (const [key, value] of Object.entries(query)) {
    if (key === 'filter') {
      if (!isJsonObject(value)) return undefined;
      for (const [property, test] of Object.entries(value)) {
        const parsed = parseConditions(property, test);
        if (!parsed) return undefined;
        conditions.push(...parsed);
      }
    } else if (key === 'timeframe') {
      if (!isJsonObject(value)) return undefined;
      for (const [bound, stamp] of Object.entries(value)) {
        const utc = parseTimestamp(stamp)?.utc;
        if (utc === undefined) return undefined;
        if (bound === 'start') start = utc;
        else if (bound === 'end') end = utc;
        else return undefined;
      }
    } else {
      return undefined;
    }
  }
  return { conditions, ...(start !== undefined ? { start } : {}), ...(end !== undefined ? { end } : {}) };
}

const isOperatorObject = (value: unknown): value is Record<string, unknown> =>
  isJsonObject(value) && Object.keys(value).length > 0 && Object.keys(value).every((key) => OPERATORS.has(key));

function parseConditions(property: string, test: unknown): Condition[] | undefined {
  const path = property.split('.');
  if (path.some((segment) => segment === '')) return undefined;
  if (!isOperatorObject(test)) return [{ path, operator: 'eq', value: test }];
  const conditions: Condition[] = [];
  for (const [operator, value] of Object.entries(test)) {
    const op = operator as Operator;
    if (op === 'in' && !Array.isArray(value)) return undefined;
    if (op === 'exists' && typeof value !== 'boolean') return undefined;
    if (
      (op === 'gt' || op === 'gte' || op === 'lt' || op === 'lte') &&
      typeof value !== 'number' &&
      typeof value !== 'string'
    ) {
      return undefined;
    }
    conditions.push({ path, operator: op, value });
  }
  return conditions;
}

const MISSING = Symbol('missing');

/** Follows a dotted path through nested objects; arrays are not entered (spec §4: not usable in queries). */
function lookup(event: Record<string, unknown>, path: readonly string[]): unknown {
  let current: unknown = event;
  for (const segment of path) {
    if (!isJsonObject(current) || !Object.prototype.hasOwnProperty.call(current, segment)) return MISSING;
    current = current[segment];
  }
  return current;
}

/** JSON deep equality: objects by their key sets (any order), arrays element by element. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => jsonEqual(item, b[i]));
  }
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = Object.keys(left);
  if (keys.length !== Object.keys(right).length) return false;
  return keys.every((key) => Object.prototype.hasOwnProperty.call(right, key) && jsonEqual(left[key], right[key]));
}

const ordered = (a: unknown, b: unknown): number | undefined => {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  return undefined;
};

function holds(condition: Condition, event: Record<string, unknown>): boolean {
  const actual = lookup(event, condition.path);
  const { operator, value } = condition;
  // spec §6: on a missing property every operator is false except `neq` and `exists: false`.
  if (actual === MISSING) return operator === 'neq' || (operator === 'exists' && value === false);
  switch (operator) {
    case 'eq':
      return jsonEqual(actual, value);
    case 'neq':
      return !jsonEqual(actual, value);
    case 'in':
      return (value as unknown[]).some((candidate) => jsonEqual(actual, candidate));
    case 'exists':
      return value === true;
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      const order = ordered(actual, value);
      if (order === undefined || Number.isNaN(order)) return false;
      if (operator === 'gt') return order > 0;
      if (operator === 'gte') return order >= 0;
      if (operator === 'lt') return order < 0;
      return order <= 0;
    }
    default: {
      const never: never = operator;
      return never;
    }
  }
}

/** True when the stored event matches every condition and the timeframe. */
export function matchesQuery(query: ExportQuery, event: Record<string, unknown>): boolean {
  if (query.start !== undefined || query.end !== undefined) {
    // Stored timestamps are all normalised to the same UTC form, so text order is time order.
    const stamp = event['timestamp'];
    if (typeof stamp !== 'string') return false;
    if (query.start !== undefined && stamp < query.start) return false;
    if (query.end !== undefined && stamp >= query.end) return false;
  }
  for (const condition of query.conditions) if (!holds(condition, event)) return false;
  return true;
}

/**
 * Matching events in insertion order, stopping at `limit + 1` so a caller can tell "too many" cheaply. The
 * events come a chunk at a time (the store parses a chunk kept as bytes only when it is reached).
 */
export function selectEvents(
  chunks: Iterable<readonly Record<string, unknown>[]>,
  query: ExportQuery,
  limit: number,
): Record<string, unknown>[] {
  const everything = query.conditions.length === 0 && query.start === undefined && query.end === undefined;
  const found: Record<string, unknown>[] = [];
  for (const events of chunks) {
    if (everything) {
      for (let i = 0; i < events.length && found.length <= limit; i++) found.push(events[i] as Record<string, unknown>);
    } else {
      for (const event of events) {
        if (!matchesQuery(query, event)) continue;
        found.push(event);
        if (found.length > limit) break;
      }
    }
    if (found.length > limit) break;
  }
  return found;
}
