// How a key's status reads: never more than the last 4 characters, and whether the weak-storage warning shows.
import { describe, expect, it } from 'vitest';
import { keyStatusText, keyStoredWeakly } from '../../../../../renderer/features/profiles/key-status-text';

describe('keyStatusText', () => {
  it('says set, the last four and the date, or not set', () => {
    expect(
      keyStatusText({ set: true, last4: '1234', changedAt: '2026-01-02T03:04:05.000Z', storage: 'keychain' }),
    ).toBe('set ••••1234 · changed 2 Jan 2026');
    expect(keyStatusText({ set: false })).toBe('not set');
    expect(keyStatusText({ set: true, storage: 'file' })).toBe('set ••••');
    expect(keyStatusText({ set: true, last4: 'abcd', storage: 'env' })).toBe('set ••••abcd · from the environment');
    expect(keyStatusText({ set: true, storage: 'built-in', last4: 'zzzz' })).toMatch(/^built in/);
    expect(keyStatusText({ set: true, last4: '9999', changedAt: 'not a date' })).toBe('set ••••9999');
  });

  it('flags keys kept without a keychain', () => {
    expect(keyStoredWeakly({ set: true, storage: 'file' })).toBe(true);
    expect(keyStoredWeakly({ set: true, storage: 'keychain' })).toBe(false);
    expect(keyStoredWeakly({ set: false, storage: 'file' })).toBe(false);
  });
});
