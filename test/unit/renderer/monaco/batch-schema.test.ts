// The editor's JSON Schema of a batch accepts batches and flags the wrong shapes.
import { describe, expect, it } from 'vitest';
import { Ajv } from 'ajv';
import { batchSchema } from '../../../../renderer/monaco/batch-schema';

const validate = new Ajv({ strict: false }).compile(batchSchema);

describe('batchSchema', () => {
  it('accepts an object of collections to arrays of events', () => {
    expect(validate({ purchases: [{ id: 'a', timestamp: '2026-01-01T00:00:00Z' }, { id: 2 }], views: [] })).toBe(true);
  });
  it('rejects a non-object batch, a non-array collection, a non-object event, a $ collection and a bad id', () => {
    expect(validate([])).toBe(false);
    expect(validate({ c: {} })).toBe(false);
    expect(validate({ c: [1] })).toBe(false);
    expect(validate({ $c: [] })).toBe(false);
    expect(validate({ c: [{ id: '' }] })).toBe(false);
  });
});
