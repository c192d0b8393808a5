// The linter's clean path agrees with the rules: a quiet event is one in which no event rule finds anything.
import { describe, expect, it } from 'vitest';
import { RULES, RULE_CODES, isQuietEvent } from '../../../../core/rules/rule-registry';

const findingsOf = (event: unknown, sourceLength?: number): string[] =>
  RULE_CODES.flatMap((code) => {
    const rule = RULES[code];
    if (rule.scope !== 'event') return [];
    return rule.check(event, { collection: 'c', scratch: {}, sourceLength }).length > 0 ? [code] : [];
  });

const CLEAN = [
  { id: 'a' },
  { id: 7, timestamp: '2024-05-01T12:00:00Z', nested: { deeper: { name: 'x' } } },
  { id: 'b', timestamp: '2024-05-01T12:00:00.123456Z', n: null, t: true },
];

const NOISY = [
  {},
  { id: '' },
  { id: Number.NaN },
  { name: 'no id' },
  { id: 'a', timestamp: '2024-05-01T12:00:00+02:00' },
  { id: 'a', timestamp: '2024-05-01T12:00:00' },
  { id: 'a', timestamp: 'yesterday' },
  { id: 'a', timestamp: 1714564800 },
  { id: 'a', tp_source: 1 },
  { id: 'a', TP_x: 1 },
  { id: 'a', _id: 1 },
  { id: 'a', o: { 'x.y': 1 } },
  { id: 'a', o: { $x: 1 } },
  { id: 'a', ['n'.repeat(256)]: 1 },
  { id: 'a', tags: [] },
  { id: 'a', o: { list: [{ k: 1 }] } },
  { id: 'a', big: 'x'.repeat(70_000) },
  [1],
  'event',
  null,
];

describe('isQuietEvent', () => {
  it('is true for events no rule finds anything in', () => {
    for (const event of CLEAN) {
      expect(findingsOf(event), JSON.stringify(event)).toEqual([]);
      expect(isQuietEvent(event, JSON.stringify(event).length), JSON.stringify(event)).toBe(true);
    }
  });

  it('is false whenever some event rule has a finding', () => {
    for (const event of NOISY) {
      const label = JSON.stringify(event)?.slice(0, 60) ?? String(event);
      expect(findingsOf(event), label).not.toEqual([]);
      expect(isQuietEvent(event, undefined), label).toBe(false);
      expect(isQuietEvent(event, (JSON.stringify(event) ?? '').length), label).toBe(false);
    }
  });
});
