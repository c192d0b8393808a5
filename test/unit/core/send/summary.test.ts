// Outcome counts per collection and in total.
import { describe, expect, it } from 'vitest';
import { summarizeOutcomes } from '../../../../core/send/summary';

describe('summarizeOutcomes', () => {
  it('counts each outcome per collection in order of appearance', () => {
    const s = summarizeOutcomes([
      { collection: 'b', index: 0, outcome: 'accepted' },
      { collection: 'a', index: 0, outcome: 'not-sent' },
      { collection: 'b', index: 1, outcome: 'duplicate' },
      { collection: 'b', index: 2, outcome: 'unknown' },
    ]);
    expect(s.total).toEqual({
      events: 4,
      accepted: 1,
      duplicate: 1,
      rejected: 0,
      'not-sent': 1,
      unknown: 1,
      imported: 0,
    });
    expect(s.collections.map((c) => [c.name, c.events, c.accepted, c['not-sent']])).toEqual([
      ['b', 3, 1, 0],
      ['a', 1, 0, 1],
    ]);
  });
  it('is all zeros for nothing', () => {
    expect(summarizeOutcomes([]).total.events).toBe(0);
  });
});
