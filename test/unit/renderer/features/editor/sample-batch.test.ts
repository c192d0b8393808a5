// The first-launch batch must send cleanly: no lint error or warning, two collections, fresh ids.
import { describe, expect, it } from 'vitest';
import { lintBatch } from '../../../../../core/rules/lint';
import { sampleBatch } from '../../../../../renderer/features/editor/sample-batch';

describe('sampleBatch', () => {
  it('lints without errors or warnings and has two collections', () => {
    let n = 0;
    const text = sampleBatch(new Date('2026-03-01T12:00:00Z'), () => `id-${++n}`);
    const { summary } = lintBatch(text);
    expect(summary).toMatchObject({ errors: 0, warnings: 0, collections: 2 });
    expect(summary.events).toBe(n);
  });
  it('uses the ids it is given, so two launches never collide', () => {
    const first = sampleBatch(new Date(), () => 'a');
    const second = sampleBatch(new Date(), () => 'b');
    expect(first).not.toBe(second);
  });
});
