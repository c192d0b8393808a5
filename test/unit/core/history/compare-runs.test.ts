// Comparing runs: matched by collection and id, by position without ids; counts and the list of changes.
import { describe, expect, it } from 'vitest';
import { compareRuns } from '../../../../core/history/compare-runs';
import type { EventOutcome } from '../../../../core/send/outcome';

const o = (
  collection: string,
  index: number,
  outcome: EventOutcome['outcome'],
  id?: string | number,
  message?: string,
): EventOutcome => ({
  collection,
  index,
  outcome,
  ...(id !== undefined ? { id } : {}),
  ...(message !== undefined ? { message } : {}),
});

describe('compareRuns', () => {
  it('matches by id whatever the position, and by position where there is no id', () => {
    const a = [
      o('views', 0, 'rejected', 'x', 'bad'),
      o('views', 1, 'accepted', 'y'),
      o('views', 2, 'unknown'),
      o('clicks', 0, 'accepted'),
    ];
    // The resend holds the failures only, in another order.
    const b = [
      o('views', 0, 'accepted', 'y'),
      o('views', 1, 'accepted', 'x'),
      o('views', 2, 'accepted'),
      o('buys', 0, 'accepted', 1),
    ];
    const result = compareRuns(a, b);
    expect(result.summary).toEqual({ same: 1, changed: 2, onlyInA: 1, onlyInB: 1 });
    expect(result.changes).toEqual([
      {
        collection: 'views',
        id: 'x',
        kind: 'changed',
        indexA: 0,
        outcomeA: 'rejected',
        messageA: 'bad',
        indexB: 1,
        outcomeB: 'accepted',
      },
      { collection: 'views', kind: 'changed', indexA: 2, outcomeA: 'unknown', indexB: 2, outcomeB: 'accepted' },
      { collection: 'clicks', kind: 'onlyInA', indexA: 0, outcomeA: 'accepted' },
      { collection: 'buys', id: 1, kind: 'onlyInB', indexB: 0, outcomeB: 'accepted' },
    ]);
  });

  it('keeps the id 1 and the id "1" apart, and pairs repeated ids in order', () => {
    const result = compareRuns(
      [o('c', 0, 'accepted', 1), o('c', 1, 'accepted', 'd'), o('c', 2, 'duplicate', 'd')],
      [o('c', 0, 'accepted', '1'), o('c', 1, 'accepted', 'd'), o('c', 2, 'duplicate', 'd')],
    );
    expect(result.summary).toEqual({ same: 2, changed: 0, onlyInA: 1, onlyInB: 1 });
  });
});
