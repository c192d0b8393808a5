// Format detection by content.
import { describe, expect, it } from 'vitest';
import { detectFormat } from '../../../../core/formats/detect-format';

describe('detectFormat', () => {
  it.each([
    ['{\n  "a": [{"id": 1}]\n}', 'batch'],
    ['{"a": [{"id": 1}], "b": []}', 'batch'],
    ['{}', 'batch'],
    ['{"a": [1]', 'batch'],
    ['nonsense', 'batch'],
    ['  [{"id": 1}]', 'json-array'],
    ['[\n{"id": 1}\n]', 'json-array'],
    ['{"id": 1}\n{"id": 2}\n', 'ndjson'],
    ['{"id": 1}\n{"id": \n', 'ndjson'],
    ['{"id": 1, "name": "x"}', 'ndjson'],
    ['\n\n{"id": 1}\n', 'ndjson'],
    ['{"results": [{"id": 1}]}', 'connect-export'],
    ['{\n  "results": [\n    {"id": 1}\n  ]\n}', 'connect-export'],
    ['\uFEFF{"results": []}', 'connect-export'],
    ['{\n  "results": [],\n  "other": []\n}', 'batch'],
  ])('%j is %s', (text, format) => {
    expect(detectFormat(text)).toBe(format);
  });
  it('tells long one-line documents apart without mistaking them for one event', () => {
    const events = Array.from({ length: 5000 }, (_, i) => ({ id: i, page: '/p' }));
    expect(detectFormat(JSON.stringify({ a: events }))).toBe('batch');
    expect(detectFormat(JSON.stringify({ results: events }))).toBe('connect-export');
    expect(detectFormat(JSON.stringify({ results: events, b: [] }))).toBe('batch');
    expect(detectFormat(events.map((e) => JSON.stringify(e)).join('\n'))).toBe('ndjson');
  });
  it('has no answer for empty text', () => {
    expect(detectFormat('')).toBeUndefined();
    expect(detectFormat(' \n ')).toBeUndefined();
  });
});
