// The finished run's journal as bytes, with its outcome counts: the same lines as the journal format, made
// while the event loop keeps turning, from outcomes made one at a time.
import { describe, expect, it } from 'vitest';
import { journalLines } from '../../../../../core/history/journal';
import { zeroCounts } from '../../../../../core/history/run';
import type { EventOutcome } from '../../../../../core/send/outcome';
import { journalBytes } from '../../../../../electron/services/history/journal-bytes';

const outcomes = (n: number): EventOutcome[] =>
  Array.from({ length: n }, (_, i) =>
    i % 7 === 0
      ? { collection: 'views', index: i, outcome: 'rejected', message: `bad ${i} “quoted” 😀`, request: 1 }
      : { collection: 'views', index: i, id: `e${i}`, outcome: 'accepted', request: 1 },
  );

describe('journalBytes', () => {
  it('writes the lines of the journal format, outcomes then requests', async () => {
    const list = outcomes(200_000);
    const requests = [{ request: 1, eventCount: 200_000, attempts: 1, status: 200, responseText: '{}' }];
    const { bytes, counts } = await journalBytes(list, requests);
    const expected = journalLines(list) + requests.map((r) => JSON.stringify({ r }) + '\n').join('');
    expect(bytes.toString('utf8')).toBe(expected);
    expect(counts).toEqual({ ...zeroCounts(), accepted: 171_428, rejected: 28_572 });
    expect((await journalBytes([], [])).bytes.length).toBe(0);
  });

  it('writes requests with large response texts whole, in order', async () => {
    const requests = Array.from({ length: 40 }, (_, i) => ({
      request: i + 1,
      eventCount: 5_000,
      attempts: 1,
      status: 200,
      responseText: `{"views":[${'{"success":true},'.repeat(20_000)}]} ${i} “•”`,
    }));
    const { bytes } = await journalBytes(outcomes(10), requests);
    expect(bytes.toString('utf8')).toBe(
      journalLines(outcomes(10)) + requests.map((r) => JSON.stringify({ r }) + '\n').join(''),
    );
  });

  it('takes outcomes made as it goes (a generator), each once', async () => {
    const list = outcomes(1_000);
    function* made(): Generator<EventOutcome> {
      yield* list;
    }
    const { bytes, counts } = await journalBytes(made(), []);
    expect(bytes.toString('utf8')).toBe(journalLines(list));
    expect(counts.accepted + counts.rejected).toBe(1_000);
  });

  it('lets timers run while it writes a large journal', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    try {
      await journalBytes(outcomes(300_000), []);
    } finally {
      clearInterval(timer);
    }
    expect(ticks).toBeGreaterThan(0);
  });
});
