// Paths written as people read them and as JSON Pointers.
import { describe, expect, it } from 'vitest';
import { jsonPointer, pathText } from '../../../../core/json/path';

describe('pathText and jsonPointer', () => {
  it('write names and positions', () => {
    expect(pathText(['items', 0, 'qty'])).toBe('items[0].qty');
    expect(pathText([0, 'a.b'])).toBe('[0].a.b');
    expect(pathText([])).toBe('');
    expect(jsonPointer(['a/b', 0, '~x'])).toBe('/a~1b/0/~0x');
    expect(jsonPointer([])).toBe('');
  });
});
