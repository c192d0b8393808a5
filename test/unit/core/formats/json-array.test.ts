// JSON array reading.
import { describe, expect, it } from 'vitest';
import { readJsonArray } from '../../../../core/formats/json-array';

describe('readJsonArray', () => {
  it('reads the events of an array', () => {
    expect(readJsonArray(' [{"id": 1}, {"id": 2}] ')).toEqual({ events: [{ id: 1 }, { id: 2 }], problems: [] });
  });
  it('reports invalid JSON and a non-array', () => {
    expect(readJsonArray('[{"id": 1},').problems[0]?.message).toMatch(/not valid JSON/);
    expect(readJsonArray('{"a": []}').problems[0]?.message).toMatch(/not an array/);
  });
});
