// Finding events and properties in the text: the ranges the editor selects and the linter underlines.
import { describe, expect, it } from 'vitest';
import { PathLocator, firstKeyRange, locateEvent, locatePath, locateProperty } from '../../../../core/batch/locate';
import type { PathSegment } from '../../../../core/json/path';
import { parseBatch } from '../../../../core/batch/parse';

const text = [
  '{',
  '  "purchases": [',
  '    {',
  '      "id": "a",',
  '      "user": {"first.name": "Ada", "tags": ["x", {"k": "v"}]},',
  '      "id": "b"',
  '    },',
  '    "not an event"',
  '  ],',
  '  "esc\\"aped": [{"k\\u0065y": [1, [2, 3]], "s": "a\\"}b"}]',
  '}',
].join('\n');

const cut = (range: { start: number; end: number } | undefined) =>
  range ? text.slice(range.start, range.end) : undefined;

describe('locateEvent', () => {
  it('finds an event from the text, the parse result or the source map', () => {
    const result = parseBatch(text);
    if (!result.ok) throw new Error(result.error.message);
    for (const source of [text, result, result.map]) {
      expect(cut(locateEvent(source, 'purchases', 1))).toBe('"not an event"');
      expect(cut(locateEvent(source, 'esc"aped', 0))).toBe('{"k\\u0065y": [1, [2, 3]], "s": "a\\"}b"}');
    }
  });

  it('answers undefined for an unknown collection, an index past the end, or text that does not parse', () => {
    expect(locateEvent(text, 'nope', 0)).toBeUndefined();
    expect(locateEvent(text, 'purchases', 2)).toBeUndefined();
    expect(locateEvent('{"c": [', 'c', 0)).toBeUndefined();
  });
});

describe('locateProperty', () => {
  it('gives the key and value of a property, for repeated keys the last one', () => {
    const id = locateProperty(text, 'purchases', 0, ['id']);
    expect(cut(id?.key)).toBe('"id"');
    expect(cut(id?.value)).toBe('"b"');
  });

  it('walks nested objects and arrays', () => {
    expect(cut(locateProperty(text, 'purchases', 0, ['user', 'first.name'])?.key)).toBe('"first.name"');
    expect(cut(locateProperty(text, 'purchases', 0, ['user', 'tags'])?.value)).toBe('["x", {"k": "v"}]');
    const item = locateProperty(text, 'purchases', 0, ['user', 'tags', 1, 'k']);
    expect(cut(item?.value)).toBe('"v"');
    const position = locateProperty(text, 'purchases', 0, ['user', 'tags', 0]);
    expect(position?.key).toBeUndefined();
    expect(cut(position?.value)).toBe('"x"');
  });

  it('matches escaped names by their value, and skips strings holding brackets', () => {
    expect(cut(locateProperty(text, 'esc"aped', 0, ['key', 1, 0])?.value)).toBe('2');
    expect(cut(locateProperty(text, 'esc"aped', 0, ['key'])?.key)).toBe('"k\\u0065y"');
    expect(cut(locateProperty(text, 'esc"aped', 0, ['s'])?.value)).toBe('"a\\"}b"');
  });

  it('tells a name with a quote or backslash from its escaped spelling', () => {
    const source = String.raw`{"c": [{"a\\b": 1, "a\"b": 2, "a\u005cb": 3, "x\\": 4, "\u0061\u005c\u005cb": 5}]}`;
    const event = JSON.parse(source).c[0] as Record<string, number>;
    for (const name of Object.keys(event)) {
      const range = locateProperty(source, 'c', 0, [name])?.value;
      expect(range && source.slice(range.start, range.end), name).toBe(String(event[name]));
    }
    expect(locateProperty(source, 'c', 0, ['a\\\\b'])?.key).toEqual({
      start: source.indexOf('"\\u0061'),
      end: source.indexOf(': 5'),
    });
  });

  it('answers undefined for a path that does not exist', () => {
    expect(locateProperty(text, 'purchases', 0, ['missing'])).toBeUndefined();
    expect(locateProperty(text, 'purchases', 0, ['user', 'tags', 5])).toBeUndefined();
    expect(locateProperty(text, 'purchases', 0, ['id', 'x'])).toBeUndefined();
    expect(locateProperty(text, 'purchases', 1, [0])).toBeUndefined();
    expect(locateProperty(text, 'purchases', 0, ['user', 0])).toBeUndefined();
  });

  it('gives the whole event for an empty path', () => {
    expect(cut(locateProperty(text, 'purchases', 1, [])?.value)).toBe('"not an event"');
  });
});

describe('firstKeyRange', () => {
  it('locates inside a 100,000-level value without recursion', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    expect(locatePath(`{"a": ${deep}}`, 0, ['a', 0, 0, 0])?.value.start).toBe(9);
  });

  it('finds the first copy of a repeated key', () => {
    const source = '{"x": {"a": 1}, "a": [1, {"a": 2}], "a": 3}';
    expect(firstKeyRange(source, 0, 'a')?.start).toBe(source.indexOf('"a": ['));
    expect(firstKeyRange(source, 0, 'nope')).toBeUndefined();
  });
});

describe('PathLocator', () => {
  it('answers as locatePath does, on first, second and later look-ups of each container', () => {
    const result = parseBatch(text);
    if (!result.ok) throw new Error(result.error.message);
    const start = result.map.collections.get('purchases')?.eventStarts[0] ?? -1;
    const paths: PathSegment[][] = [
      [],
      ['id'],
      ['user'],
      ['user', 'first.name'],
      ['user', 'tags', 0],
      ['user', 'tags', 1, 'k'],
      ['user', 'tags', 2],
      ['user', 0],
      ['nope'],
      ['id', 'x'],
    ];
    const locator = new PathLocator(text);
    for (let round = 0; round < 3; round++) {
      for (const path of paths)
        expect(locator.locate(start, path), JSON.stringify(path)).toEqual(locatePath(text, start, path));
    }
    const other = result.map.collections.get('esc"aped')?.eventStarts[0] ?? -1;
    for (let round = 0; round < 3; round++)
      expect(locator.locate(other, ['key', 1, 1])).toEqual(locatePath(text, other, ['key', 1, 1]));
  });
});
