// Event sources: a body built from a file's own bytes is exactly the JSON a parsed batch would give,
// for any set of events across collections; ids are found without parsing a body again.
import { describe, expect, it } from 'vitest';
import { fileSource } from '../../../../../electron/services/send/file-source';
import { objectSource } from '../../../../../electron/services/send/event-source';

const batch = {
  first: [
    { id: 'a', n: 1 },
    { n: 2, s: 'é ✓ 𝄞' },
    { id: 7, n: 3 },
  ],
  empty: [],
  'with "quote"': [{ id: 'q', nested: { deep: [1, { x: '}]' }] } }],
};

describe('event sources', () => {
  it('a file source sends the events’ own bytes: the same JSON as a parsed batch, for any events', async () => {
    const text = JSON.stringify(batch, null, 2);
    const source = await fileSource(Buffer.from(text));
    expect(source).toBeDefined();
    if (!source) return;
    const parsed = objectSource(batch);
    expect(source.names).toEqual(parsed.names);
    expect([...source.firsts]).toEqual([...parsed.firsts]);
    for (const events of [[0, 1, 2, 3], [1, 3], [2], [], [0, 3]]) {
      expect(JSON.parse(source.body(events).toString('utf8'))).toEqual(
        JSON.parse(parsed.body(events).toString('utf8')),
      );
    }
    expect([0, 1, 2, 3].map((g) => [source.hasId(g), source.id(g)])).toEqual([
      [true, 'a'],
      [false, undefined],
      [true, 7],
      [true, 'q'],
    ]);
  });

  it('leaves a batch that is not plain and clean to the full linter (undefined)', async () => {
    for (const text of [
      '{"a": [{"id": 1}] "b": []}',
      '{"a": [{"_id": 1}]}',
      '{"a": [], "a": []}',
      '[{"id": 1}]',
      '{"a": [1]}',
      '{"$a": []}',
      '{"results": [{"id": 1}]}',
      '{"a": [{"id": 1},]}',
    ]) {
      expect(await fileSource(Buffer.from(text)), text).toBeUndefined();
    }
  });

  it('pieces are the body without copying the events: views of the file for neighbouring events', async () => {
    const events = Array.from({ length: 40 }, (_, i) => ({ id: `e${i}`, n: i }));
    const text = JSON.stringify({ a: events.slice(0, 30), b: events.slice(30) }, null, 2);
    const bytes = Buffer.from(text);
    const source = await fileSource(bytes);
    expect(source).toBeDefined();
    if (!source) return;
    const all = Array.from({ length: 40 }, (_, g) => g);
    const scattered = all.filter((g) => g % 2 === 0);
    for (const set of [all, [3, 4, 5, 31, 32], scattered, [7], []]) {
      const pieces = source.pieces(set);
      expect(Buffer.concat(pieces).toString('utf8')).toBe(source.body(set).toString('utf8'));
      expect(JSON.parse(source.body(set).toString('utf8'))).toEqual(
        JSON.parse(
          objectSource(JSON.parse(text) as Record<string, unknown[]>)
            .body(set)
            .toString('utf8'),
        ),
      );
    }
    // A run of events is a view into the file's own bytes; twenty scattered events are one copied buffer.
    expect(source.pieces(all).some((piece) => piece.buffer === bytes.buffer && piece.byteLength > 100)).toBe(true);
    expect(source.pieces(scattered)).toHaveLength(1);
  });
});
