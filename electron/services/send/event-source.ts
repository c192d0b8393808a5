// The events a send carries, numbered across collections, and the request body of any set of them: from
// a parsed batch (the app, files that needed the full linter), or straight from a file's bytes.
import { collectionOf } from '../../../core/send/batch-spans';
import { eventId } from '../../../core/send/event-id';
import type { EventDirectory } from '../../../core/send/outcome-ledger';

/** A request body as pieces sent one after another: views into a file's bytes, or one buffer. */
export type BodyPieces = readonly Uint8Array[];

export interface EventSource extends EventDirectory {
  /** True when event `g` has an id the API accepts (spec §4): resending it is safe. */
  hasId(g: number): boolean;
  /** The body `{collection: [events]}` of the given events (ascending numbers), as the bytes to send. */
  body(events: ArrayLike<number>): Buffer;
  /** The same body as pieces: events that lie together in a file are not copied. */
  pieces(events: ArrayLike<number>): BodyPieces;
}

type Batch = Readonly<Record<string, readonly unknown[]>>;

/** Runs of consecutive event numbers of one collection, in order: each becomes one key of a body. */
export function* sections(
  firsts: Uint32Array,
  events: ArrayLike<number>,
): Generator<{ collection: number; from: number; to: number }> {
  let from = 0;
  while (from < events.length) {
    const collection = collectionOf(firsts, events[from] ?? 0);
    const end = firsts[collection + 1] ?? 0;
    let to = from + 1;
    while (to < events.length && (events[to] ?? 0) < end) to++;
    yield { collection, from, to };
    from = to;
  }
}

/** A source over a parsed batch: bodies are serialized once per request. */
export function objectSource(batch: Batch): EventSource {
  const names = Object.keys(batch).filter((name) => Array.isArray(batch[name]));
  const columns = names.map((name) => batch[name] ?? []);
  const firsts = new Uint32Array(names.length + 1);
  for (let c = 0; c < names.length; c++) firsts[c + 1] = (firsts[c] ?? 0) + (columns[c]?.length ?? 0);
  const eventAt = (g: number): unknown => {
    const c = collectionOf(firsts, g);
    return columns[c]?.[g - (firsts[c] ?? 0)];
  };
  return {
    names,
    firsts,
    id: (g) => eventId(eventAt(g)),
    hasId: (g) => eventId(eventAt(g)) !== undefined,
    pieces: (events) => [body(events)],
    body,
  };
  function body(events: ArrayLike<number>): Buffer {
    // No prototype: a collection named `__proto__` must stay an ordinary key, as JSON.parse made it.
    const value = Object.create(null) as Record<string, unknown[]>;
    for (const { collection, from, to } of sections(firsts, events)) {
      const column = columns[collection] ?? [];
      const base = firsts[collection] ?? 0;
      const list: unknown[] = [];
      for (let i = from; i < to; i++) list.push(column[(events[i] ?? 0) - base]);
      value[names[collection] ?? ''] = list;
    }
    return Buffer.from(JSON.stringify(value));
  }
}

/** What a file scan found: the bytes, where each event sits, and which events have an id. */
export interface SpanSourceInput {
  readonly bytes: Buffer;
  readonly names: readonly string[];
  readonly firsts: Uint32Array;
  readonly starts: Uint32Array;
  readonly ends: Uint32Array;
  /** 1 for an event with an id. */
  readonly withId: Uint8Array;
}

const EMPTY = Buffer.from('{}');
const COMMA = Buffer.from(',');
const CLOSE_ARRAY = Buffer.from(']');
const CLOSE_OBJECT = Buffer.from('}');
/** More runs of neighbouring events than this (a resend of scattered events) are copied into one buffer. */
const MAX_RUNS_AS_PIECES = 16;

/**
 * Runs of consecutive event numbers among events[from..to), as first and last event; `separated` for
 * every run after the first (a comma goes before it).
 */
function forEachRun(
  events: ArrayLike<number>,
  from: number,
  to: number,
  visit: (first: number, last: number, separated: boolean) => void,
): void {
  for (let i = from; i < to;) {
    const first = events[i] ?? 0;
    let last = first;
    for (i++; i < to && events[i] === last + 1; i++) last++;
    visit(first, last, first !== (events[from] ?? 0));
  }
}

/** A source over a file's bytes: a body is the events' own bytes, joined, never parsed again. */
export function spanSource(input: SpanSourceInput): EventSource {
  const { bytes, names, firsts, starts, ends, withId } = input;
  const firstKeys = names.map((name) => Buffer.from(`{${JSON.stringify(name)}:[`));
  const laterKeys = names.map((name) => Buffer.from(`,${JSON.stringify(name)}:[`));
  /** Keys and brackets, and one view of the file per run of neighbouring events (what lies between them included). */
  const piecesOf = (events: ArrayLike<number>): { pieces: Uint8Array[]; runs: number } => {
    const parts = [...sections(firsts, events)];
    if (parts.length === 0) return { pieces: [EMPTY], runs: 0 };
    const pieces: Uint8Array[] = [];
    let runs = 0;
    parts.forEach(({ collection, from, to }, p) => {
      const key = p === 0 ? firstKeys[collection] : laterKeys[collection];
      if (key) pieces.push(key);
      forEachRun(events, from, to, (first, last, separated) => {
        if (separated) pieces.push(COMMA);
        pieces.push(bytes.subarray(starts[first], ends[last]));
        runs++;
      });
      pieces.push(CLOSE_ARRAY);
    });
    pieces.push(CLOSE_OBJECT);
    return { pieces, runs };
  };
  return {
    names,
    firsts,
    hasId: (g) => withId[g] === 1,
    id(g) {
      if (withId[g] !== 1) return undefined;
      return eventId(JSON.parse(bytes.toString('utf8', starts[g], ends[g])) as unknown);
    },
    pieces(events) {
      const { pieces, runs } = piecesOf(events);
      return runs > MAX_RUNS_AS_PIECES ? [Buffer.concat(pieces)] : pieces;
    },
    body: (events) => Buffer.concat(piecesOf(events).pieces),
  };
}
