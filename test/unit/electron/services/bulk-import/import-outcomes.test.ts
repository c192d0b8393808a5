import { describe, expect, it } from 'vitest';
import { finishedOutcomes, sameOutcome } from '../../../../../electron/services/bulk-import/import-outcomes';
import type { ImportStatus } from '../../../../../electron/services/bulk-import/import-api';

const status = (over: Partial<ImportStatus>): ImportStatus => ({
  collection: 'c',
  status: 'Complete',
  importedEvents: 0,
  duplicateEvents: 0,
  percentComplete: 100,
  insertRate: 0,
  error: null,
  eventErrors: [],
  ...over,
});
const events = [{ id: 'a' }, { id: 2 }, { n: 1 }];

describe('bulk import outcomes (spec §9)', () => {
  it('a Complete import: lines in eventErrors are rejected with the API message, the others imported', () => {
    const outcomes = finishedOutcomes(
      'c',
      events,
      status({
        importedEvents: 2,
        eventErrors: [
          { index: 1, error: 'Bad.' },
          { index: 1, error: 'Again.' },
        ],
      }),
    );
    expect(outcomes).toEqual([
      { collection: 'c', index: 0, id: 'a', outcome: 'imported', importLine: 0 },
      { collection: 'c', index: 1, id: 2, outcome: 'rejected', message: 'Bad.', importLine: 1 },
      { collection: 'c', index: 2, outcome: 'imported', importLine: 2 },
    ]);
  });

  it('a Failed import that stored nothing leaves the others not-sent; one that failed part-way leaves them unknown', () => {
    expect(
      finishedOutcomes('c', events, status({ status: 'Failed', error: 'no object' })).map((o) => o.outcome),
    ).toEqual(['not-sent', 'not-sent', 'not-sent']);
    const partWay = finishedOutcomes(
      'c',
      events,
      status({ status: 'Failed', error: 'stopped', importedEvents: 1, eventErrors: [{ index: 2, error: 'Bad.' }] }),
    );
    expect(partWay.map((o) => o.outcome)).toEqual(['unknown', 'unknown', 'rejected']);
    expect(partWay[0]?.message).toContain('A resend is safe only for an event with an id.');
  });

  it('the same outcome for every event, with ids kept', () => {
    expect(sameOutcome('c', events, 'not-sent', 'why')).toEqual([
      { collection: 'c', index: 0, id: 'a', outcome: 'not-sent', message: 'why', importLine: 0 },
      { collection: 'c', index: 1, id: 2, outcome: 'not-sent', message: 'why', importLine: 1 },
      { collection: 'c', index: 2, outcome: 'not-sent', message: 'why', importLine: 2 },
    ]);
  });
});
