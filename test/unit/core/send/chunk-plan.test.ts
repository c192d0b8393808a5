// Chunk planning: size limits, order, exclusions and the map back to the original batch.
import { describe, expect, it } from 'vitest';
import {
  chunkBody,
  effectiveChunkSize,
  MAX_CHUNK_EVENTS,
  originalEvent,
  planChunks,
  planEvents,
} from '../../../../core/send/chunk-plan';

const events = (n: number, tag = 'e') => Array.from({ length: n }, (_, i) => ({ id: `${tag}${i}` }));

describe('planChunks', () => {
  it('plans nothing for an empty batch or empty collections', () => {
    expect(planChunks({}).chunks).toEqual([]);
    const plan = planChunks({ a: [], b: [] });
    expect(plan.chunks).toEqual([]);
    expect(plan.totalEvents).toBe(0);
  });

  it('keeps a small batch in one chunk, collections in document order', () => {
    const batch = { b: events(2, 'b'), a: events(3, 'a') };
    const plan = planChunks(batch);
    expect(plan.chunks).toHaveLength(1);
    expect(plan.chunks[0]).toEqual({
      number: 1,
      eventCount: 5,
      parts: [
        { collection: 'b', indices: [0, 1] },
        { collection: 'a', indices: [0, 1, 2] },
      ],
    });
    expect(Object.keys(chunkBody(batch, plan.chunks[0] as never))).toEqual(['b', 'a']);
  });

  it('splits at 5,000 events by default, a collection spanning chunks', () => {
    const batch = { a: events(7000), b: events(4000) };
    const plan = planChunks(batch);
    expect(plan.chunks.map((c) => c.eventCount)).toEqual([5000, 5000, 1000]);
    expect(plan.chunks[1]?.parts.map((p) => [p.collection, p.indices[0], p.indices.length])).toEqual([
      ['a', 5000, 2000],
      ['b', 0, 3000],
    ]);
    expect(plan.plannedEvents).toBe(11000);
    expect(plan.chunks.map((c) => c.number)).toEqual([1, 2, 3]);
  });

  it('honours a smaller chunk size and clamps odd ones', () => {
    expect(planChunks({ a: events(10) }, { chunkSize: 3 }).chunks.map((c) => c.eventCount)).toEqual([3, 3, 3, 1]);
    expect(effectiveChunkSize(0)).toBe(1);
    expect(effectiveChunkSize(-5)).toBe(1);
    expect(effectiveChunkSize(2.7)).toBe(2);
    expect(effectiveChunkSize(9999)).toBe(MAX_CHUNK_EVENTS);
    expect(effectiveChunkSize(Number.NaN)).toBe(MAX_CHUNK_EVENTS);
    expect(planChunks({ a: events(3) }, { chunkSize: 1 }).chunks).toHaveLength(3);
  });

  it('leaves excluded events out and lists them with their reason', () => {
    const batch = { a: events(5), b: events(2, 'b') };
    const plan = planChunks(batch, {
      chunkSize: 2,
      exclude: [
        { collection: 'a', index: 1, reason: 'lint error' },
        { collection: 'b', index: 0, reason: 'x' },
        { collection: 'zz', index: 0, reason: 'absent' },
      ],
    });
    expect(plan.excluded).toEqual([
      { collection: 'a', index: 1, reason: 'lint error' },
      { collection: 'b', index: 0, reason: 'x' },
    ]);
    expect(plan.totalEvents).toBe(7);
    expect(plan.plannedEvents).toBe(5);
    expect(plan.chunks.map((c) => c.parts)).toEqual([
      [{ collection: 'a', indices: [0, 2] }],
      [{ collection: 'a', indices: [3, 4] }],
      [{ collection: 'b', indices: [1] }],
    ]);
    expect(chunkBody(batch, plan.chunks[0] as never)).toEqual({ a: [{ id: 'e0' }, { id: 'e2' }] });
  });

  it('maps every (chunk, collection, position) back to the original event', () => {
    const batch = { a: events(6), b: events(6, 'b') };
    const plan = planChunks(batch, { chunkSize: 4, exclude: [{ collection: 'a', index: 2, reason: 'r' }] });
    const seen: string[] = [];
    for (const chunk of plan.chunks) {
      const body = chunkBody(batch, chunk);
      for (const [collection, list] of Object.entries(body)) {
        list.forEach((event, position) => {
          const ref = originalEvent(chunk, collection, position);
          expect(ref && batch[ref.collection as 'a' | 'b'][ref.index]).toBe(event);
          seen.push(`${collection}:${ref?.index}`);
        });
      }
      expect(originalEvent(chunk, 'a', 99)).toBeUndefined();
      expect(originalEvent(chunk, 'nope', 0)).toBeUndefined();
    }
    expect(seen).toEqual(['a:0', 'a:1', 'a:3', 'a:4', 'a:5', 'b:0', 'b:1', 'b:2', 'b:3', 'b:4', 'b:5']);
  });

  it('keeps a collection named __proto__ as an ordinary key of the body', () => {
    const batch = JSON.parse('{"__proto__": [{"id": 1}], "constructor": [{"id": 2}]}') as Record<string, unknown[]>;
    const plan = planChunks(batch);
    const text = JSON.stringify(chunkBody(batch, plan.chunks[0] as never));
    expect(JSON.parse(text)).toEqual(batch);
    expect(text).toContain('"__proto__":[{"id":1}]');
  });

  it('plans 200,000 events across collection boundaries', () => {
    const batch = { a: new Array(122_500).fill({}), b: new Array(77_500).fill({}) };
    const plan = planChunks(batch);
    expect(plan.chunks).toHaveLength(40);
    expect(plan.chunks.reduce((n, c) => n + c.eventCount, 0)).toBe(200_000);
    expect(plan.chunks[24]?.parts).toHaveLength(2);
  });
});

describe('planEvents', () => {
  it('groups the given events per collection inside each chunk and numbers from firstNumber', () => {
    const chunks = planEvents(
      [
        { collection: 'a', index: 4 },
        { collection: 'b', index: 1 },
        { collection: 'a', index: 7 },
        { collection: 'b', index: 3 },
      ],
      { chunkSize: 3, firstNumber: 11 },
    );
    expect(chunks).toEqual([
      {
        number: 11,
        eventCount: 3,
        parts: [
          { collection: 'a', indices: [4, 7] },
          { collection: 'b', indices: [1] },
        ],
      },
      { number: 12, eventCount: 1, parts: [{ collection: 'b', indices: [3] }] },
    ]);
  });
});
