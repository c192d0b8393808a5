// Runs under way by id: a second run with the same id is refused, and a cancel reaches only its run.
import { describe, expect, it } from 'vitest';
import { CallFailure } from '../../../../electron/contract/handlers';
import { createRunControllers } from '../../../../electron/services/run-controllers';

describe('run controllers', () => {
  it('refuses a run id already under way, and takes it again once that run ended', () => {
    const runs = createRunControllers('A send');
    runs.begin('r1');
    expect(() => runs.begin('r1')).toThrow(CallFailure);
    expect(() => runs.begin('r1')).toThrow('A send with run id r1 is already running.');
    runs.end('r1');
    expect(runs.begin('r1').signal.aborted).toBe(false);
  });

  it('cancels only the named run, says when there is none, and cancels all on close', () => {
    const runs = createRunControllers('A bulk import');
    const a = runs.begin('a');
    const b = runs.begin('b');
    expect(runs.cancel('a')).toBe(true);
    expect([a.signal.aborted, b.signal.aborted]).toEqual([true, false]);
    expect(runs.cancel('missing')).toBe(false);
    const c = runs.begin('c');
    runs.cancelAll();
    expect([b.signal.aborted, c.signal.aborted]).toEqual([true, true]);
  });
});
