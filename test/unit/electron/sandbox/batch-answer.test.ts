// The batch answer written in runs is the same text as the results serialized one by one, wherever the
// other results fall: first, last, side by side, at a collection's edge, in an empty collection's neighbour.
import { describe, expect, it } from 'vitest';
import { batchAnswer } from '../../../../electron/sandbox/batch-answer';

const ACCEPTED = { success: true };
const REJECTED = { success: false, message: 'no' };

/** The answer one result at a time: what batchAnswer must equal. */
function oneByOne(collections: { name: string; count: number }[], otherAt: Set<number>): string {
  const answer: Record<string, object[]> = {};
  let at = 0;
  for (const { name, count } of collections) {
    answer[name] = [];
    for (let i = 0; i < count; i++) answer[name].push(otherAt.has(at++) ? REJECTED : ACCEPTED);
  }
  return JSON.stringify(answer);
}

const check = (collections: { name: string; count: number }[], otherAt: number[]) => {
  const others = otherAt.map((at) => ({ at, text: JSON.stringify(REJECTED) }));
  expect(batchAnswer(collections, others)).toBe(oneByOne(collections, new Set(otherAt)));
};

describe('batchAnswer', () => {
  it('writes all-accepted collections, empty ones and names that need escaping', () => {
    check([{ name: 'a', count: 5000 }], []);
    check(
      [
        { name: 'a', count: 3 },
        { name: 'empty', count: 0 },
        { name: 'quo"te', count: 1 },
      ],
      [],
    );
    check([], []);
  });

  it('puts other results at their places, across collection edges', () => {
    const collections = [
      { name: 'a', count: 4 },
      { name: 'b', count: 0 },
      { name: 'c', count: 3 },
    ];
    check(collections, [0]);
    check(collections, [3, 4]);
    check(collections, [0, 1, 2, 3, 4, 5, 6]);
    check(collections, [1, 2, 6]);
  });
});
