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
  it('has no answer for empty text', () => {
    expect(detectFormat('')).toBeUndefined();
    expect(detectFormat(' \n ')).toBeUndefined();
  });
});
