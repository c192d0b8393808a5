// Every outcome looks different in three ways: words, icon and colour class.
import { describe, expect, it } from 'vitest';
import { OUTCOMES } from '../../../../../core/send/outcome';
import { outcomeStyle } from '../../../../../renderer/features/results/outcome-style';

describe('outcomeStyle', () => {
  it('gives each outcome its own label, icon and class', () => {
    const styles = OUTCOMES.map(outcomeStyle);
    expect(styles.map((s) => s.label)).toEqual([
      'accepted',
      'duplicate',
      'rejected',
      'not sent',
      'unknown',
      'imported',
    ]);
    for (const key of ['label', 'icon', 'className'] as const)
      expect(new Set(styles.map((s) => s[key])).size).toBe(OUTCOMES.length);
  });
});
