// The cursor's collection, event and path in complete and half-typed batches.
import { describe, expect, it } from 'vitest';
import { cursorContext } from '../../../../core/schemas/cursor-context';

/** The text with `|` removed, and the cursor where it was. */
const at = (marked: string) => {
  const offset = marked.indexOf('|');
  return cursorContext(marked.slice(0, offset) + marked.slice(offset + 1), offset);
};

describe('cursorContext', () => {
  it('finds the collection and event of an empty object being filled in', () => {
    expect(at('{ "signups": [{}], "purchases": [ {}, { | } ] }')).toEqual({
      collection: 'purchases',
      index: 1,
      path: [],
      position: 'key',
      siblings: [],
    });
  });

  it('knows a key is being typed, and the names already written', () => {
    expect(at('{"purchases": [{"id": "a", "plan": "pro", "cu|')).toEqual({
      collection: 'purchases',
      index: 0,
      path: [],
      position: 'key',
      key: 'cu',
      stringRange: { start: 42, end: 45 },
      siblings: ['id', 'plan'],
    });
  });

  it('knows a value is being typed for a property, also inside a string', () => {
    expect(at('{"purchases": [{"plan": |')).toMatchObject({ position: 'value', key: 'plan', path: [] });
    expect(at('{"purchases": [{"plan": "fr|"}]}')).toMatchObject({
      position: 'value',
      key: 'plan',
      stringRange: { start: 24, end: 28 },
    });
  });

  it('follows nested objects and array items, with commas and strings holding brackets', () => {
    expect(at('{"purchases": [{"note": "a{[,", "items": [{"sku": "x"}, {"quantity": 1, |}]}]}')).toMatchObject({
      collection: 'purchases',
      index: 0,
      path: ['items', 1],
      position: 'key',
      siblings: ['quantity'],
    });
    expect(at('{"purchases": [{"address": {"city": "Oslo"}, "items": [ | ]}]}')).toMatchObject({
      path: ['items'],
      position: 'value',
    });
  });

  it('reads past comments and through text nested 100,000 levels deep', () => {
    expect(at('{"purchases": [ // first\n {"a": /* "b": */ 1, |}]}')).toMatchObject({
      index: 0,
      position: 'key',
      siblings: ['a'],
    });
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    expect(at(`{"purchases": [{"deep": ${deep}, "x": |}]}`)).toMatchObject({
      index: 0,
      position: 'value',
      key: 'x',
      siblings: ['deep', 'x'],
    });
  });

  it('says nothing outside events', () => {
    expect(at('{ | "purchases": [] }')).toBeUndefined();
    expect(at('{ "purchases": [ | ] }')).toBeUndefined();
  });
});
