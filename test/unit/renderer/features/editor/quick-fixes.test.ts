// The quick fixes as text edits: UTC conversion, dotted names, a missing id.
import { describe, expect, it } from 'vitest';
import {
  addIdFix,
  nearestTimestampFix,
  newIdFix,
  renameCollectionFix,
  renameDottedPropertyFix,
  utcTimestampFix,
} from '../../../../../renderer/features/editor/quick-fixes';

describe('utcTimestampFix', () => {
  it('converts an offset or zone-less timestamp to UTC, keeping the rest of the range', () => {
    expect(utcTimestampFix('"2015-07-01T05:07:57+01:00"')?.replacement).toBe('"2015-07-01T04:07:57.000Z"');
    expect(utcTimestampFix('"timestamp": "2026-01-01T10:00:00"')?.replacement).toBe(
      '"timestamp": "2026-01-01T10:00:00.000Z"',
    );
  });
  it('offers nothing for a UTC or an invalid timestamp', () => {
    expect(utcTimestampFix('"2026-01-01T10:00:00Z"')).toBeUndefined();
    expect(utcTimestampFix('"yesterday"')).toBeUndefined();
    expect(utcTimestampFix('12')).toBeUndefined();
  });
});

describe('renameDottedPropertyFix', () => {
  it('replaces periods with underscores in the name', () => {
    expect(renameDottedPropertyFix('"first.name"')).toEqual({
      title: 'Rename property to "first_name"',
      replacement: '"first_name"',
    });
    expect(renameDottedPropertyFix('"plain"')).toBeUndefined();
  });
});

describe('addIdFix', () => {
  it('adds the id first, on its own line when the event spans lines', () => {
    expect(addIdFix('{\n      "page": "/a"\n    }', 'u-1')?.replacement).toBe(
      '{\n      "id": "u-1",\n      "page": "/a"\n    }',
    );
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

describe('nearestTimestampFix', () => {
  it('gives a date-only timestamp midnight UTC', () => {
    expect(nearestTimestampFix('"2026-01-05"')).toEqual({
      title: 'Write the timestamp as 2026-01-05T00:00:00.000Z',
      replacement: '"2026-01-05T00:00:00.000Z"',
    });
  });
  it('repairs a space instead of T, missing seconds, a "UTC" suffix and epoch numbers', () => {
    expect(nearestTimestampFix('"2026-01-05 10:30"')?.replacement).toBe('"2026-01-05T10:30:00.000Z"');
    expect(nearestTimestampFix('"2026-01-05T10:30+02:00"')?.replacement).toBe('"2026-01-05T08:30:00.000Z"');
    expect(nearestTimestampFix('"2026-01-05 10:30:15 UTC"')?.replacement).toBe('"2026-01-05T10:30:15.000Z"');
    expect(nearestTimestampFix('1767607815')?.replacement).toBe('"2026-01-05T10:10:15.000Z"');
    expect(nearestTimestampFix('1767607815123')?.replacement).toBe('"2026-01-05T10:10:15.123Z"');
  });
  it('offers nothing where no valid form follows from the text', () => {
    expect(nearestTimestampFix('"yesterday"')).toBeUndefined();
    expect(nearestTimestampFix('"2026-02-30"')).toBeUndefined();
    expect(nearestTimestampFix('true')).toBeUndefined();
  });
});

describe('newIdFix', () => {
  it('replaces a repeated id, string or number, with the new one', () => {
    expect(newIdFix('"p-1"', 'u-9')).toEqual({ title: 'Give this event a new id', replacement: '"u-9"' });
    expect(newIdFix('17', 'u-9')?.replacement).toBe('"u-9"');
  });
});

describe('renameCollectionFix', () => {
  it('drops a leading $ and avoids names the batch already uses', () => {
    expect(renameCollectionFix('"$orders"', new Set())).toEqual({
      title: 'Rename collection to "orders"',
      replacement: '"orders"',
    });
    expect(renameCollectionFix('"$orders"', new Set(['orders']))?.replacement).toBe('"orders_2"');
    expect(renameCollectionFix('""', new Set())?.replacement).toBe('"events"');
    expect(renameCollectionFix(`"${'a'.repeat(300)}"`, new Set())?.replacement).toBe(`"${'a'.repeat(255)}"`);
  });
  it('offers nothing for a valid name', () => {
    expect(renameCollectionFix('"orders"', new Set())).toBeUndefined();
  });
});
