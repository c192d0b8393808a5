// The §4 event rules as the sandbox and the linter share them: order, paths, and the size measure.
import { describe, expect, it } from 'vitest';
import {
  EVENT_RULES,
  allNameViolations,
  eventByteSize,
  fieldPath,
  firstViolation,
  forEachPropertyName,
  isEventTooLarge,
} from '../../../../core/rules/event-rules';
import { jsonPointer, type PathSegment } from '../../../../core/json/path';

const utf8 = (text: string) => new TextEncoder().encode(text).length;

describe('firstViolation', () => {
  it('follows the order of spec §4', () => {
    expect(firstViolation([1])?.code).toBe('event-not-object');
    expect(firstViolation({ 'a.b': 1, tp_x: 1 })?.code).toBe('reserved-prefix-tp');
    expect(firstViolation({ $a: 1, _id: 1 })?.code).toBe('reserved-id-underscore');
    expect(firstViolation({ id: null, timestamp: 'x' })?.code).toBe('timestamp-invalid');
    expect(firstViolation({ id: '', p: 'x'.repeat(70_000) })?.code).toBe('id-invalid');
    expect(firstViolation({ p: 'x'.repeat(70_000) })).toMatchObject({
      code: 'event-too-large',
      singlePushStatus: 413,
      path: [],
    });
    expect(firstViolation({ id: 'a', meta: { tp_x: 1, _id: 2, timestamp: 'x' } })).toBeUndefined();
  });

  it('gives the path of the first offending name in document order', () => {
    const event = { a: { b: [{ 'x.y': 1 }] }, 'c.d': 2 };
    expect(firstViolation(event)?.path).toEqual(['c.d']);
    expect(fieldPath(['items', 0, 'first.name'])).toBe('items[0].first.name');
    expect(jsonPointer(['items', 0, 'first.name'])).toBe('/items/0/first.name');
  });
});

describe('name rules', () => {
  it('find every name in the same order as forEachPropertyName', () => {
    const event = {
      'a.1': { 'b.1': [{ 'c.1': 1 }, [{ 'd.1': { 'e.1': 2 } }]], 'f.1': null },
      'g.1': [],
      h: { 'i.1': { 'j.1': 1 } },
      'k.1': 'x',
    };
    const expected: PathSegment[][] = [];
    forEachPropertyName(event, (name, path) => {
      if (name.includes('.')) expected.push([...path]);
    });
    const rule = EVENT_RULES.find((r) => r.code === 'property-name-dot');
    expect(rule?.check(event).map((v) => v.path)).toEqual(expected);
    expect(expected).toHaveLength(10);
  });

  it('find in one walk what each name rule finds on its own', () => {
    const event = { 'a.b': { $c: [{ ['d'.repeat(256)]: 1, 'e.$': 2 }] }, $f: 1, ['$g.' + 'h'.repeat(300)]: 3 };
    const all = allNameViolations(event);
    expect(all).toHaveLength(8);
    for (const code of ['property-name-dot', 'property-name-dollar', 'property-name-too-long'] as const) {
      const rule = EVENT_RULES.find((r) => r.code === code);
      expect(all.filter((v) => v.code === code)).toEqual(rule?.check(event));
    }
  });

  it('find nothing, and say so, on a clean event', () => {
    for (const rule of EVENT_RULES) expect(rule.check({ id: 1, n: { m: [1, { k: 'v' }] } })).toEqual([]);
  });
});

describe('eventByteSize', () => {
  it('is the UTF-8 length of compact JSON, escapes and surrogates included', () => {
    const samples: unknown[] = [
      {},
      { a: 'é中😀', b: [1, -0, 1e21, 1e-7, 0.1, true, null], c: { d: '"\\\n\t\u0001\u007f' } },
      { lone: '\ud800x\udc00', pair: '\ud83d\ude00', key: { 'ké"y': 'v' } },
    ];
    for (const event of samples) expect(eventByteSize(event)).toBe(utf8(JSON.stringify(event)));
  });

  it('counts events too deep for JSON.stringify without throwing', () => {
    const depth = 100_000;
    let deep: unknown = [];
    for (let i = 1; i < depth; i++) deep = [deep];
    expect(eventByteSize(deep)).toBe(2 * depth);
    let objects: unknown = { 'é"': [1, 'x', null] };
    for (let i = 1; i < depth; i++) objects = { a: objects, b: true };
    // {"a":X,"b":true} adds 15 bytes a level; the innermost {"é\"":[1,"x",null]} is 21 (é is 2).
    expect(eventByteSize(objects)).toBe(15 * (depth - 1) + 21);
    expect(isEventTooLarge(objects)).toBe(true);
  });

  it('decides the limit exactly at 65,536 bytes, with or without a source length hint', () => {
    const sized = (bytes: number) => ({ p: 'x'.repeat(bytes - 8) });
    expect(eventByteSize(sized(65_536))).toBe(65_536);
    expect(isEventTooLarge(sized(65_536))).toBe(false);
    expect(isEventTooLarge(sized(65_537))).toBe(true);
    expect(isEventTooLarge({ p: 'é'.repeat(32_764) })).toBe(false);
    expect(isEventTooLarge({ p: 'é'.repeat(32_765) })).toBe(true);
    // A short source cannot be over the limit; a long one is measured.
    expect(isEventTooLarge({ p: 'x' }, 10)).toBe(false);
    expect(isEventTooLarge(sized(65_537), 65_537)).toBe(true);
  });
});
