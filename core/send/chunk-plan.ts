// Splits a batch into chunks (one request each, at most 5,000 events, spec §3) and maps every event of a
// chunk back to its place in the original batch.

/** The API refuses a request with more events than this (spec §3: 413). */
import { MAX_BATCH_EVENTS } from '../rules/batch-rules';

export const MAX_CHUNK_EVENTS = MAX_BATCH_EVENTS;

/** An event by its place in the original batch. */
export interface EventRef {
  readonly collection: string;
  readonly index: number;
}

/** An event left out of the plan on purpose; it ends as `not-sent` with this reason. */
export interface ExcludedEvent extends EventRef {
  readonly reason: string;
}

/** The events of one collection inside one chunk, as original indices in request order. */
export interface ChunkPart {
  readonly collection: string;
  /** `indices[position]` is the original index of the event at `position` in this chunk's array. */
  readonly indices: readonly number[];
}

/** One request's worth of events. A collection appears at most once (a repeated key would be lost, spec §3). */
export interface Chunk {
  /** 1-based request number. */
  readonly number: number;
  readonly parts: readonly ChunkPart[];
  readonly eventCount: number;
}

export interface ChunkPlan {
  readonly chunks: readonly Chunk[];
  /** Events in the batch, excluded ones included. */
  readonly totalEvents: number;
  /** Events carried by the chunks. */
  readonly plannedEvents: number;
  /** Excluded events that exist in the batch, in batch order. */
  readonly excluded: readonly ExcludedEvent[];
}

export interface ChunkPlanOptions {
  /** At most this many events a chunk; clamped to 1..5,000. */
  readonly chunkSize?: number;
  readonly exclude?: Iterable<ExcludedEvent>;
  /** Number of the first chunk (follow-up requests continue after the planned ones). */
  readonly firstNumber?: number;
}

/** The chunk size actually used: an integer in 1..5,000, 5,000 when absent or not a number. */
export function effectiveChunkSize(chunkSize: number | undefined): number {
  if (chunkSize === undefined || !Number.isFinite(chunkSize)) return MAX_CHUNK_EVENTS;
  return Math.min(MAX_CHUNK_EVENTS, Math.max(1, Math.floor(chunkSize)));
}

type Batch = Readonly<Record<string, readonly unknown[]>>;

/** Accumulates (collection, index) pairs into chunks, keeping one part per collection per chunk. */
function chunkBuilder(chunkSize: number, firstNumber: number) {
  const chunks: Chunk[] = [];
  let parts: ChunkPart[] = [];
  let current: { collection: string; indices: number[] } | undefined;
  let count = 0;
  const close = () => {
    if (count === 0) return;
    chunks.push({ number: firstNumber + chunks.length, parts, eventCount: count });
    parts = [];
    current = undefined;
    count = 0;
  };
  return {
    add(collection: string, index: number) {
      if (current?.collection !== collection) {
        // A collection already in this chunk (events given out of order) must not become a second key.
        const existing = parts.find((part) => part.collection === collection);
        current = existing ? (existing as { collection: string; indices: number[] }) : { collection, indices: [] };
        if (!existing) parts.push(current);
      }
      current.indices.push(index);
      count++;
      if (count >= chunkSize) close();
    },
    finish(): Chunk[] {
      close();
      return chunks;
    },
  };
}

/** Plans the whole batch: collections in document order, events in order, excluded events left out. */
export function planChunks(batch: Batch, options: ChunkPlanOptions = {}): ChunkPlan {
  const exclusions = new Map<string, Map<number, string>>();
  for (const event of options.exclude ?? []) {
    let byIndex = exclusions.get(event.collection);
    if (!byIndex) exclusions.set(event.collection, (byIndex = new Map()));
    if (!byIndex.has(event.index)) byIndex.set(event.index, event.reason);
  }
  const builder = chunkBuilder(effectiveChunkSize(options.chunkSize), options.firstNumber ?? 1);
  const excluded: ExcludedEvent[] = [];
  let totalEvents = 0;
  let plannedEvents = 0;
  for (const [collection, events] of Object.entries(batch)) {
    if (!Array.isArray(events)) continue;
    const skip = exclusions.get(collection);
    totalEvents += events.length;
    for (let index = 0; index < events.length; index++) {
      const reason = skip?.get(index);
      if (reason !== undefined) {
        excluded.push({ collection, index, reason });
        continue;
      }
      builder.add(collection, index);
      plannedEvents++;
    }
  }
  return { chunks: builder.finish(), totalEvents, plannedEvents, excluded };
}

/** Plans only the given events (a follow-up resend), in the order given, grouped per chunk by collection. */
export function planEvents(events: Iterable<EventRef>, options: Omit<ChunkPlanOptions, 'exclude'> = {}): Chunk[] {
  const builder = chunkBuilder(effectiveChunkSize(options.chunkSize), options.firstNumber ?? 1);
  for (const event of events) builder.add(event.collection, event.index);
  return builder.finish();
}

/** The request body of a chunk: `{collection: [events in chunk order]}`. */
export function chunkBody(batch: Batch, chunk: Chunk): Record<string, unknown[]> {
  // No prototype: a collection named `__proto__` must stay an ordinary key, as JSON.parse made it.
  const body = Object.create(null) as Record<string, unknown[]>;
  for (const part of chunk.parts) {
    const events = Object.hasOwn(batch, part.collection) ? (batch[part.collection] ?? []) : [];
    body[part.collection] = part.indices.map((index) => events[index]);
  }
  return body;
}

/** The original place of the event at `position` of `collection` in `chunk`, or undefined past its end. */
export function originalEvent(chunk: Chunk, collection: string, position: number): EventRef | undefined {
  const part = chunk.parts.find((p) => p.collection === collection);
  const index = part?.indices[position];
  return index === undefined ? undefined : { collection, index };
}
