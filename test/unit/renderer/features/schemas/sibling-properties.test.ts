// Completion without a schema: the names and types the sibling events of a collection use.
import { describe, expect, it } from 'vitest';
import { siblingProperties } from '../../../../../renderer/features/schemas/sibling-properties';

const BATCH = `{
  "purchases": [
    { "id": "p-1", "product": "Notebook", "price": 12.5, "customer": { "tier": "gold", "since": 2019 } },
    { "id": "p-2", "product": "Lamp", "price": 39, "gift": true },
    { "id": "p-3", "pro
  ],
  "pageViews": [ { "page": "/a" } ]
}`;

describe('siblingProperties', () => {
  it('lists the names of the other events in the same collection with their types, most used first', () => {
    const found = siblingProperties(BATCH, 'purchases', 2, []);
    expect(found.map((p) => p.name)).toEqual(['id', 'product', 'price', 'customer', 'gift']);
    expect(found.find((p) => p.name === 'price')?.types).toEqual(['number', 'integer']);
    expect(found.find((p) => p.name === 'gift')).toEqual({ name: 'gift', types: ['boolean'], count: 1 });
    expect(found.some((p) => p.name === 'page')).toBe(false);
  });
  it('follows the path into nested objects', () => {
    expect(siblingProperties(BATCH, 'purchases', 1, ['customer'])).toEqual([
      { name: 'tier', types: ['string'], count: 1 },
      { name: 'since', types: ['integer'], count: 1 },
    ]);
  });
  it('gives nothing for an unknown collection', () => {
    expect(siblingProperties(BATCH, 'nope', 0, [])).toEqual([]);
  });
});
