// Imported events join a tab's batch: appended to their collection, other collections kept, non-batches refused.
import { describe, expect, it } from 'vitest';
import { batchCollections, mergeImport } from '../../../../../renderer/features/import/batch-collections';

describe('batch collections', () => {
  it('lists the collections of a batch, none of an empty tab, and refuses what is not a batch', () => {
    expect(batchCollections('{"orders": [], "views": [{}]}')).toEqual(['orders', 'views']);
    expect(batchCollections('  \n')).toEqual([]);
    expect(batchCollections('[1, 2]')).toBeUndefined();
    expect(batchCollections('{"orders": {}}')).toBeUndefined();
    expect(batchCollections('{"orders": [')).toBeUndefined();
  });

  it('appends imported events to an existing collection and adds a new one', () => {
    const merged = mergeImport('{"orders": [{"id": 1}], "views": []}', '{\n  "orders": [\n    {"id": 2}\n  ]\n}\n');
    expect(JSON.parse(merged ?? '')).toEqual({ orders: [{ id: 1 }, { id: 2 }], views: [] });
    expect(JSON.parse(mergeImport('', '{"clicks": [{"id": "c"}]}') ?? '')).toEqual({ clicks: [{ id: 'c' }] });
  });

  it('refuses to merge into a tab whose text is not a batch', () => {
    expect(mergeImport('{"orders": [', '{"orders": []}')).toBeUndefined();
  });
});
