// The seeded choices of fault injection: the same seed gives the same choices, rates are respected.
import { describe, expect, it } from 'vitest';
import { createFaults, mulberry32 } from '../../../../electron/sandbox/faults';

const options = { latencyMs: 0, failEvents: 0, failRequests: 0, dropRequests: 0, seed: 1 };
const draws = (choose: () => boolean, n: number) => Array.from({ length: n }, choose);

describe('fault injection', () => {
  it('mulberry32 repeats for a seed, differs between seeds, stays in [0, 1)', () => {
    const a = mulberry32(9);
    const b = mulberry32(9);
    const c = mulberry32(10);
    const fromA = Array.from({ length: 1000 }, a);
    expect(Array.from({ length: 1000 }, b)).toEqual(fromA);
    expect(Array.from({ length: 1000 }, c)).not.toEqual(fromA);
    expect(fromA.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('rate 0 never fails and rate 1 always does', () => {
    const none = createFaults(options);
    expect(draws(none.failEvent, 100).some(Boolean)).toBe(false);
    const all = createFaults({ ...options, failEvents: 1, failRequests: 1, dropRequests: 1 });
    expect(draws(all.failEvent, 100).every(Boolean)).toBe(true);
    expect(draws(all.dropRequest, 100).every(Boolean)).toBe(true);
    expect(draws(none.dropAfterStore, 100).some(Boolean)).toBe(false);
    expect(draws(createFaults({ ...options, dropAfterStore: 1 }).dropAfterStore, 100).every(Boolean)).toBe(true);
  });

  it('a rate is roughly the share chosen', () => {
    const faults = createFaults({ ...options, failEvents: 0.25, seed: 123 });
    const share = draws(faults.failEvent, 20_000).filter(Boolean).length / 20_000;
    expect(share).toBeGreaterThan(0.23);
    expect(share).toBeLessThan(0.27);
  });

  it('each kind of fault has its own stream: switching one on does not move the others', () => {
    const alone = createFaults({ ...options, failEvents: 0.5, seed: 5 });
    const withOthers = createFaults({ ...options, failEvents: 0.5, failRequests: 0.5, dropRequests: 0.5, seed: 5 });
    const expected = draws(alone.failEvent, 200);
    const actual: boolean[] = [];
    for (let i = 0; i < 200; i++) {
      withOthers.dropRequest();
      withOthers.failRequest();
      actual.push(withOthers.failEvent());
    }
    expect(actual).toEqual(expected);
  });
});
