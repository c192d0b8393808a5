// Counts in messages.
import { describe, expect, it } from 'vitest';
import { count, plural } from '../../../../core/text/plural';

describe('plural', () => {
  it('groups thousands and adds an s unless the count is 1', () => {
    expect(count(1234567)).toBe('1,234,567');
    expect([plural(0, 'event'), plural(1, 'event'), plural(5000, 'event')]).toEqual([
      '0 events',
      '1 event',
      '5,000 events',
    ]);
  });
});
