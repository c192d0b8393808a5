// Linting event files as one collection: every problem at the file's own line and column.
import { describe, expect, it } from 'vitest';
import { lintAsCollection } from '../../../../../electron/cli/commands/lint-collection';

// Events without an id get an id-missing note; these tests are about where the other problems land.
const placed = (text: string, file: string) =>
  lintAsCollection(text, file, 'views').diagnostics.filter((d) => d.code !== 'id-missing');
const where = (text: string, file: string) => placed(text, file).map((d) => [d.code, d.line, d.column, d.index]);

describe('lintAsCollection', () => {
  it('places NDJSON problems at the file’s lines and columns, the first line included, CRLF or not', () => {
    expect(where('{"$a":1}\r\n\r\n{"ok":1}\r\n{"b":{"$c":2}}\r\n', 'x.ndjson')).toEqual([
      ['property-name-dollar', 1, 2, 0],
      ['property-name-dollar', 4, 7, 2],
    ]);
  });

  it('reports a line that is not JSON with its line and keeps the next events in place', () => {
    const result = lintAsCollection('{"a":1}\n{oops\n{"$b":1}\n', 'x.ndjson', 'views');
    expect(placed('{"a":1}\n{oops\n{"$b":1}\n', 'x.ndjson').map((d) => [d.code, d.line])).toEqual([
      ['json-syntax', 2],
      ['property-name-dollar', 3],
    ]);
    expect(result.summary.errors).toBe(2);
  });

  it('places a JSON array’s problems where they are in the file', () => {
    expect(where('[\n  {"ok": 1},\n  {"x": {"$y": 1}}\n]\n', 'x.json')).toEqual([['property-name-dollar', 3, 10, 1]]);
  });

  it('places CSV problems at the row’s line, and counts unreadable rows as errors', () => {
    const result = lintAsCollection('id,$x\n1,2\n3,"4"z\n', 'x.csv', 'views');
    expect(placed('id,$x\n1,2\n3,"4"z\n', 'x.csv').map((d) => [d.code, d.line])).toEqual([
      ['json-syntax', 3],
      ['property-name-dollar', 2],
    ]);
    expect(result.summary.errors).toBe(2);
  });

  it('names the collection given, for an export too', () => {
    expect(
      placed('{"results":[{"$a":1}]}', 'export.json').map((d) => [d.code, d.collection, d.line, d.column]),
    ).toEqual([['property-name-dollar', 'views', 1, 14]]);
  });
});
