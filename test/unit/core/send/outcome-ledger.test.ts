// The compact outcome ledger: latest outcome per event, messages kept once, objects made on demand, counts.
import { describe, expect, it } from 'vitest';
import { OutcomeLedger } from '../../../../core/send/outcome-ledger';

const directory = {
  names: ['a', 'empty', 'b'],
  firsts: Uint32Array.from([0, 2, 2, 5]),
  id: (g: number) => (g % 2 === 0 ? `e${g}` : undefined),
};

describe('OutcomeLedger', () => {
  it('keeps the latest outcome of each event and gives them out in batch order with their place', () => {
    const ledger = new OutcomeLedger(directory);
    for (let g = 0; g < 5; g++) ledger.set(g, { outcome: 'accepted' }, 1);
    ledger.set(
      1,
      { outcome: 'rejected', message: 'An error occurred inserting the event please try again.', retryable: true },
      1,
    );
    ledger.set(3, { outcome: 'unknown', message: 'timed out' }, 2);
    ledger.set(4, { outcome: 'duplicate', message: 'An event with the same id has already been inserted.' }, 3);
    expect([...ledger.outcomes()]).toEqual([
      { collection: 'a', index: 0, id: 'e0', outcome: 'accepted', request: 1 },
      {
        collection: 'a',
        index: 1,
        outcome: 'rejected',
        message: 'An error occurred inserting the event please try again.',
        request: 1,
        retryable: true,
      },
      { collection: 'b', index: 0, id: 'e2', outcome: 'accepted', request: 1 },
      { collection: 'b', index: 1, outcome: 'unknown', message: 'timed out', request: 2 },
      {
        collection: 'b',
        index: 2,
        id: 'e4',
        outcome: 'duplicate',
        message: 'An event with the same id has already been inserted.',
        request: 3,
      },
    ]);
    expect([...ledger.outcomes(0, 5, true)].map((o) => `${o.collection}${o.index}`)).toEqual(['a1', 'b1']);
    const back = ledger.entry(1);
    ledger.set(1, { outcome: 'not-sent', message: 'x' }, 9);
    if (back) ledger.set(1, back.conclusion, back.request);
    expect(ledger.outcome(1, 0)).toMatchObject({ outcome: 'rejected', retryable: true, request: 1 });
  });

  it('sets one conclusion for many events as setting it for each would, messages and retries included', () => {
    const one = new OutcomeLedger(directory);
    const many = new OutcomeLedger(directory);
    for (const ledger of [one, many]) {
      ledger.set(0, { outcome: 'rejected', message: 'no', retryable: true }, 1);
      ledger.set(3, { outcome: 'unknown', message: 'timed out' }, 1);
    }
    const steps = [
      { events: [1, 2, 3], conclusion: { outcome: 'accepted' as const }, request: 2 },
      { events: [0, 4], conclusion: { outcome: 'not-sent' as const, message: 'cancelled' }, request: 3 },
      { events: [], conclusion: { outcome: 'accepted' as const }, request: 4 },
    ];
    for (const { events, conclusion, request } of steps) {
      for (const g of events) one.set(g, conclusion, request);
      many.setAll(Uint32Array.from(events), conclusion, request);
    }
    expect([...many.outcomes()]).toEqual([...one.outcomes()]);
    expect([...many.outcomes()].map((o) => o.message)).toEqual([
      'cancelled',
      undefined,
      undefined,
      undefined,
      'cancelled',
    ]);
  });

  it('counts per collection and in total, leaving out collections without events', () => {
    const ledger = new OutcomeLedger(directory);
    ledger.set(0, { outcome: 'accepted' }, 1);
    ledger.set(1, { outcome: 'not-sent', message: 'cancelled' }, 1);
    for (const g of [2, 3, 4]) ledger.set(g, { outcome: 'unknown', message: 'timed out' }, 2);
    const summary = ledger.summary();
    expect(summary.collections.map((c) => [c.name, c.events, c.accepted, c['not-sent'], c.unknown])).toEqual([
      ['a', 2, 1, 1, 0],
      ['b', 3, 0, 0, 3],
    ]);
    expect(summary.total).toMatchObject({ events: 5, accepted: 1, 'not-sent': 1, unknown: 3 });
  });
});
