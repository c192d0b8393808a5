// Connect's timestamp rule: accepted forms, impossible dates, and the UTC form the API stores.
import { describe, expect, it } from 'vitest';
import { isStoredFormAt, isUtcTimestamp, parseTimestamp } from '../../../../core/rules/timestamp';

describe('parseTimestamp', () => {
  it('accepts the decided forms and gives their UTC form', () => {
    expect(parseTimestamp('2015-02-05T14:55:56.587Z')).toEqual({ utc: '2015-02-05T14:55:56.587Z', isUtc: true });
    expect(parseTimestamp('2015-07-01T05:07:57+01:00')).toEqual({ utc: '2015-07-01T04:07:57.000Z', isUtc: false });
    expect(parseTimestamp('2015-09-30T06:02:04.602000')).toEqual({ utc: '2015-09-30T06:02:04.602Z', isUtc: false });
    expect(parseTimestamp('2015-08-24T10:13:41+0000')).toEqual({ utc: '2015-08-24T10:13:41.000Z', isUtc: false });
    expect(parseTimestamp('2020-01-01T00:00:00.9999Z')).toEqual({ utc: '2020-01-01T00:00:00.999Z', isUtc: true });
    expect(parseTimestamp('2020-01-01T00:30:00-01:45')).toEqual({ utc: '2020-01-01T02:15:00.000Z', isUtc: false });
    expect(parseTimestamp('2020-01-01T00:00:00.1Z')?.utc).toBe('2020-01-01T00:00:00.100Z');
    expect(parseTimestamp('2024-02-29T23:59:59Z')?.utc).toBe('2024-02-29T23:59:59.000Z');
  });

  it('rejects what the API rejects', () => {
    for (const value of [
      '2015-02-05',
      'not a date',
      '',
      1438387200,
      null,
      '2015-02-29T00:00:00Z',
      '1900-02-29T00:00:00Z',
      '2015-13-01T00:00:00Z',
      '2015-04-31T00:00:00Z',
      '2015-01-01T24:00:00Z',
      '2015-01-01T00:60:00Z',
      '2015-01-01T00:00:60Z',
      '2015-01-01T00:00:00+24:00',
      '2015-01-01T00:00:00+01:60',
      '2015-01-01T00:00:00.Z',
      '2015-01-01T00:00:00.1234567890Z',
      '2015-01-01 00:00:00Z',
      '2015-01-01T00:00:0xZ',
      '2015-01-01T00:00:00.12a4Z',
      '2015-01-01T00:00:00,123Z',
      '20150101T000000Z',
      ' 2015-01-01T00:00:00Z',
      '2015-01-01T00:00:00Zz',
    ]) {
      expect(parseTimestamp(value), String(value)).toBeUndefined();
    }
  });

  it('agrees with Date for every form without an offset, whatever was asked just before', () => {
    let seed = 7;
    const next = (n: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff;
      return seed % n;
    };
    const two = (n: number) => String(n).padStart(2, '0');
    for (let i = 0; i < 2000; i++) {
      const text = `${String(1 + next(9998)).padStart(4, '0')}-${two(1 + next(12))}-${two(1 + next(28))}T${two(next(24))}:${two(next(60))}:${two(next(60))}`;
      const fraction =
        next(3) === 0
          ? ''
          : '.' +
            String(next(1_000_000_000))
              .padStart(1 + next(9), '0')
              .slice(0, 9);
      const zone = next(2) === 0 ? 'Z' : '';
      const parsed = parseTimestamp(text + fraction + zone);
      const reference = new Date(0);
      const [date, time] = text.split('T') as [string, string];
      const [y, m, d] = date.split('-').map(Number) as [number, number, number];
      const [hh, mm, ss] = time.split(':').map(Number) as [number, number, number];
      reference.setUTCFullYear(y, m - 1, d);
      reference.setUTCHours(hh, mm, ss, Number((fraction.slice(1) + '000').slice(0, 3)));
      expect(parsed, text + fraction + zone).toEqual({ utc: reference.toISOString(), isUtc: zone === 'Z' });
      expect(parseTimestamp(text + '+01:00')?.isUtc).toBe(false);
    }
  });
});

/** Timestamps near the edges of the rule: real and impossible dates, each field out of range, other forms. */
const EDGE_CASES = [
  '2024-05-01T12:00:00.000Z',
  '2024-02-29T23:59:59.999Z',
  '2023-02-29T12:00:00.000Z',
  '2024-13-01T12:00:00.000Z',
  '2024-05-01T24:00:00.000Z',
  '2024-05-01T12:60:00.000Z',
  '2024-05-01T12:00:60.000Z',
  '2024-05-01T12:00:00.00aZ',
  '2024-05-01 12:00:00.000Z',
];

describe('isUtcTimestamp', () => {
  it('answers as parseTimestamp(value)?.isUtc does', () => {
    const values = [
      ...EDGE_CASES,
      '2024-05-01T12:00:00Z',
      '2024-05-01T12:00:00.1234Z',
      '2024-05-01T12:00:00+01:00',
      '2024-05-01T12:00:00',
      'x024-05-01T12:00:00.000Z',
      '',
      1714564800,
      null,
    ];
    for (const value of values)
      expect(isUtcTimestamp(value), String(value)).toBe(parseTimestamp(value)?.isUtc === true);
  });
});

describe('isStoredFormAt', () => {
  it('reads from bytes exactly the timestamps that are their own UTC form', () => {
    const values = [...EDGE_CASES, '2024-05-01T12:00:00.000+', '2024-05-01T12:00:00,000Z', '0000-01-01T00:00:00.000Z'];
    for (const value of values) {
      const bytes = Buffer.from(`"${value}"`);
      expect(isStoredFormAt(bytes, 1), value).toBe(parseTimestamp(value)?.utc === value);
    }
  });
});
