// Expected vs actual per event, and recording a test case from results.
import { describe, expect, it } from 'vitest';
import { checkExpectations, recordTestCase } from '../../../../core/qa/expectation-check';
import type { TestCase } from '../../../../core/qa/test-case';
import type { EventOutcome } from '../../../../core/send/outcome';

const testCase: TestCase = {
  name: 'case',
  batch: { a: [{ id: 1 }, { id: 2 }, { id: 3 }, { id: 4 }], b: [{}] },
  expect: {
    a: ['accepted', { outcome: 'rejected', message: 'tp_' }, 'duplicate', { outcome: 'rejected', message: '/^Other/' }],
    b: ['any'],
  },
};
const outcomes: EventOutcome[] = [
  { collection: 'a', index: 0, id: 1, outcome: 'accepted' },
  {
    collection: 'a',
    index: 1,
    id: 2,
    outcome: 'rejected',
    message: 'Property names starting with tp_ are reserved and cannot be set.',
  },
  { collection: 'a', index: 2, id: 3, outcome: 'accepted' },
  { collection: 'a', index: 3, id: 4, outcome: 'rejected', message: 'Property names cannot start with $.' },
  { collection: 'b', index: 0, outcome: 'rejected', message: 'whatever' },
];

describe('checkExpectations', () => {
  const report = checkExpectations(testCase, outcomes);

  it('passes and fails event by event, with both sides shown', () => {
    expect(report.passed).toBe(false);
    expect(report.counts).toEqual({ passed: 2, failed: 2, skipped: 1 });
    expect(report.checks.map((c) => [c.collection, c.index, c.passed, c.expected, c.actual])).toEqual([
      ['a', 0, true, 'accepted', 'accepted'],
      ['a', 1, true, 'rejected containing "tp_"', 'rejected'],
      ['a', 2, false, 'duplicate', 'accepted'],
      ['a', 3, false, 'rejected matching /^Other/', 'rejected'],
      ['b', 0, true, 'any', 'rejected'],
    ]);
    expect(report.checks[2]?.reason).toBe('expected duplicate, got accepted');
    expect(report.checks[3]?.reason).toBe(
      'rejected as expected, but the message "Property names cannot start with $." does not match /^Other/',
    );
  });

  it('passes when every event comes out as expected', () => {
    const fixed = checkExpectations(
      { ...testCase, expect: { a: ['accepted', 'rejected', 'accepted', 'rejected'], b: ['rejected'] } },
      outcomes,
    );
    expect(fixed.passed).toBe(true);
    expect(fixed.counts).toEqual({ passed: 5, failed: 0, skipped: 0 });
  });

  it('fails events with no result, and every event when the case could not run', () => {
    expect(checkExpectations(testCase, []).checks[0]?.reason).toBe('no result came back for this event');
    const broken = checkExpectations(testCase, outcomes, 'setup failed');
    expect(broken.passed).toBe(false);
    expect(broken.error).toBe('setup failed');
    expect(broken.checks.filter((c) => !c.passed)).toHaveLength(4);
  });
});

describe('recordTestCase', () => {
  it('turns results into expectations that the same results pass', () => {
    const recorded = recordTestCase('recorded', testCase.batch, outcomes);
    expect(recorded.expect).toEqual({
      a: [
        'accepted',
        { outcome: 'rejected', message: 'Property names starting with tp_ are reserved and cannot be set.' },
        'accepted',
        { outcome: 'rejected', message: 'Property names cannot start with $.' },
      ],
      b: [{ outcome: 'rejected', message: 'whatever' }],
    });
    expect(checkExpectations(recorded, outcomes).passed).toBe(true);
  });

  it('from the local sandbox: starts from an empty one and pushes the first copies of what came back duplicate', () => {
    const batch = {
      c: [{ id: 'old', v: 1 }, { id: 'new' }, { id: 'new' }, { id: 'old' }, { id: 7 }],
      d: [{ id: 'old' }],
    };
    const results: EventOutcome[] = [
      { collection: 'c', index: 0, id: 'old', outcome: 'duplicate' },
      { collection: 'c', index: 1, id: 'new', outcome: 'accepted' },
      { collection: 'c', index: 2, id: 'new', outcome: 'duplicate' },
      { collection: 'c', index: 3, id: 'old', outcome: 'duplicate' },
      { collection: 'c', index: 4, id: 7, outcome: 'duplicate' },
      { collection: 'd', index: 0, id: 'old', outcome: 'accepted' },
    ];
    const recorded = recordTestCase('dups', batch, results, { fromSandbox: true });
    // "new" was stored by the batch itself; "old" and 7 were there before, once each.
    expect(recorded.setup).toEqual({ reset: true, push: { c: [{ id: 'old', v: 1 }, { id: 7 }] } });
    expect(recorded.expect['c']).toEqual(['duplicate', 'accepted', 'duplicate', 'duplicate', 'duplicate']);
    expect(
      recordTestCase('plain', { c: [{}] }, [{ collection: 'c', index: 0, outcome: 'accepted' }], { fromSandbox: true })
        .setup,
    ).toEqual({ reset: true });
    expect(recordTestCase('remote', batch, results).setup).toBeUndefined();
  });
});
