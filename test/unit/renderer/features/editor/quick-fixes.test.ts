// The quick fixes as text edits: UTC conversion, dotted names, a missing id.
import { describe, expect, it } from 'vitest';
import { addIdFix, renameDottedPropertyFix, utcTimestampFix } from '../../../../../renderer/features/editor/quick-fixes';

describe('utcTimestampFix', () => {
  it('converts an offset or zone-less timestamp to UTC, keeping the rest of the range', () => {
    expect(utcTimestampFix('"2015-07-01T05:07:57+01:00"')?.replacement).toBe('"2015-07-01T04:07:57.000Z"');
    expect(utcTimestampFix('"timestamp": "2026-01-01T10:00:00"')?.replacement).toBe('"timestamp": "2026-01-01T10:00:00.000Z"');
  });
  it('offers nothing for a UTC or an invalid timestamp', () => {
    expect(utcTimestampFix('"2026-01-01T10:00:00Z"')).toBeUndefined();
    expect(utcTimestampFix('"yesterday"')).toBeUndefined();
    expect(utcTimestampFix('12')).toBeUndefined();
  });
});

describe('renameDottedPropertyFix', () => {
  it('replaces periods with underscores in the name', () => {
    expect(renameDottedPropertyFix('"first.name"')).toEqual({ title: 'Rename property to "first_name"', replacement: '"first_name"' });
    expect(renameDottedPropertyFix('"plain"')).toBeUndefined();
  });
});

describe('addIdFix', () => {
  it('adds the id first, on its own line when the event spans lines', () => {
    expect(addIdFix('{\n      "page": "/a"\n    }', 'u-1')?.replacement).toBe('{\n      "id": "u-1",\n      "page": "/a"\n    }');
  });
  it('handles one-line and empty events', () => {
    expect(addIdFix('{ "page": "/a" }', 'u-1')?.replacement).toBe('{ "id": "u-1", "page": "/a" }');
    expect(addIdFix('{}', 'u-1')?.replacement).toBe('{"id": "u-1"}');
  });
  it('gives valid JSON that keeps the event', () => {
    const fixed = addIdFix('{ "a": 1, "b": [1, 2] }', 'x')?.replacement ?? '';
    expect(JSON.parse(fixed)).toEqual({ id: 'x', a: 1, b: [1, 2] });
  });
});
