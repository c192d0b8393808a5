// Results as CSV (RFC 4180).
import { describe, expect, it } from 'vitest';
import { csvField } from '../../../../core/formats/csv';
import { resultsToCsv } from '../../../../core/formats/results-csv';

describe('resultsToCsv', () => {
  it('writes the header and one CRLF row per outcome, quoting what needs it', () => {
    const text = resultsToCsv([
      { collection: 'pageviews', index: 0, id: 'a', outcome: 'accepted', request: 1 },
      { collection: 'a,b', index: 1, id: 7, outcome: 'rejected', message: 'Say "no"\nplease', request: 2 },
      {
        collection: 'c',
        index: 2,
        outcome: 'not-sent',
        message: 'HTTP 401: Unauthorised. Please check your Project Id and API Key.',
      },
    ]);
    expect(text).toBe(
      'collection,index,id,outcome,message,request\r\n' +
        'pageviews,0,a,accepted,,1\r\n' +
        '"a,b",1,7,rejected,"Say ""no""\nplease",2\r\n' +
        'c,2,,not-sent,HTTP 401: Unauthorised. Please check your Project Id and API Key.,\r\n',
    );
  });
  it('quotes fields with CR, quotes or edge spaces only', () => {
    expect(csvField('plain text')).toBe('plain text');
    expect(csvField('a\rb')).toBe('"a\rb"');
    expect(csvField(' lead')).toBe('" lead"');
    expect(csvField(undefined)).toBe('');
    expect(csvField(0)).toBe('0');
  });
  it('defuses text a spreadsheet would run as a formula, but leaves numbers alone', () => {
    expect(csvField('=HYPERLINK("http://x","click")')).toBe('"\'=HYPERLINK(""http://x"",""click"")"');
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('-cmd')).toBe("'-cmd");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField(-5)).toBe('-5');
    expect(csvField('a=b')).toBe('a=b');
  });
});
