// Results as JSON.
import { describe, expect, it } from 'vitest';
import { resultsToJson } from '../../../../core/formats/results-json';

describe('resultsToJson', () => {
  it('writes an array that parses back to the outcomes, keys in a fixed order', () => {
    const outcomes = [
      { outcome: 'accepted', collection: 'a', index: 0, request: 1, id: 'x' },
      { collection: 'a', index: 1, outcome: 'rejected', message: 'm', retryable: true, request: 1 },
    ] as const;
    const text = resultsToJson(outcomes);
    expect(JSON.parse(text)).toEqual(outcomes);
    expect(text.split('\n')[1]).toBe('  {"collection":"a","index":0,"id":"x","outcome":"accepted","request":1},');
    expect(resultsToJson([])).toBe('[]\n');
  });
});
