import { describe, expect, it } from 'vitest';
import { readBatch, readBulkSource } from '../../../../../electron/services/bulk-import/batch-source';

describe('readBulkSource', () => {
  it('a batch names its collections; events with rule errors are kept for the API to judge', () => {
    expect(readBulkSource('{"a": [{"id": 1}, {"tp_x": 1}], "b": []}', 'f.json', undefined)).toEqual({
      ok: true,
      source: { batch: { a: [{ id: 1 }, { tp_x: 1 }], b: [] } },
    });
  });

  it('NDJSON goes to --collection with each event\u2019s file line; without one it is a usage error', () => {
    expect(readBulkSource('{"id": 1}\n\n{"id": 2}\n', 'f.ndjson', 'c')).toEqual({
      ok: true,
      source: { batch: { c: [{ id: 1 }, { id: 2 }] }, lines: [1, 3] },
    });
    expect(readBulkSource('{"id": 1}\n{"id": 2}\n', 'f.ndjson', undefined)).toMatchObject({
      ok: false,
      usage: true,
      message: expect.stringContaining('--collection NAME'),
    });
  });

  it('refuses what cannot be split into events, saying where', () => {
    expect(readBulkSource('{\n "a": 1\n}', 'f.json', undefined)).toEqual({
      ok: false,
      message: "f.json: collection 'a' is not an array of events.",
    });
    expect(readBatch('{"a": 1}', 'The batch')).toEqual({
      ok: false,
      message: "The batch: collection 'a' is not an array of events.",
    });
    expect(readBatch('[1]', 'The batch')).toEqual({
      ok: false,
      message: 'The batch is not an object of collections to arrays of events.',
    });
    expect(readBulkSource('{"id": 1}\nnot json\n', 'f.ndjson', 'c')).toMatchObject({
      ok: false,
      message: expect.stringContaining('f.ndjson:2'),
    });
    expect(readBulkSource('{"a": []}', 'f.json', 'c')).toMatchObject({ ok: false, usage: true });
  });
});
