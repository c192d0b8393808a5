// Framing of the sandbox log: records read back exactly, and every kind of damage is reported, not thrown.
import { describe, expect, it } from 'vitest';
import { BatchBytes, frameRecord, readRecords } from '../../../../electron/sandbox/log-framing';

const log = (...records: unknown[]) => Buffer.concat(records.map((r) => frameRecord(JSON.stringify(r))));

describe('log framing', () => {
  it('reads back what was framed, including non-ASCII text and escaped newlines', () => {
    const records = [
      { t: 'push', b: [['c', [{ id: 'é😀', text: 'line\nbreak' }]]] },
      { t: 'delete', c: 'x' },
    ];
    const data = log(...records);
    expect(readRecords(data)).toEqual({ records, validLength: data.length, problems: [] });
  });

  it('an empty file has no records and no problems', () => {
    expect(readRecords(Buffer.alloc(0))).toEqual({ records: [], validLength: 0, problems: [] });
  });

  it('a frame is checksum, space, JSON, newline', () => {
    expect(frameRecord('{}').toString()).toMatch(/^[0-9a-f]{8} \{\}\n$/);
  });

  it('a record framed from parts is the record framed whole, multi-byte text included', () => {
    expect(frameRecord('{"t":"batch","b":', '{"c":["é😀"]}', '}')).toEqual(
      frameRecord('{"t":"batch","b":{"c":["é😀"]}}'),
    );
  });

  it('a torn last record (no newline) is skipped and the valid length stops before it', () => {
    const good = log({ n: 1 });
    const torn = frameRecord(JSON.stringify({ n: 2 })).subarray(0, 12);
    const result = readRecords(Buffer.concat([good, torn]));
    expect(result.records).toEqual([{ n: 1 }]);
    expect(result.validLength).toBe(good.length);
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatch(/incomplete/);
  });

  it('a record whose bytes changed fails its checksum; the ones after it still count', () => {
    const data = log({ n: 1 }, { n: 2 }, { n: 3 });
    const text = data.toString().replace('"n":2', '"n":7');
    const result = readRecords(Buffer.from(text));
    expect(result.records).toEqual([{ n: 1 }, { n: 3 }]);
    expect(result.validLength).toBe(data.length);
    expect(result.problems[0]).toMatch(/checksum/);
  });

  it('a line without a checksum header, or with a matching checksum over bad JSON, is skipped', () => {
    const noHeader = Buffer.from('{"n":1}\n');
    expect(readRecords(noHeader).problems[0]).toMatch(/no checksum/);
    const badJson = frameRecord('{"n":');
    const result = readRecords(Buffer.concat([badJson, log({ n: 2 })]));
    expect(result.records).toEqual([{ n: 2 }]);
    expect(result.problems[0]).toMatch(/not valid JSON/);
  });

  it('hands a batch record back as its bytes, a raw line feed in them written as a space', () => {
    const data = frameRecord('{"t":"batch","b":', Buffer.from('{"c":\n[{"id":1}]}'), '}');
    const [record] = readRecords(data).records;
    expect(record).toBeInstanceOf(BatchBytes);
    expect((record as BatchBytes).body.toString()).toBe('{"c": [{"id":1}]}');
    expect((record as BatchBytes).where).toBe('record 1 at byte 0');
  });
});
