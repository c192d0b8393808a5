// Control characters shown as escapes on a terminal.
import { describe, expect, it } from 'vitest';
import { printable } from '../../../../core/text/printable';

describe('printable', () => {
  it('escapes control characters, keeping tabs and line feeds unless the text must stay on one line', () => {
    expect(printable('a\u001b[2Jb\tc\nd\re\u0085')).toBe('a\\u001b[2Jb\tc\nd\\u000de\\u0085');
    expect(printable('a\tb\nc', true)).toBe('a\\u0009b\\u000ac');
    expect(printable('plain — ünïcode')).toBe('plain — ünïcode');
  });
});
