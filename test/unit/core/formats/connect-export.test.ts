// Reading a Connect export answer.
import { describe, expect, it } from 'vitest';
import { readConnectExport } from '../../../../core/formats/connect-export';

describe('readConnectExport', () => {
  it('reads the results array', () => {
    expect(readConnectExport('{"results": [{"id": "x", "timestamp": "2015-02-05T14:55:56.587Z"}]}').events).toEqual([
      { id: 'x', timestamp: '2015-02-05T14:55:56.587Z' },
    ]);
  });
  it('reports a missing results array and invalid JSON', () => {
    expect(readConnectExport('{"result": []}').problems[0]?.message).toMatch(/results/);
    expect(readConnectExport('[]').problems).toHaveLength(1);
    expect(readConnectExport('{').problems[0]?.message).toMatch(/not valid JSON/);
  });
});
