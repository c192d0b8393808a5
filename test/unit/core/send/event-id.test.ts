// The root id of an event, as the API accepts it (spec §4).
import { describe, expect, it } from 'vitest';
import { eventId, isEventId } from '../../../../core/send/event-id';

describe('eventId', () => {
  it('reads a non-empty string or a finite number at the root of an object', () => {
    expect(eventId({ id: 'evt-1' })).toBe('evt-1');
    expect(eventId({ id: 7 })).toBe(7);
    expect([eventId({ id: '' }), eventId({ id: null }), eventId({}), eventId([1]), eventId('x')]).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('judges a bare id the same way', () => {
    expect([isEventId('a'), isEventId(0), isEventId(''), isEventId(Infinity), isEventId(true)]).toEqual([
      true,
      true,
      false,
      false,
      false,
    ]);
  });
});
