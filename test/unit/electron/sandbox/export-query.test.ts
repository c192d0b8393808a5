// The export query of spec §6: what parses, what is 422, and how each operator treats types and missing values.
import { describe, expect, it } from 'vitest';
import {
  jsonEqual,
  matchesQuery,
  parseExportQuery,
  selectEvents,
  type ExportQuery,
} from '../../../../electron/sandbox/export-query';

const parse = (query: unknown): ExportQuery => {
  const parsed = parseExportQuery(JSON.stringify(query));
  if (!parsed) throw new Error(`query rejected: ${JSON.stringify(query)}`);
  return parsed;
};
const matches = (filter: unknown, event: Record<string, unknown>) => matchesQuery(parse({ filter }), event);

describe('parseExportQuery', () => {
  it('treats an absent, empty or {} query as no condition', () => {
    for (const text of [null, '', '  ', '{}']) expect(parseExportQuery(text)).toEqual({ conditions: [] });
  });

  const invalid: [string, string][] = [
    ['not JSON', 'not-json'],
    ['an array', '[]'],
    ['a string', '"x"'],
    ['an unknown top-level key', '{"limit": 5}'],
    ['a filter that is not an object', '{"filter": [1]}'],
    ['an empty property path segment', '{"filter": {"a..b": 1}}'],
    ['in without an array', '{"filter": {"a": {"in": 1}}}'],
    ['exists without a boolean', '{"filter": {"a": {"exists": 1}}}'],
    ['gt with an object', '{"filter": {"a": {"gt": {}}}}'],
    ['a timeframe that is not an object', '{"timeframe": "2020"}'],
    ['a timeframe with an unknown bound', '{"timeframe": {"from": "2020-01-01T00:00:00Z"}}'],
    ['a timeframe bound that is not a date-time', '{"timeframe": {"start": "2020-01-01"}}'],
  ];
  for (const [name, text] of invalid) {
    it(`rejects ${name}`, () => expect(parseExportQuery(text)).toBeUndefined());
  }

  it('normalises timeframe bounds to UTC', () => {
    expect(parse({ timeframe: { start: '2020-01-01T01:00:00+01:00', end: '2020-01-02T00:00:00' } })).toMatchObject({
      start: '2020-01-01T00:00:00.000Z',
      end: '2020-01-02T00:00:00.000Z',
    });
  });
});

describe('filters', () => {
  const event = { n: 5, s: 'b', nil: null, obj: { x: 1, y: [1, 2] }, arr: [1, { a: 2 }], nested: { deep: { v: 'x' } } };

  it('equality on a value, a nested path, an object (any key order) and an array', () => {
    expect(matches({ n: 5 }, event)).toBe(true);
    expect(matches({ n: '5' }, event)).toBe(false);
    expect(matches({ 'nested.deep.v': 'x' }, event)).toBe(true);
    expect(matches({ obj: { y: [1, 2], x: 1 } }, event)).toBe(true);
    expect(matches({ obj: { x: 1 } }, event)).toBe(false);
    expect(matches({ arr: [1, { a: 2 }] }, event)).toBe(true);
    expect(matches({ arr: [{ a: 2 }, 1] }, event)).toBe(false);
    expect(matches({ nil: null }, event)).toBe(true);
  });

  it('an empty object value is equality with {}, not an empty operator object', () => {
    expect(matches({ e: {} }, { e: {} })).toBe(true);
    expect(matches({ e: {} }, { e: { a: 1 } })).toBe(false);
  });

  it('an object with a non-operator key is equality, not operators', () => {
    expect(matches({ o: { eq: 1, other: 2 } }, { o: { eq: 1, other: 2 } })).toBe(true);
    expect(matches({ o: { eq: 1, other: 2 } }, { o: 1 })).toBe(false);
  });

  it('gt/gte/lt/lte compare numbers with numbers and strings with strings, never across types', () => {
    expect(matches({ n: { gt: 4 } }, event)).toBe(true);
    expect(matches({ n: { gt: 5 } }, event)).toBe(false);
    expect(matches({ n: { gte: 5, lte: 5 } }, event)).toBe(true);
    expect(matches({ n: { lt: '6' } }, event)).toBe(false);
    expect(matches({ s: { gt: 'a', lt: 'c' } }, event)).toBe(true);
    expect(matches({ s: { gt: 1 } }, event)).toBe(false);
    expect(matches({ nil: { lt: 1 } }, event)).toBe(false);
    expect(matches({ obj: { gt: 0 } }, event)).toBe(false);
  });

  it('several operators on one property must all hold', () => {
    expect(matches({ n: { gt: 1, lt: 10, neq: 5 } }, event)).toBe(false);
    expect(matches({ n: { gt: 1, lt: 10, neq: 4 } }, event)).toBe(true);
  });

  it('in compares with deep equality', () => {
    expect(matches({ n: { in: [1, 5] } }, event)).toBe(true);
    expect(matches({ n: { in: ['5'] } }, event)).toBe(false);
    expect(matches({ obj: { in: [{ x: 1, y: [1, 2] }] } }, event)).toBe(true);
    expect(matches({ n: { in: [] } }, event)).toBe(false);
  });

  it('on a missing property every operator is false except neq and exists: false', () => {
    const missing = { other: 1 };
    expect(matches({ p: 1 }, missing)).toBe(false);
    expect(matches({ p: null }, missing)).toBe(false);
    expect(matches({ p: { eq: 1 } }, missing)).toBe(false);
    expect(matches({ p: { neq: 1 } }, missing)).toBe(true);
    expect(matches({ p: { gt: 0 } }, missing)).toBe(false);
    expect(matches({ p: { lte: 'z' } }, missing)).toBe(false);
    expect(matches({ p: { in: [null] } }, missing)).toBe(false);
    expect(matches({ p: { exists: true } }, missing)).toBe(false);
    expect(matches({ p: { exists: false } }, missing)).toBe(true);
  });

  it('exists counts a null value as present, and paths do not enter arrays', () => {
    expect(matches({ nil: { exists: true } }, event)).toBe(true);
    expect(matches({ 'arr.1.a': { exists: true } }, event)).toBe(false);
    expect(matches({ 'n.x': { exists: false } }, event)).toBe(true);
  });

  it('does not see inherited properties', () => {
    expect(matches({ toString: { exists: true } }, {})).toBe(false);
    expect(matches({ 'a.constructor': { exists: true } }, { a: {} })).toBe(false);
  });

  it('several properties must all match', () => {
    expect(matches({ n: 5, s: 'b' }, event)).toBe(true);
    expect(matches({ n: 5, s: 'c' }, event)).toBe(false);
  });
});

describe('timeframe and selection', () => {
  const events = ['2020-01-01T00:00:00.000Z', '2020-01-02T00:00:00.000Z', '2020-01-03T00:00:00.000Z'].map(
    (timestamp, i) => ({ i, timestamp }),
  );

  it('start is inclusive, end exclusive, either may be left out', () => {
    const pick = (timeframe: unknown) => selectEvents([events], parse({ timeframe }), 10).map((e) => e.i);
    expect(pick({ start: '2020-01-02T00:00:00Z', end: '2020-01-03T00:00:00Z' })).toEqual([1]);
    expect(pick({ start: '2020-01-02T00:00:00Z' })).toEqual([1, 2]);
    expect(pick({ end: '2020-01-02T00:00:00Z' })).toEqual([0]);
    expect(pick({ start: '2020-01-01T23:00:00-01:00' })).toEqual([1, 2]);
  });

  it('stops one past the limit so "too many" needs no full scan', () => {
    const many = Array.from({ length: 50 }, (_, i) => ({ i, timestamp: '2020-01-01T00:00:00.000Z' }));
    expect(selectEvents([many], parse({}), 10)).toHaveLength(11);
    expect(selectEvents([many], parse({ filter: { i: { gte: 0 } } }), 10)).toHaveLength(11);
    expect(selectEvents([many], parse({ filter: { i: { lt: 10 } } }), 10)).toHaveLength(10);
  });
});

describe('jsonEqual', () => {
  it('is JSON equality', () => {
    expect(jsonEqual(1, 1)).toBe(true);
    expect(jsonEqual(1, '1')).toBe(false);
    expect(jsonEqual(null, {})).toBe(false);
    expect(jsonEqual([], {})).toBe(false);
    expect(jsonEqual({ a: undefined }, { b: undefined })).toBe(false);
    expect(jsonEqual({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).toBe(true);
  });
});
