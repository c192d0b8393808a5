// The one registry of lint rules (spec §8): for every code its severity, where it points, its check,
// and the message it gives a person. The §4 event rules delegate to event-rules.ts, the API's own order.
import { firstKeyRange } from '../batch/locate';
import type { DuplicateKey, ParseResult, SourceMap } from '../batch/parse';
import type { TextPosition } from '../batch/position';
import type { EventSchemaCheck, RuleCode, Severity } from './diagnostic';
import {
  EVENT_RULES,
  MAX_EVENT_BYTES,
  MAX_PROPERTY_NAME_LENGTH,
  eventByteSize,
  isEventTooLarge,
  allNameViolations,
  type EventRuleCode,
  type EventViolation,
} from './event-rules';
import { isJsonObject } from '../json/value';
import { jsonPointer, type PathSegment } from '../json/path';
import { isUtcTimestamp, parseTimestamp } from './timestamp';
import { collectionNameProblem, MAX_BATCH_EVENTS } from './batch-rules';
import { count, plural } from '../text/plural';
import { isEventId } from '../send/event-id';

/** The most events one request may carry (spec §3). */

/** Which part of the text a finding points at when it carries no explicit range. */
export type Target =
  | 'root' // the whole document value
  | 'collection-key'
  | 'collection-value'
  | 'event' // the whole event value
  | 'event-open' // the event's first character: for facts about the whole event that need no big underline
  | 'key' // the property's name: a name problem
  | 'value'; // the property's value: a value problem

/** What a check found, before it is placed in the text. */
export interface Finding {
  readonly collection?: string;
  readonly index?: number;
  /** Path inside the event (empty: the event, or the batch for batch rules). */
  readonly path: readonly PathSegment[];
  /** Explicit offsets, when the check knows them (parser findings). */
  readonly start?: number;
  readonly end?: number;
  readonly facts?: Facts;
  /** A replacement for the finding's own range that repairs it, offered as a quick fix. */
  readonly suggestion?: { readonly title: string; readonly replacement: string };
}

/** What a message may mention. */
export interface Facts {
  readonly name?: string;
  readonly value?: unknown;
  readonly detail?: string;
  readonly utc?: string;
  readonly count?: number;
  /** Offset of an earlier occurrence (the first copy of a key or an id). */
  readonly firstOffset?: number;
  readonly firstIndex?: number;
}

/** What a message builder is given: the finding plus where it sits. */
export interface MessageContext extends Finding {
  /** `purchases[3]`: the event, as people see it in a results grid. */
  readonly where: string;
  readonly pointer: string;
  readonly positionOf: (offset: number) => TextPosition;
}

/** Work shared by the rules of one event, cleared by the linter before the next event. */
export interface EventScratch {
  /** Every name-rule violation of the event, from one walk (dot, $, length). */
  names?: readonly EventViolation[];
}

export interface EventContext {
  readonly collection: string;
  readonly scratch?: EventScratch;
  /** The event's length as written (UTF-16 units), when known: lets the size rule skip small events. */
  readonly sourceLength?: number;
  readonly schema?: EventSchemaCheck;
}

interface RuleBase {
  readonly severity: Severity;
  readonly target: Target;
  /** One line for help texts and documentation. */
  readonly summary: string;
  readonly message: (context: MessageContext) => string;
}

/** Where a rule looks decides what its check is given. */
export type RuleDefinition =
  | (RuleBase & { readonly scope: 'text'; readonly check: (parsed: ParseResult) => readonly Finding[] })
  | (RuleBase & {
      readonly scope: 'batch';
      readonly check: (batch: Readonly<Record<string, unknown>>) => readonly Finding[];
    })
  | (RuleBase & { readonly scope: 'document'; readonly check: (document: unknown) => readonly Finding[] })
  | (RuleBase & { readonly scope: 'collection'; readonly check: (name: string, value: unknown) => readonly Finding[] })
  | (RuleBase & {
      readonly scope: 'event';
      /** True for the rules of spec §4: a violation means the API rejects the event. */
      readonly rejects: boolean;
      readonly check: (event: unknown, context: EventContext) => readonly Finding[];
    })
  | (RuleBase & {
      readonly scope: 'collection-events';
      /** `stored[i]` is true when event i passes every rule of spec §4. */
      readonly check: (
        collection: string,
        events: readonly unknown[],
        stored: readonly boolean[],
      ) => readonly Finding[];
    });

// Shared by every check that finds nothing (most of them, on most events).
const NONE = Object.freeze([]) as readonly Finding[];

const kindOf = (value: unknown): string => {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return value === '' ? 'an empty string' : 'a string';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'number') return 'a number';
  if (typeof value === 'boolean') return `\`${String(value)}\``;
  return typeof value;
};

/** A value quoted for a message, cut short when long. */
const shown = (value: unknown): string => {
  const json = JSON.stringify(value) ?? String(value);
  return json.length > 60 ? `${json.slice(0, 57)}…` : json;
};

const shortName = (name: string): string => (name.length > 40 ? `${name.slice(0, 37)}…` : name);

/** "Property `x`" plus, below the root, where it is inside the event. */
const propertyIn = (c: MessageContext): string => {
  const name = shortName(String(c.facts?.name ?? c.path[c.path.length - 1] ?? ''));
  const parent = c.path.slice(0, -1);
  return parent.length === 0
    ? `Property \`${name}\` of ${c.where}`
    : `Property \`${name}\` at ${jsonPointer(parent)} of ${c.where}`;
};

const API_RULES = new Map(EVENT_RULES.map((rule) => [rule.code, rule]));
const apiRule = (code: EventRuleCode) => {
  const rule = API_RULES.get(code);
  if (!rule) throw new Error(`No event rule ${code}`);
  return rule;
};

/** Findings of one §4 rule, with each offending name as a fact. */
const NAME_CODES = new Set<EventRuleCode>(['property-name-dot', 'property-name-dollar', 'property-name-too-long']);

/** The violations of one §4 rule; the name rules share one walk of the event through the scratch. */
const violationsOf = (
  code: EventRuleCode,
  event: Record<string, unknown>,
  context: EventContext,
): readonly EventViolation[] => {
  if (!NAME_CODES.has(code) || !context.scratch) return apiRule(code).check(event);
  const names = (context.scratch.names ??= allNameViolations(event));
  if (names.length === 0) return names;
  return names.filter((violation) => violation.code === code);
};

const apiCheck = (
  code: EventRuleCode,
  suggest?: (name: string, siblings: Record<string, unknown>) => string | undefined,
) => {
  apiRule(code); // fails at load time for a code event-rules.ts does not have
  return (event: unknown, context: EventContext): readonly Finding[] => {
    if (!isJsonObject(event)) return NONE;
    const violations = violationsOf(code, event, context);
    if (violations.length === 0) return NONE;
    return violations.map((violation): Finding => {
      const name = violation.path[violation.path.length - 1];
      const finding: Finding = { path: violation.path, facts: typeof name === 'string' ? { name } : {} };
      if (!suggest || typeof name !== 'string') return finding;
      const siblings = parentOf(event, violation.path);
      const better = siblings ? suggest(name, siblings) : undefined;
      return better === undefined
        ? finding
        : { ...finding, suggestion: { title: `Rename to \`${better}\``, replacement: JSON.stringify(better) } };
    });
  };
};

/** Findings of a §4 rule on one root value, with that value as a fact. */
const valueCheck = (code: EventRuleCode, name: string) => {
  const rule = apiRule(code);
  return (event: unknown): readonly Finding[] => {
    if (!isJsonObject(event)) return NONE;
    const violations = rule.check(event);
    return violations.length === 0 ? NONE : violations.map((v) => ({ path: v.path, facts: { value: event[name] } }));
  };
};

/** The object holding the last segment of a path. */
function parentOf(event: Record<string, unknown>, path: readonly PathSegment[]): Record<string, unknown> | undefined {
  let current: unknown = event;
  for (const segment of path.slice(0, -1)) {
    if (Array.isArray(current) && typeof segment === 'number') current = current[segment];
    else if (isJsonObject(current) && typeof segment === 'string') current = current[segment];
    else return undefined;
  }
  return isJsonObject(current) ? current : undefined;
}

/** A replacement name, when it is valid and not taken in the same object. */
const freeName = (candidate: string, siblings: Record<string, unknown>): string | undefined =>
  candidate !== '' &&
  !Object.prototype.hasOwnProperty.call(siblings, candidate) &&
  !candidate.includes('.') &&
  !candidate.startsWith('$') &&
  candidate.slice(0, 3).toLowerCase() !== 'tp_' &&
  candidate !== '_id'
    ? candidate
    : undefined;

/** A path kept as links to its parent: one node per object walked, a path array only per finding. */
interface PathLink {
  readonly parent: PathLink | undefined;
  readonly name: string;
}

const linkedPath = (link: PathLink | undefined, last: string): PathSegment[] => {
  const path: PathSegment[] = [last];
  for (let l = link; l; l = l.parent) path.push(l.name);
  return path.reverse();
};

/** Every property whose value is an array, outermost only (an array inside one is part of it). */
function arrayProperties(event: Record<string, unknown>): readonly Finding[] {
  let found: Finding[] | undefined;
  // Linear in depth: a path array per level would make a deep event quadratic (issue 8 §3).
  let pending: { value: Record<string, unknown>; link: PathLink | undefined }[] | undefined;
  for (
    let frame: { value: Record<string, unknown>; link: PathLink | undefined } | undefined = {
      value: event,
      link: undefined,
    };
    frame;
    frame = pending?.pop()
  ) {
    for (const name in frame.value) {
      const value = frame.value[name];
      if (Array.isArray(value)) (found ??= []).push({ path: linkedPath(frame.link, name), facts: { name } });
      else if (isJsonObject(value)) (pending ??= []).push({ value, link: { parent: frame.link, name } });
    }
  }
  return found ?? NONE;
}

const isEmpty = (object: Record<string, unknown>): boolean => {
  for (const _name in object) return false;
  return true;
};

export const RULES = {
  'json-syntax': {
    scope: 'text',
    severity: 'error',
    target: 'root',
    summary: 'the text is not valid JSON',
    check: (parsed) =>
      parsed.ok
        ? []
        : [
            {
              path: [],
              start: parsed.error.offset,
              end: parsed.error.offset + 1,
              facts: { detail: parsed.error.message },
            },
          ],
    message: (c) =>
      `${c.facts?.detail ?? 'The text is not valid JSON.'} The API answers 400 and stores nothing until it is fixed.`,
  },
  'duplicate-key': {
    scope: 'text',
    severity: 'warning',
    target: 'key',
    summary: 'the same key twice in one object: the last one wins',
    check: (parsed) =>
      parsed.ok ? parsed.map.duplicateKeys.map((duplicate) => duplicateKeyFinding(parsed.map, duplicate)) : NONE,
    message: (c) => {
      const offset = c.facts?.firstOffset;
      const first =
        offset === undefined
          ? ''
          : ` (first at line ${c.positionOf(offset).line}, column ${c.positionOf(offset).column})`;
      const name = shortName(String(c.facts?.name ?? ''));
      if (c.facts?.detail === 'collection') {
        return `Collection \`${name}\` appears twice in the batch${first}: the last one wins and the events of the earlier one are ignored entirely. Merge the two arrays or rename one.`;
      }
      const inside =
        c.facts?.detail === 'ignored copy'
          ? `an earlier copy of collection \`${shortName(c.collection ?? '')}\` (itself ignored, as the name repeats)`
          : c.index === undefined
            ? c.collection === undefined
              ? 'the batch'
              : `collection \`${shortName(c.collection)}\``
            : c.where;
      return `Key \`${name}\` appears twice in one object of ${inside}${first}: the last one wins and the earlier value is ignored entirely. Remove or rename one of them.`;
    },
  },
  'batch-not-object': {
    scope: 'document',
    severity: 'error',
    target: 'root',
    summary: 'the document is not an object of collections',
    check: (document) => (isJsonObject(document) ? [] : [{ path: [], facts: { value: document } }]),
    message: (c) =>
      `The batch is ${kindOf(c.facts?.value)}, not an object of collections: the API answers 400. Write it as {"collection": [event, ...]}${Array.isArray(c.facts?.value) ? ', e.g. wrap this array as {"events": [...]}' : ''}.`,
  },
  'collection-name-invalid': {
    scope: 'collection',
    severity: 'error',
    target: 'collection-key',
    summary: 'a collection name is empty, over 255 characters, or starts with $',
    check: (name) => {
      const problem = collectionNameProblem(name);
      return problem ? [{ collection: name, path: [], facts: { name, detail: problem } }] : [];
    },
    message: (c) =>
      `${c.facts?.name === '' ? 'The collection name' : `Collection name \`${shortName(String(c.facts?.name))}\``} ${c.facts?.detail}: names must be 1 to 255 characters and not start with $. The API rejects the whole batch (400). Rename the collection.`,
  },
  'collection-not-array': {
    scope: 'collection',
    severity: 'error',
    target: 'collection-value',
    summary: "a collection's value is not an array",
    check: (name, value) => (Array.isArray(value) ? [] : [{ collection: name, path: [], facts: { name, value } }]),
    message: (c) =>
      `Collection \`${shortName(String(c.facts?.name))}\` is ${kindOf(c.facts?.value)}, not an array of events: the API rejects the whole batch (400). Put its events in [ ]${isJsonObject(c.facts?.value) ? ', e.g. [{...}]' : ''}.`,
  },
  'event-not-object': {
    scope: 'event',
    rejects: true,
    severity: 'error',
    target: 'event',
    summary: 'an event is not an object',
    check: (event) => (isJsonObject(event) ? NONE : [{ path: [], facts: { value: event } }]),
    message: (c) =>
      `${c.where} is ${kindOf(c.facts?.value)}, not an object: the API rejects this event (events must be JSON objects). Write it as {"property": value, ...}.`,
  },
  'reserved-prefix-tp': {
    scope: 'event',
    rejects: true,
    severity: 'error',
    target: 'key',
    summary: 'root property starting with tp_ (any case)',
    check: apiCheck('reserved-prefix-tp', (name, siblings) => freeName(name.slice(3), siblings)),
    message: (c) =>
      `${propertyIn(c)} is reserved: names starting with tp_ (any case) cannot be set, so the API rejects this event. Rename it.`,
  },
  'reserved-id-underscore': {
    scope: 'event',
    rejects: true,
    severity: 'error',
    target: 'key',
    summary: 'root property _id',
    check: apiCheck('reserved-id-underscore', (_name, siblings) => freeName('id', siblings)),
    message: (c) =>
      `${propertyIn(c)} is reserved: top-level properties cannot be named _id, so the API rejects this event. Rename it (to \`id\` if it is the event's id).`,
  },
  'property-name-dot': {
    scope: 'event',
    rejects: true,
    severity: 'error',
    target: 'key',
    summary: '. in a property name, any depth',
    check: apiCheck('property-name-dot', (name, siblings) => freeName(name.replace(/\./g, '_'), siblings)),
    message: (c) =>
      `${propertyIn(c)} contains a period (.), which property names cannot have at any depth: the API rejects this event. Rename it, e.g. \`${shortName(String(c.facts?.name ?? '').replace(/\./g, '_'))}\`.`,
  },
  'property-name-dollar': {
    scope: 'event',
    rejects: true,
    severity: 'error',
    target: 'key',
    summary: 'property name starting with $, any depth',
    check: apiCheck('property-name-dollar', (name, siblings) => freeName(name.replace(/^\$+/, ''), siblings)),
    message: (c) =>
      `${propertyIn(c)} starts with $, which property names cannot do at any depth: the API rejects this event. Rename it without the $.`,
  },
  'property-name-too-long': {
    scope: 'event',
    rejects: true,
    severity: 'error',
    target: 'key',
    summary: 'property name over 255 characters, any depth',
    check: apiCheck('property-name-too-long'),
    message: (c) =>
      `${propertyIn(c)} is ${count(String(c.facts?.name ?? '').length)} characters long, over the ${MAX_PROPERTY_NAME_LENGTH} allowed: the API rejects this event. Shorten the name.`,
  },
  'timestamp-invalid': {
    scope: 'event',
    rejects: true,
    severity: 'error',
    target: 'value',
    summary: 'root timestamp is not an accepted date-time',
    check: valueCheck('timestamp-invalid', 'timestamp'),
    message: (c) => {
      const value = c.facts?.value;
      const hint =
        typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)
          ? ` It has no time: write ${value}T00:00:00Z for midnight UTC.`
          : typeof value === 'number'
            ? ' Numbers (epoch seconds or milliseconds) are not accepted: write the date as a string.'
            : '';
      return `The timestamp of ${c.where} is ${typeof value === 'string' && value !== '' ? shown(value) : kindOf(value)}, not an ISO-8601 date-time that exists: the API rejects this event. Write it like 2024-05-01T12:30:00Z (date, time, then Z or an offset).${hint}`;
    },
  },
  'timestamp-not-utc': {
    scope: 'event',
    rejects: false,
    severity: 'warning',
    target: 'value',
    summary: 'root timestamp ends in anything but Z: it will be converted to UTC',
    check: (event) => {
      if (!isJsonObject(event)) return NONE;
      const parsed = parseTimestamp(event['timestamp']);
      if (!parsed || parsed.isUtc) return NONE;
      return [
        {
          path: ['timestamp'],
          facts: { value: event['timestamp'], utc: parsed.utc },
          suggestion: { title: `Write it in UTC: ${parsed.utc}`, replacement: JSON.stringify(parsed.utc) },
        },
      ];
    },
    message: (c) => {
      const value = String(c.facts?.value ?? '');
      const zone = /(?:[+-]\d{2}:?\d{2})$/.test(value) ? 'has an offset, not Z' : 'has no time zone (read as UTC)';
      return `The timestamp ${shown(value)} of ${c.where} ${zone}: the API will store it as ${c.facts?.utc}. Write that UTC form so the file says what will be stored.`;
    },
  },
  'id-invalid': {
    scope: 'event',
    rejects: true,
    severity: 'error',
    target: 'value',
    summary: 'root id is not a non-empty string or a number',
    check: valueCheck('id-invalid', 'id'),
    message: (c) =>
      `The id of ${c.where} is ${kindOf(c.facts?.value)}: an id must be a non-empty string or a number, so the API rejects this event. Give it a unique string or number, or remove it.`,
  },
  'event-too-large': {
    scope: 'event',
    rejects: true,
    severity: 'error',
    target: 'event',
    summary: 'over 65,536 bytes as compact JSON (UTF-8)',
    check: (event, context) =>
      isJsonObject(event) && isEventTooLarge(event, context.sourceLength)
        ? [{ path: [], facts: { count: eventByteSize(event) } }]
        : NONE,
    message: (c) =>
      `${c.where} is ${count(c.facts?.count ?? 0)} bytes as compact JSON, over the ${count(MAX_EVENT_BYTES)}-byte (64 KiB) limit: the API rejects this event. Drop or shorten large properties, or split it into several events.`,
  },
  'id-duplicate-in-batch': {
    scope: 'collection-events',
    severity: 'warning',
    target: 'value',
    summary: 'an id repeats inside one collection of the batch',
    check: (collection, events, stored) => {
      // spec §4: ids compare by JSON type and value, so strings and numbers are kept apart (1 ≠ "1").
      const seenStrings = new Map<string, number>();
      const seenNumbers = new Map<number, number>();
      const found: Finding[] = [];
      for (let index = 0; index < events.length; index++) {
        const event = events[index];
        if (!stored[index] || !isJsonObject(event)) continue;
        const id = event['id'];
        let first: number | undefined;
        if (typeof id === 'string' && id !== '') {
          first = seenStrings.get(id);
          if (first === undefined) seenStrings.set(id, index);
        } else if (typeof id === 'number' && Number.isFinite(id)) {
          first = seenNumbers.get(id);
          if (first === undefined) seenNumbers.set(id, index);
        }
        if (first !== undefined)
          found.push({ collection, index, path: ['id'], facts: { value: id, firstIndex: first } });
      }
      return found;
    },
    message: (c) =>
      `The id ${shown(c.facts?.value)} of ${c.where} was already used by \`${c.collection ?? ''}[${c.facts?.firstIndex}]\`: the API stores the first copy and reports this one as a duplicate, not stored. Give it its own id, or remove the copy.`,
  },
  'id-missing': {
    scope: 'event',
    rejects: false,
    severity: 'info',
    target: 'event-open',
    summary: 'no root id: a resend cannot be recognised as a duplicate',
    check: (event) => (isJsonObject(event) && !('id' in event) ? [{ path: [] }] : NONE),
    message: (c) =>
      `${c.where} has no id: if it is sent again (after a timeout, say), the API cannot recognise the copy and stores it twice. Add a unique \`id\`.`,
  },
  'event-empty': {
    scope: 'event',
    rejects: false,
    severity: 'warning',
    target: 'event',
    summary: 'an empty event {}',
    check: (event) => (isJsonObject(event) && isEmpty(event) ? [{ path: [] }] : NONE),
    message: (c) =>
      `${c.where} is empty ({}): the API stores it with only a generated id and time, which is rarely meant. Add its properties or remove it.`,
  },
  'batch-over-limit': {
    scope: 'batch',
    severity: 'info',
    target: 'event-open',
    summary: 'over 5,000 events: it will be sent as several requests',
    check: (batch) => {
      let total = 0;
      let first: Finding | undefined;
      for (const [collection, events] of Object.entries(batch)) {
        if (!Array.isArray(events)) continue;
        if (!first && total + events.length > MAX_BATCH_EVENTS)
          first = { collection, index: MAX_BATCH_EVENTS - total, path: [] };
        total += events.length;
      }
      return first ? [{ ...first, facts: { count: total } }] : [];
    },
    message: (c) => {
      const total = c.facts?.count ?? 0;
      return `The batch has ${plural(total, 'event')}, more than the ${count(MAX_BATCH_EVENTS)} the API takes in one request: it will be sent as ${count(Math.ceil(total / MAX_BATCH_EVENTS))} requests, the second starting with ${c.where}. Nothing to change, unless you want to send it in one piece.`;
    },
  },
  'array-property': {
    scope: 'event',
    rejects: false,
    severity: 'info',
    target: 'value',
    summary: 'an array value: arrays cannot be used in queries',
    check: (event) => (isJsonObject(event) ? arrayProperties(event) : NONE),
    message: (c) =>
      `${propertyIn(c)} is an array: it is stored, but arrays cannot be used in queries. If you need to filter on it, use an object or separate properties.`,
  },
  'schema-violation': {
    scope: 'event',
    rejects: false,
    severity: 'error',
    target: 'value',
    summary: 'the event breaks the JSON Schema configured for its collection',
    check: (event, context) =>
      context.schema
        ? context.schema(event).map((problem) => ({ path: problem.path, facts: { detail: problem.message } }))
        : NONE,
    // The validator's text already names the property; the event is named once, in front.
    message: (c) =>
      `${c.where}: ${c.facts?.detail ?? 'it does not match the schema of its collection'} (schema of \`${shortName(String(c.collection))}\`). Fix the event or the schema.`,
  },
} as const satisfies Record<RuleCode, RuleDefinition>;

function duplicateKeyFinding(map: SourceMap, duplicate: DuplicateKey): Finding {
  const [collection, index, ...inside] = duplicate.path;
  const name = String(duplicate.path[duplicate.path.length - 1]);
  const range = typeof collection === 'string' ? map.collections.get(collection) : undefined;
  // Inside an earlier copy of a repeated collection: that copy is ignored, so no event of the batch holds it.
  const inIgnoredCopy =
    duplicate.path.length > 1 &&
    range !== undefined &&
    (duplicate.keyStart < range.valueStart || duplicate.keyStart >= range.valueEnd);
  // A repeated collection name, or a key inside a collection that is not an array, has no event either.
  const inEvent = !inIgnoredCopy && typeof collection === 'string' && typeof index === 'number' && inside.length > 0;
  const detail =
    duplicate.path.length === 1 && typeof collection === 'string'
      ? 'collection'
      : inIgnoredCopy
        ? 'ignored copy'
        : undefined;
  return {
    collection: typeof collection === 'string' ? collection : undefined,
    index: inEvent ? index : undefined,
    path: inEvent ? inside : [],
    start: duplicate.keyStart,
    end: duplicate.keyEnd,
    facts: {
      name,
      firstOffset: firstKeyRange(map.text, duplicate.objectStart, name)?.start,
      ...(detail ? { detail } : {}),
    },
  };
}

// One walk stack for every event (emptied after each): no array per event on the clean path.
const quietStack: Record<string, unknown>[] = [];

/**
 * True only when no event rule but `schema-violation` can find anything in this event: a valid id, an
 * accepted UTC timestamp or none, no array, no name any rule objects to, and small enough by a bound.
 * The linter's clean path (most events of most batches); any doubt answers false and the rules decide.
 */
export function isQuietEvent(event: unknown, sourceLength: number | undefined): boolean {
  if (!isJsonObject(event)) return false;
  if (!isEventId(event['id'])) return false;
  if ('timestamp' in event && !isUtcTimestamp(event['timestamp'])) return false;
  for (const name in event) {
    if (
      name.length >= 3 &&
      (name.charCodeAt(0) | 0x20) === 0x74 &&
      (name.charCodeAt(1) | 0x20) === 0x70 &&
      name.charCodeAt(2) === 0x5f
    )
      return false;
    if (name === '_id') return false;
  }
  // Objects only below the root: an array anywhere is an `array-property` finding.
  const stack = quietStack;
  stack.length = 0;
  stack.push(event);
  while (stack.length > 0) {
    const object = stack.pop() as Record<string, unknown>;
    for (const name in object) {
      if (name.length > MAX_PROPERTY_NAME_LENGTH || name.charCodeAt(0) === 0x24 || name.includes('.')) {
        stack.length = 0;
        return false;
      }
      const value = object[name];
      if (typeof value === 'object' && value !== null) {
        if (Array.isArray(value)) {
          stack.length = 0;
          return false;
        }
        stack.push(value as Record<string, unknown>);
      }
    }
  }
  return !isEventTooLarge(event, sourceLength);
}

export const RULE_CODES = Object.keys(RULES) as RuleCode[];
