// Reading top-level keys in the order written, which JSON.parse does not keep for index-like keys.
import { describe, expect, it } from 'vitest';
import { mayBeReordered, topLevelKeyOrder } from '../../../../electron/sandbox/document-order';

describe('document order of top-level keys', () => {
  it('keeps the written order where JSON.parse moves index-like keys first', () => {
    const text = '{"b": 1, "10": [1, {"x": "}"}], "a": {"q": [1, 2]}, "0": "s\\"t"}';
    expect(Object.keys(JSON.parse(text) as object)).toEqual(['0', '10', 'b', 'a']);
    expect(topLevelKeyOrder(text)).toEqual(['b', '10', 'a', '0']);
  });

  it('keeps a repeated key once, at its first place, and decodes escapes', () => {
    expect(topLevelKeyOrder('{"a": 1, "\\u0031": 2, "a": 3}')).toEqual(['a', '1']);
  });

  it('handles an empty object, whitespace and a BOM, and gives up on what is not an object', () => {
    expect(topLevelKeyOrder(' \n{ } ')).toEqual([]);
    expect(topLevelKeyOrder('\ufeff{"1": 2}')).toEqual(['1']);
    expect(topLevelKeyOrder('[1]')).toBeUndefined();
  });

  it('only index-like keys make a reorder possible', () => {
    expect(mayBeReordered(['a', 'b'])).toBe(false);
    expect(mayBeReordered(['a', '01', '1.5', '-1', '4294967295'])).toBe(false);
    expect(mayBeReordered(['a', '0'])).toBe(true);
    expect(mayBeReordered(['4294967294'])).toBe(true);
  });
});
