// Where a new event goes: the collection around the cursor, else the first, else a new collection.
import { describe, expect, it } from 'vitest';
import { collectionSpans, eventInsertion } from '../../../../../renderer/features/editor/batch-scan';

const text = '{\n  "a": [\n    {"id": "x", "s": "]"}\n  ],\n  "b": []\n}\n';
const event = '{\n  "id": "n"\n}';

const apply = (source: string, cursor: number) => {
  const ins = eventInsertion(source, cursor, event);
  const next = ins.replaceAll ? ins.text : source.slice(0, ins.offset) + ins.text + source.slice(ins.offset);
  const base = ins.replaceAll ? 0 : ins.offset;
  return { next, inserted: next.slice(base + ins.eventStart, base + ins.eventEnd) };
};

describe('collectionSpans', () => {
  it('finds each collection array, ignoring brackets inside strings', () => {
    const spans = collectionSpans(text);
    expect(spans.map((s) => [s.name, s.empty])).toEqual([
      ['a', false],
      ['b', true],
    ]);
    expect(text.slice(spans[1]?.open, spans[1]?.close)).toBe('[]');
  });
});

describe('eventInsertion', () => {
  it('inserts into the collection at the cursor and keeps the batch valid JSON', () => {
    const { next, inserted } = apply(text, text.indexOf('"b"') + 6);
    expect(JSON.parse(next)).toEqual({ a: [{ id: 'x', s: ']' }], b: [{ id: 'n' }] });
    expect(JSON.parse(inserted)).toEqual({ id: 'n' });
  });
  it('uses the first collection when the cursor is outside every collection', () => {
    const { next } = apply(text, 0);
    expect(JSON.parse(next)).toEqual({ a: [{ id: 'n' }, { id: 'x', s: ']' }], b: [] });
  });
  it('starts an "events" collection in an empty document', () => {
    const { next, inserted } = apply('', 0);
    expect(JSON.parse(next)).toEqual({ events: [{ id: 'n' }] });
    expect(JSON.parse(inserted)).toEqual({ id: 'n' });
  });
});
