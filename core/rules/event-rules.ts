// The per-event rules of spec §4, in the spec's order, on parsed values. The sandbox answers with the
// first violation; the linter reports every violation at its source position. One place for each rule.
import { isJsonObject } from '../json/value';
import { pathText, type PathSegment } from '../json/path';
import { isEventId } from '../send/event-id';
import { parseTimestamp } from './timestamp';

export type EventRuleCode =
  | 'event-not-object'
  | 'reserved-prefix-tp'
  | 'reserved-id-underscore'
  | 'property-name-dot'
  | 'property-name-dollar'
  | 'property-name-too-long'
  | 'timestamp-invalid'
  | 'id-invalid'
  | 'event-too-large';

export interface EventViolation {
  readonly code: EventRuleCode;
  /** Path of the offending property inside the event; empty for the whole event. */
  readonly path: readonly PathSegment[];
}

export interface EventRule {
  readonly code: EventRuleCode;
  /** The API's rejection text for this rule (spec §4), used verbatim by the sandbox. */
  readonly apiMessage: string;
  /** HTTP status of a single push (`POST /events/:collection`) that breaks this rule. */
  readonly singlePushStatus: 400 | 413 | 422;
  /** Every violation of this rule in the event, in document order. */
  readonly check: (event: Record<string, unknown>) => EventViolation[];
}

export const MAX_PROPERTY_NAME_LENGTH = 255;
export const MAX_EVENT_BYTES = 65_536;

/** Every property name at every depth (objects inside arrays included), in document order, without recursion. */
export function forEachPropertyName(
  event: Record<string, unknown>,
  visit: (name: string, path: readonly PathSegment[]) => void,
): void {
  const stack: { value: unknown; path: PathSegment[] }[] = [{ value: event, path: [] }];
  while (stack.length > 0) {
    const { value, path } = stack.pop() as { value: unknown; path: PathSegment[] };
    const children: { value: unknown; path: PathSegment[] }[] = [];
    if (Array.isArray(value)) {
      value.forEach((item, i) => children.push({ value: item, path: [...path, i] }));
    } else if (isJsonObject(value)) {
      for (const [name, child] of Object.entries(value)) {
        const childPath = [...path, name];
        visit(name, childPath);
        children.push({ value: child, path: childPath });
      }
    }
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i] as { value: unknown; path: PathSegment[] });
  }
}

// Shared by every check that finds nothing: most events break no rule, and each check runs on each event.
const NONE = Object.freeze([]) as unknown as EventViolation[];

/** A path kept as links to its parent, so walking allocates one node per container, not a path per name. */
interface PathNode {
  readonly parent: PathNode | undefined;
  readonly segment: PathSegment;
}

const pathOf = (node: PathNode | undefined, last: PathSegment): PathSegment[] => {
  const path: PathSegment[] = [last];
  for (let n = node; n; n = n.parent) path.push(n.segment);
  return path.reverse();
};

const reverseFrom = (items: unknown[], from: number): void => {
  for (let i = from, j = items.length - 1; i < j; i++, j--) {
    const item = items[i];
    items[i] = items[j];
    items[j] = item;
  }
};

/** A rule on property names at every depth (spec §4: dot, $ prefix, length). */
interface NameRule {
  readonly code: EventRuleCode;
  readonly breaks: (name: string) => boolean;
}

const NAME_RULES: readonly NameRule[] = [
  { code: 'property-name-dot', breaks: (name) => name.includes('.') },
  { code: 'property-name-dollar', breaks: (name) => name.startsWith('$') },
  { code: 'property-name-too-long', breaks: (name) => name.length > MAX_PROPERTY_NAME_LENGTH },
];

const nameRule = (code: EventRuleCode): readonly NameRule[] => NAME_RULES.filter((rule) => rule.code === code);

/**
 * Violations of every name rule at every depth, in one walk, in the order of forEachPropertyName.
 * The linter reports them all; EVENT_RULES checks each rule with its own walk.
 */
export const allNameViolations = (event: Record<string, unknown>): readonly EventViolation[] =>
  walkNames(event, NAME_RULES);

/** Every property name, at every depth, that breaks one of the rules; same order as forEachPropertyName. */
function walkNames(event: Record<string, unknown>, rules: readonly NameRule[]): EventViolation[] {
  let found: EventViolation[] | undefined;
  const values: unknown[] = [event];
  const parents: (PathNode | undefined)[] = [undefined];
  while (values.length > 0) {
    const value = values.pop();
    const parent = parents.pop();
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) {
        const item: unknown = value[i];
        if (typeof item === 'object' && item !== null) {
          values.push(item);
          parents.push({ parent, segment: i });
        }
      }
    } else if (isJsonObject(value)) {
      // for…in, not Object.keys: no array per object (JSON objects have no inherited enumerable names).
      let nested = 0;
      for (const name in value) {
        for (const rule of rules)
          if (rule.breaks(name)) (found ??= []).push({ code: rule.code, path: pathOf(parent, name) });
        const child = value[name];
        if (typeof child === 'object' && child !== null) nested++;
      }
      if (nested === 0) continue;
      // Children in reverse so the stack visits them in document order (depth first, like forEachPropertyName).
      const mark = values.length;
      for (const name in value) {
        const child = value[name];
        if (typeof child === 'object' && child !== null) {
          values.push(child);
          parents.push({ parent, segment: name });
        }
      }
      reverseFrom(values, mark);
      reverseFrom(parents, mark);
    }
  }
  return found ?? NONE;
}

const everyName = (code: EventRuleCode) => {
  const rules = nameRule(code);
  return (event: Record<string, unknown>): EventViolation[] => walkNames(event, rules);
};

const rootNames = (code: EventRuleCode, breaks: (name: string) => boolean) => (event: Record<string, unknown>) => {
  let found: EventViolation[] | undefined;
  for (const name in event) if (breaks(name)) (found ??= []).push({ code, path: [name] });
  return found ?? NONE;
};

const utf8Length = (text: string): number => {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
};

/** UTF-8 bytes of a string as JSON.stringify writes it (quotes and escapes included). */
const jsonStringBytes = (text: string): number => {
  let bytes = 2;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (
      unit === 0x22 ||
      unit === 0x5c ||
      unit === 0x08 ||
      unit === 0x0c ||
      unit === 0x0a ||
      unit === 0x0d ||
      unit === 0x09
    )
      bytes += 2;
    else if (unit < 0x20) bytes += 6;
    else if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 6; // a lone surrogate is written as \udXXX
    } else if (unit >= 0xdc00 && unit <= 0xdfff) bytes += 6;
    else bytes += 3;
  }
  return bytes;
};

/**
 * The same count without JSON.stringify, for values nested too deeply for it (it recurses and
 * throws RangeError at some ten thousand levels); JSON values only, as JSON.parse gives them.
 */
function compactJsonBytes(root: unknown): number {
  let bytes = 0;
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value === 'string') bytes += jsonStringBytes(value);
    else if (typeof value === 'number') bytes += Number.isFinite(value) ? String(value).length : 4;
    else if (typeof value === 'boolean') bytes += value ? 4 : 5;
    else if (value === null) bytes += 4;
    else if (Array.isArray(value)) {
      bytes += 2 + Math.max(0, value.length - 1);
      for (const item of value) stack.push(item === undefined ? null : item);
    } else if (typeof value === 'object') {
      const names = Object.keys(value).filter((name) => (value as Record<string, unknown>)[name] !== undefined);
      bytes += 2 + Math.max(0, names.length - 1) + names.length; // braces, commas, colons
      for (const name of names) {
        bytes += jsonStringBytes(name);
        stack.push((value as Record<string, unknown>)[name]);
      }
    }
  }
  return bytes;
}

/** Compact JSON of a value, or undefined when it is nested too deeply for JSON.stringify. */
const compactJson = (event: unknown): string | undefined => {
  try {
    return JSON.stringify(event) ?? '';
  } catch (error) {
    if (error instanceof RangeError) return undefined;
    throw error;
  }
};

/** Size of the event as the API measures it: compact JSON, UTF-8 (spec §4). */
export const eventByteSize = (event: unknown): number => {
  const json = compactJson(event);
  return json === undefined ? compactJsonBytes(event) : utf8Length(json);
};

/**
 * eventByteSize(event) > MAX_EVENT_BYTES, without counting bytes when the answer is plain. `sourceLength`,
 * the event's length as written in JSON text, lets a small event skip serializing: compact JSON is at most
 * 6 bytes per source unit (a \uXXXX escape for a raw lone surrogate; a number like 1e20 grows 4 → 21).
 */
export const isEventTooLarge = (event: unknown, sourceLength?: number): boolean => {
  if (sourceLength !== undefined && sourceLength * 6 <= MAX_EVENT_BYTES) return false;
  const json = compactJson(event);
  if (json === undefined) return compactJsonBytes(event) > MAX_EVENT_BYTES;
  // UTF-8 takes 1 to 3 bytes per UTF-16 unit (a surrogate pair: 4 for 2).
  if (json.length * 3 <= MAX_EVENT_BYTES) return false;
  if (json.length > MAX_EVENT_BYTES) return true;
  return utf8Length(json) > MAX_EVENT_BYTES;
};

/** `tp_` in any letter case, as `name.slice(0, 3).toLowerCase() === 'tp_'` without two new strings per name. */
const hasTpPrefix = (name: string): boolean =>
  name.length >= 3 &&
  (name.charCodeAt(0) | 0x20) === 0x74 &&
  (name.charCodeAt(1) | 0x20) === 0x70 &&
  name.charCodeAt(2) === 0x5f;

/** The rules in the order the API checks them (spec §4). `event-not-object` is checked before these. */
export const EVENT_RULES: readonly EventRule[] = [
  {
    code: 'reserved-prefix-tp',
    apiMessage: 'Property names starting with tp_ are reserved and cannot be set.',
    singlePushStatus: 400,
    check: rootNames('reserved-prefix-tp', hasTpPrefix),
  },
  {
    code: 'reserved-id-underscore',
    apiMessage: "Top level properties cannot be named '_id'.",
    singlePushStatus: 422,
    check: rootNames('reserved-id-underscore', (name) => name === '_id'),
  },
  {
    code: 'property-name-dot',
    apiMessage: 'Property names cannot contain a period (.).',
    singlePushStatus: 422,
    check: everyName('property-name-dot'),
  },
  {
    code: 'property-name-dollar',
    apiMessage: 'Property names cannot start with $.',
    singlePushStatus: 422,
    check: everyName('property-name-dollar'),
  },
  {
    code: 'property-name-too-long',
    apiMessage: 'Property names cannot exceed 255 characters.',
    singlePushStatus: 422,
    check: everyName('property-name-too-long'),
  },
  {
    code: 'timestamp-invalid',
    apiMessage: 'The timestamp must be an ISO-8601 date-time.',
    singlePushStatus: 422,
    check: (event) =>
      'timestamp' in event && parseTimestamp(event['timestamp']) === undefined
        ? [{ code: 'timestamp-invalid', path: ['timestamp'] }]
        : NONE,
  },
  {
    code: 'id-invalid',
    apiMessage: 'The id must be a string or a number.',
    singlePushStatus: 422,
    check: (event) => ('id' in event && !isEventId(event['id']) ? [{ code: 'id-invalid', path: ['id'] }] : NONE),
  },
  {
    code: 'event-too-large',
    apiMessage: 'Maximum event size of 64kb exceeded.',
    singlePushStatus: 413,
    check: (event) => (isEventTooLarge(event) ? [{ code: 'event-too-large', path: [] }] : NONE),
  },
];

export const EVENT_NOT_OBJECT_MESSAGE = 'Events must be JSON objects.';

export interface FirstViolation {
  readonly code: EventRuleCode;
  readonly apiMessage: string;
  readonly singlePushStatus: 400 | 413 | 422;
  readonly path: readonly PathSegment[];
}

/** The first rule the event breaks, as the API decides it (spec §4), or undefined when it may be stored. */
export function firstViolation(event: unknown): FirstViolation | undefined {
  if (!isJsonObject(event)) {
    return { code: 'event-not-object', apiMessage: EVENT_NOT_OBJECT_MESSAGE, singlePushStatus: 400, path: [] };
  }
  for (const rule of EVENT_RULES) {
    const [violation] = rule.check(event);
    if (violation) return { ...violation, apiMessage: rule.apiMessage, singlePushStatus: rule.singlePushStatus };
  }
  return undefined;
}

/** The 422 `field` of spec §4: names joined by `.`, positions as `[i]`, unescaped. */
export const fieldPath = pathText;

/**
 * `firstViolation(event) === undefined`, in one walk and without serializing: names are checked as they
 * are met, and the compact-JSON size is bounded from above (6 bytes per string unit, 24 per number), so only
 * an event whose bound passes 64 KiB is measured exactly. The clean path of senders and the sandbox.
 */
export function eventIsClean(event: unknown): boolean {
  if (!isJsonObject(event)) return false;
  for (const name in event) if (hasTpPrefix(name) || name === '_id') return false;
  if ('timestamp' in event && parseTimestamp(event['timestamp']) === undefined) return false;
  if ('id' in event && !isEventId(event['id'])) return false;
  let bound = 0;
  const stack: unknown[] = [event];
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value === 'string') bound += value.length * 6 + 2;
    else if (typeof value !== 'object' || value === null) bound += 24;
    else if (Array.isArray(value)) {
      bound += 2 + value.length;
      for (let i = 0; i < value.length; i++) stack.push(value[i]);
    } else {
      bound += 2;
      for (const name in value) {
        if (name.includes('.') || name.startsWith('$') || name.length > MAX_PROPERTY_NAME_LENGTH) return false;
        bound += name.length * 6 + 4;
        stack.push((value as Record<string, unknown>)[name]);
      }
    }
  }
  return bound <= MAX_EVENT_BYTES || !isEventTooLarge(event);
}
