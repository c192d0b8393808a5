// A big paste's pieces: cut only after line breaks, nothing lost, nothing doubled.
import { describe, expect, it } from 'vitest';
import { linePieces } from '../../../../renderer/monaco/line-pieces';

describe('linePieces', () => {
  it('cuts after a line break once a piece has its size, and joins back to the text', () => {
    const text = 'ab\r\ncd\nefgh\n\nij';
    const pieces = linePieces(text, 3);
    expect(pieces).toEqual(['ab\r\n', 'cd\nefgh\n', '\nij']);
    expect(pieces.join('')).toBe(text);
    expect(pieces.slice(0, -1).every((p) => p.endsWith('\n'))).toBe(true);
  });

  it('keeps a text without a line break past the size whole, and an empty text as no piece', () => {
    expect(linePieces('x'.repeat(10), 3)).toEqual(['x'.repeat(10)]);
    expect(linePieces('', 3)).toEqual([]);
    expect(linePieces('😀😀\n😀', 1)).toEqual(['😀😀\n', '😀']);
  });
});
