// The per-event rules of spec §4, in the spec's order, on parsed values. The sandbox answers with the
// first violation; the linter reports every violation at its source position. One place for each rule.
import { parseTimestamp } from './timestamp';

/** A step into an event: a property name or an array position. */
export type PathSegment = string | number;

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

export const isJsonObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

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

const everyName = (code: EventRuleCode, breaks: (name: string) => boolean) => (event: Record<string, unknown>) => {
  const found: EventViolation[] = [];
  forEachPropertyName(event, (name, path) => {
    if (breaks(name)) found.push({ code, path });
  });
  return found;
};

const rootNames = (code: EventRuleCode, breaks: (name: string) => boolean) => (event: Record<string, unknown>) =>
  Object.keys(event)
    .filter(breaks)
    .map((name): EventViolation => ({ code, path: [name] }));

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

/** Size of the event as the API measures it: compact JSON, UTF-8 (spec §4). */
export const eventByteSize = (event: unknown): number => utf8Length(JSON.stringify(event) ?? '');

const isValidId = (id: unknown): boolean =>
  (typeof id === 'string' && id.length > 0) || (typeof id === 'number' && Number.isFinite(id));

/** The rules in the order the API checks them (spec §4). `event-not-object` is checked before these. */
export const EVENT_RULES: readonly EventRule[] = [
  {
    code: 'reserved-prefix-tp',
    apiMessage: 'Property names starting with tp_ are reserved and cannot be set.',
    singlePushStatus: 400,
    check: rootNames('reserved-prefix-tp', (name) => name.slice(0, 3).toLowerCase() === 'tp_'),
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
    check: everyName('property-name-dot', (name) => name.includes('.')),
  },
  {
    code: 'property-name-dollar',
    apiMessage: 'Property names cannot start with $.',
    singlePushStatus: 422,
    check: everyName('property-name-dollar', (name) => name.startsWith('$')),
  },
  {
    code: 'property-name-too-long',
    apiMessage: 'Property names cannot exceed 255 characters.',
    singlePushStatus: 422,
    check: everyName('property-name-too-long', (name) => name.length > MAX_PROPERTY_NAME_LENGTH),
  },
  {
    code: 'timestamp-invalid',
    apiMessage: 'The timestamp must be an ISO-8601 date-time.',
    singlePushStatus: 422,
    check: (event) =>
      'timestamp' in event && parseTimestamp(event['timestamp']) === undefined
        ? [{ code: 'timestamp-invalid', path: ['timestamp'] }]
        : [],
  },
  {
    code: 'id-invalid',
    apiMessage: 'The id must be a string or a number.',
    singlePushStatus: 422,
    check: (event) => ('id' in event && !isValidId(event['id']) ? [{ code: 'id-invalid', path: ['id'] }] : []),
  },
  {
    code: 'event-too-large',
    apiMessage: 'Maximum event size of 64kb exceeded.',
    singlePushStatus: 413,
    check: (event) => (eventByteSize(event) > MAX_EVENT_BYTES ? [{ code: 'event-too-large', path: [] }] : []),
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
export function fieldPath(path: readonly PathSegment[]): string {
  return path.reduce<string>(
    (text, segment) => (typeof segment === 'number' ? `${text}[${segment}]` : text ? `${text}.${segment}` : segment),
    '',
  );
}

/** JSON Pointer of a path (RFC 6901), as the linter reports it (spec §8). */
export function jsonPointer(path: readonly PathSegment[]): string {
  return path.map((segment) => '/' + String(segment).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}
