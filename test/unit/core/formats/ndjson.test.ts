// NDJSON reading: one event per line, blank lines skipped, bad lines reported by number.
import { describe, expect, it } from 'vitest';
import { readNdjson, writeNdjson } from '../../../../core/formats/ndjson';

describe('readNdjson', () => {
  it('reads one event per line, skipping blank lines, with CRLF and a BOM', () => {
    const r = readNdjson('\uFEFF{"id":1}\r\n\r\n  \n{"id":2}\n[3]\n');
    expect(r.events).toEqual([{ id: 1 }, { id: 2 }, [3]]);
    expect(r.lines).toEqual([1, 4, 5]);
    expect(r.problems).toEqual([]);
  });
  it('reports a bad line with its number and keeps reading', () => {
    const r = readNdjson('{"a":1}\n{"b":\n{"c":3}');
    expect(r.events).toEqual([{ a: 1 }, { c: 3 }]);
    expect(r.lines).toEqual([1, 3]);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]?.line).toBe(2);
    expect(r.problems[0]?.message).toMatch(/^Line 2 is not valid JSON/);
  });
  it('reads an empty file as no events', () => {
    expect(readNdjson('')).toEqual({ events: [], lines: [], problems: [] });
  });
  it('writes back what it reads', () => {
    const events = [{ a: 'x\ny' }, { b: [1, 2] }];
    expect(readNdjson(writeNdjson(events)).events).toEqual(events);
    expect(writeNdjson([])).toBe('');
  });
});
