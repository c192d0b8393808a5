// The outcome journal: appended lines read back in batch order, the last word per event kept, torn lines skipped.
import { describe, expect, it } from 'vitest';
import { journalLines, readJournal } from '../../../../core/history/journal';

describe('readJournal', () => {
  it('reads outcomes in batch order and requests by number; a later line for an event wins', () => {
    const text =
      journalLines([{ collection: 'b', index: 0, outcome: 'accepted' }], {
        request: 2,
        eventCount: 1,
        attempts: 1,
        status: 200,
        responseText: '{}',
      }) +
      journalLines(
        [
          { collection: 'a', index: 1, outcome: 'rejected', retryable: true, id: 'x' },
          { collection: 'a', index: 0, outcome: 'accepted' },
        ],
        {
          request: 1,
          eventCount: 2,
          attempts: 1,
          status: 200,
          responseText: '{}',
        },
      ) +
      journalLines([{ collection: 'a', index: 1, outcome: 'duplicate', id: 'x' }]);
    const read = readJournal(text, ['a', 'b']);
    expect(read.outcomes).toEqual([
      { collection: 'a', index: 0, outcome: 'accepted' },
      { collection: 'a', index: 1, outcome: 'duplicate', id: 'x' },
      { collection: 'b', index: 0, outcome: 'accepted' },
    ]);
    expect(read.requests.map((r) => r.request)).toEqual([1, 2]);
    expect(read.skipped).toBe(0);
  });

  it('reads every outcome the product knows, bulk import’s imported included', () => {
    expect(readJournal(journalLines([{ collection: 'a', index: 0, outcome: 'imported' }]), ['a']).outcomes).toEqual([
      { collection: 'a', index: 0, outcome: 'imported' },
    ]);
  });

  it('skips a torn last line and anything that is not an entry', () => {
    const whole = journalLines([
      { collection: 'a', index: 0, outcome: 'accepted' },
      { collection: 'a', index: 1, outcome: 'unknown' },
    ]);
    const torn = whole.slice(0, whole.length - 10);
    const read = readJournal(`${torn}`, ['a']);
    expect(read.outcomes).toEqual([{ collection: 'a', index: 0, outcome: 'accepted' }]);
    expect(read.skipped).toBe(1);
    expect(readJournal('{"o":{"collection":"a","index":0,"outcome":"lost"}}\n[]\n', ['a'])).toEqual({
      outcomes: [],
      requests: [],
      skipped: 2,
    });
  });
});
