// A filter's shown values switched one at a time, without touching the set React already holds.
import { describe, expect, it } from 'vitest';
import { toggled } from '../../../../renderer/ui/toggled';

describe('toggled', () => {
  it('adds a missing value and removes a present one, in a new set', () => {
    const shown = new Set(['error', 'warning']);
    const without = toggled(shown, 'warning');
    expect([...without]).toEqual(['error']);
    expect([...toggled(without, 'info')]).toEqual(['error', 'info']);
    expect(without).not.toBe(shown);
    expect([...shown]).toEqual(['error', 'warning']);
  });
});
