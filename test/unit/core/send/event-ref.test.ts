// An event's place as one key.
import { describe, expect, it } from 'vitest';
import { eventRef } from '../../../../core/send/event-ref';

describe('eventRef', () => {
  it('gives one key per place, even where plain joining would collide', () => {
    expect(eventRef('purchases', 3)).toBe(eventRef('purchases', 3));
    expect(eventRef('a1', 2)).not.toBe(eventRef('a', 12));
    expect(eventRef('a', 0)).not.toBe(eventRef('b', 0));
  });
});
