// One event's admission on a real (memory) store: what counts as stored as sent, which ids stay claimed when
// an event is refused after its id was taken (an injected failure, nesting too deep to serialize), and that a
// generated id is claimed too.
import { beforeEach, describe, expect, it } from 'vitest';
import { openEventStore, type EventStore } from '../../../../electron/sandbox/event-store';
import {
  DUPLICATE,
  EVENT_FAILED,
  TOO_DEEP,
  admit,
  admitSerialized,
  type AdmissionContext,
} from '../../../../electron/sandbox/event-admission';

const RECEIVED = '2024-05-01T12:00:00.000Z';
let store: EventStore;
const context = (failEvent = () => false): AdmissionContext => ({
  store,
  collection: 'c',
  receivedAt: RECEIVED,
  failEvent,
  schemas: undefined,
});

beforeEach(async () => {
  store = await openEventStore({ warn: () => undefined });
});

describe('admit', () => {
  it('tells an event stored exactly as sent from one given its stored form', () => {
    expect(admit(context(), { id: 'a', timestamp: '2024-01-01T00:00:00.000Z' })).toBe(true);
    const converted = { id: 'b', timestamp: '2024-01-01T01:00:00+01:00' };
    expect(admit(context(), converted)).toBe(false);
    expect(converted.timestamp).toBe('2024-01-01T00:00:00.000Z');
    const bare: Record<string, unknown> = { v: 1 };
    expect(admit(context(), bare)).toBe(false);
    expect(bare['timestamp']).toBe(RECEIVED);
    expect(typeof bare['id']).toBe('string');
    expect(store.hasId('c', bare['id'] as string)).toBe(true);
  });

  it('answers a second copy as a duplicate and a broken event with its rule', () => {
    expect(admit(context(), { id: 1 })).toBe(false);
    expect(admit(context(), { id: 1 })).toBe(DUPLICATE);
    expect(admit(context(), { id: '1' })).toBe(false);
    expect(admit(context(), { _id: 1 })).toEqual({
      kind: 'rejected',
      message: "Top level properties cannot be named '_id'.",
    });
  });

  it('gives the id back when the injected failure refuses the event, so a resend is not a duplicate', () => {
    expect(
      admit(
        context(() => true),
        { id: 'f' },
      ),
    ).toBe(EVENT_FAILED);
    expect(store.hasId('c', 'f')).toBe(false);
    expect(admit(context(), { id: 'f' })).toBe(false);
  });
});

describe('admitSerialized', () => {
  it('returns the stored JSON, and gives the id back for an event too deep to serialize', () => {
    expect(admitSerialized(context(), { id: 's', timestamp: '2024-01-01T00:00:00Z' })).toBe(
      '{"id":"s","timestamp":"2024-01-01T00:00:00.000Z"}',
    );
    const deep = JSON.parse(`{"id":"d","v":${'['.repeat(30_000)}${']'.repeat(30_000)}}`) as unknown;
    expect(admitSerialized(context(), deep)).toBe(TOO_DEEP);
    expect(store.hasId('c', 'd')).toBe(false);
  });
});
