// Import: every format into one collection's events, with ids added and timestamps shifted.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importEvents, importFormatOf, type ImportedEvents } from '../../../../core/formats/import-events';
import { parseDuration } from '../../../../core/formats/duration';
import { shiftTimestamps } from '../../../../core/formats/timestamp-shift';

const fixture = (name: string) => readFileSync(join(__dirname, '../../../fixtures/import', name), 'utf8');
const counter = () => {
  let n = 0;
  return { newId: () => `id-${++n}` };
};
const imported = (result: ReturnType<typeof importEvents>): ImportedEvents => {
  if (!('format' in result)) throw new Error(`import failed: ${JSON.stringify(result.problems)}`);
  return result;
};

describe('importEvents', () => {
  it('reads NDJSON, reporting lines that are not JSON or not events with their numbers', () => {
    const result = imported(importEvents({ text: fixture('bad-lines.ndjson') }, counter()));
    expect(result.format).toBe('ndjson');
    expect(result.events).toEqual([
      { id: 'e1', type: 'view' },
      { id: 'e3', timestamp: '2026-01-01T00:00:00Z' },
    ]);
    expect(result.lines).toEqual([1, 5]);
    expect(result.problems.map((p) => p.line)).toEqual([2, 4]);
    expect(result.problems[0]?.column).toBe(25);
    expect(result.problems[1]?.message).toBe('Line 4 is an array, not an event (an object), so it is left out.');
    expect(result.leftOut).toBe(2);
  });

  it('adds a UUID only where an event has no usable id, first in the object', () => {
    const result = imported(importEvents({ text: fixture('array.json'), addIds: true }, counter()));
    expect(result.format).toBe('json');
    expect(result.events).toEqual([
      { id: 1, a: 1 },
      { id: 'id-1', a: 2 },
    ]);
    expect(Object.keys(result.events[1] as object)[0]).toBe('id');
    expect(result.idsAdded).toBe(1);
    expect(result.problems).toEqual([{ message: 'Item 3 is a string, not an event (an object), so it is left out.' }]);
  });

  it('shifts a Connect export so its latest event lands at the chosen time', () => {
    const result = imported(
      importEvents({ text: fixture('export.json'), shift: { latestAt: '2026-12-01T10:00:00Z' } }, counter()),
    );
    expect(result.format).toBe('export');
    expect(result.events).toEqual([
      { id: 'x1', timestamp: '2026-11-30T10:00:00.000Z' },
      { id: 'x2', timestamp: '2026-12-01T10:00:00.000Z' },
    ]);
  });

  it('shifts by a duration and refuses one it cannot read', () => {
    const result = imported(
      importEvents({ text: '{"timestamp":"2026-01-10T00:00:00+02:00"}\n', shift: { by: '-3d' } }, counter()),
    );
    expect(result.events).toEqual([{ timestamp: '2026-01-06T22:00:00.000Z' }]);
    expect(importEvents({ text: '{"a":1}\n', shift: { by: '3 days' } }, counter())).toEqual({
      problems: [{ message: expect.stringMatching(/^'3 days' is not a duration/) }],
    });
  });

  it('keeps a timestamp it cannot read, unshifted, and says so at its line', () => {
    const result = imported(
      importEvents(
        { text: '{"timestamp":"yesterday"}\n{"timestamp":"2026-01-01T00:00:00Z"}\n', shift: { by: 'PT1H' } },
        counter(),
      ),
    );
    expect(result.events).toEqual([{ timestamp: 'yesterday' }, { timestamp: '2026-01-01T01:00:00.000Z' }]);
    expect(result.problems).toEqual([
      { line: 1, message: 'Line 1: the timestamp "yesterday" is not an ISO time with a zone, so it was not shifted.' },
    ]);
    expect(result.leftOut).toBe(0);
  });

  it('tells the format by extension first, then by content', () => {
    expect(importFormatOf('{"a":1}\n', 'x.csv')).toBe('csv');
    expect(importFormatOf('{"a":1}\n{"a":2}\n')).toBe('ndjson');
    expect(importFormatOf('a,b\n1,2\n')).toBe('csv');
    expect(importFormatOf('[{}]')).toBe('json');
    expect(importFormatOf('{"views": [{}]}')).toBeUndefined();
    expect(importEvents({ text: '{"views": [{}]}' }, counter())).toEqual({
      problems: [{ message: expect.stringMatching(/looks like a batch/) }],
    });
  });
});

describe('parseDuration', () => {
  it('reads short and ISO 8601 forms, signed', () => {
    expect(parseDuration('-3d')).toEqual({ ok: true, ms: -3 * 86_400_000 });
    expect(parseDuration('+2h30m')).toEqual({ ok: true, ms: 9_000_000 });
    expect(parseDuration('PT2H')).toEqual({ ok: true, ms: 7_200_000 });
    expect(parseDuration('-P1DT12H')).toEqual({ ok: true, ms: -129_600_000 });
    expect(parseDuration('P2W')).toEqual({ ok: true, ms: 14 * 86_400_000 });
    expect(parseDuration('P1M').ok).toBe(false);
    expect(parseDuration('PT').ok).toBe(false);
    expect(parseDuration('').ok).toBe(false);
  });
});

describe('shiftTimestamps', () => {
  it('does not change the events it is given', () => {
    const events = [{ timestamp: '2026-01-01T00:00:00Z' }];
    shiftTimestamps(events, { byMs: 1000 });
    expect(events).toEqual([{ timestamp: '2026-01-01T00:00:00Z' }]);
  });
});
