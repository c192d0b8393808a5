// CSV import: a real parser's quoting rules, lines as an editor numbers them, typed columns, dotted headers.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectDelimiter, readCsvEvents } from '../../../../core/formats/csv-events';

const fixture = (name: string) => readFileSync(join(__dirname, '../../../fixtures/import', name), 'utf8');

describe('readCsvEvents', () => {
  it('reads quotes, doubled quotes, commas and CRLF line breaks inside quoted cells', () => {
    const read = readCsvEvents(fixture('quoting-crlf.csv'));
    expect(read.problems).toEqual([]);
    expect(read.events).toEqual([
      { id: 'e1', name: 'Smith, Jo', note: 'said "hi"' },
      { id: 'e2', name: 'Lee', note: 'multi\r\nline\r\ncell' },
      { id: 'e3', name: 'Kim', note: 'plain' },
    ]);
    // The second row spans lines 3-5, so the third starts on line 6.
    expect(read.lines).toEqual([2, 3, 6]);
  });

  it('drops a BOM, detects `;`, nests dotted headers, types columns and leaves empty cells out', () => {
    const read = readCsvEvents(fixture('bom-semicolon-dotted.csv'));
    expect(read.delimiter).toBe(';');
    expect(read.problems).toEqual([]);
    expect(read.columns).toEqual([
      { name: 'id', type: 'number' },
      { name: 'amount', type: 'number' },
      { name: 'customer.firstName', type: 'string' },
      { name: 'customer.address.city', type: 'string' },
      { name: 'active', type: 'boolean' },
    ]);
    expect(read.events).toEqual([
      { id: 1, amount: 10, customer: { firstName: 'Ann', address: { city: 'Oslo' } }, active: true },
      { id: 2, amount: 7.5, customer: { firstName: 'Bo' }, active: false },
      { id: 3, customer: { firstName: 'Cy', address: { city: 'Rome' } } },
    ]);
  });

  it('takes a column type the user chose over what the cells look like, and reports cells that do not fit', () => {
    const read = readCsvEvents('id,zip,flag\n1,0100,yes\n2,x,no\n', {
      columnTypes: { id: 'string', zip: 'number', flag: 'boolean' },
    });
    expect(read.events).toEqual([{ id: '1', zip: 100, flag: true }]);
    expect(read.problems).toEqual([
      { line: 3, message: "Line 3, column 'zip': 'x' is not a number, so the row is left out." },
    ]);
  });

  it('keeps leading zeros and huge integers as text when left to itself', () => {
    expect(readCsvEvents('zip,big\n007,12345678901234567890\n').events).toEqual([
      { zip: '007', big: '12345678901234567890' },
    ]);
  });

  it('reports each bad row at its line and still reads the rows after it', () => {
    const read = readCsvEvents(fixture('bad-rows.csv'));
    expect(read.events).toEqual([
      { id: 1, count: 2 },
      { id: 3, count: 4 },
    ]);
    expect(read.problems.map((p) => p.line)).toEqual([3, 5, 6]);
    expect(read.problems[0]?.message).toMatch(/^Line 3 cannot be read as CSV/);
    expect(read.problems[1]?.message).toBe('Line 5 has 3 cells but the header has 2, so the row is left out.');
    expect(read.problems[2]?.message).toMatch(/^Line 6: a quoted cell is never closed/);
  });

  it('says what is wrong with a header and leaves that column out', () => {
    const read = readCsvEvents('a,,a,b.c,b\n1,2,3,4,5\n');
    expect(read.events).toEqual([{ a: 1, b: { c: 4 } }]);
    expect(read.problems.map((p) => p.message)).toEqual([
      'Line 1, column 2: the header is empty, so the column is left out.',
      "Line 1, column 3: the header 'a' repeats an earlier one, so the column is left out.",
      "Line 1, column 5: 'b' and 'b.c' cannot both be fields (one holds the other), so the column is left out.",
    ]);
  });

  it('an empty file needs a header row', () => {
    expect(readCsvEvents('').problems).toEqual([{ message: 'The CSV file is empty: it needs a header row.' }]);
  });

  it('counts lines after multi-byte characters and blank lines correctly', () => {
    const read = readCsvEvents('name\n"é😀"\n\n\nü\n');
    expect(read.events).toEqual([{ name: 'é😀' }, { name: 'ü' }]);
    expect(read.lines).toEqual([2, 5]);
  });

  it('detects the delimiter outside quotes only', () => {
    expect(detectDelimiter('"a;b;c",d')).toBe(',');
    expect(detectDelimiter('a;b;c')).toBe(';');
    expect(detectDelimiter('a\tb')).toBe('\t');
  });
});
