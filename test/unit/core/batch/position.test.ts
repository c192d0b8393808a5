// Offset ↔ line and column: the one-off scan and the index agree everywhere.
import { describe, expect, it } from 'vitest';
import { LineIndex, positionAt } from '../../../../core/batch/position';

describe('positions', () => {
  const text = 'ab\n\nc😀d\r\nlast';

  it('counts 1-based lines and UTF-16 columns', () => {
    expect(positionAt(text, 0)).toEqual({ line: 1, column: 1 });
    expect(positionAt(text, 2)).toEqual({ line: 1, column: 3 });
    expect(positionAt(text, 3)).toEqual({ line: 2, column: 1 });
    expect(positionAt(text, 4)).toEqual({ line: 3, column: 1 });
    expect(positionAt(text, 7)).toEqual({ line: 3, column: 4 });
    expect(positionAt(text, text.length)).toEqual({ line: 4, column: 5 });
  });

  it('clamps offsets outside the text', () => {
    expect(positionAt(text, -5)).toEqual({ line: 1, column: 1 });
    expect(positionAt(text, 999)).toEqual({ line: 4, column: 5 });
    expect(positionAt('', 0)).toEqual({ line: 1, column: 1 });
  });

  it('gives the same answers from the index, and converts back', () => {
    const index = new LineIndex(text);
    expect(index.lineCount).toBe(4);
    for (let offset = 0; offset <= text.length; offset++) {
      const position = index.positionAt(offset);
      expect(position).toEqual(positionAt(text, offset));
      expect(index.offsetAt(position.line, position.column)).toBe(offset);
    }
  });
});
