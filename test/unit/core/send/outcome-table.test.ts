// The outcome table keeps the latest outcome per event and lists them in batch order.
import { describe, expect, it } from 'vitest';
import { createOutcomeTable } from '../../../../core/send/outcome-table';

describe('createOutcomeTable', () => {
  it('replaces an outcome and lists collections in batch order, events by index', () => {
    const table = createOutcomeTable({ b: [{}, {}], a: [{}] });
    table.set({ collection: 'a', index: 0, outcome: 'accepted' });
    table.set({ collection: 'b', index: 1, outcome: 'rejected', message: 'x' });
    table.set({ collection: 'b', index: 0, outcome: 'accepted' });
    table.set({ collection: 'b', index: 1, outcome: 'duplicate' });
    expect(table.list().map((o) => `${o.collection}${o.index}:${o.outcome}`)).toEqual([
      'b0:accepted',
      'b1:duplicate',
      'a0:accepted',
    ]);
    expect(table.get('b', 1)?.outcome).toBe('duplicate');
    expect(table.get('zz', 0)).toBeUndefined();
  });
});
