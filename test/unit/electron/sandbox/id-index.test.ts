// The id index against a plain Set as the reference: ids by JSON type, -0 as 0, deletes (also of ids whose
// probes pass deleted slots), growth over many rehashes, and a table that fills up with deleted entries.
import { describe, expect, it } from 'vitest';
import { createIdIndex } from '../../../../electron/sandbox/id-index';
import { mulberry32 } from '../../../../electron/sandbox/faults';

describe('id index', () => {
  it('keeps 1 and "1" apart and treats -0 as 0, as the API compares ids', () => {
    const index = createIdIndex();
    expect(index.add(1)).toBe(true);
    expect(index.add('1')).toBe(true);
    expect(index.add(1)).toBe(false);
    expect(index.add('1')).toBe(false);
    expect(index.add(0)).toBe(true);
    expect(index.add(-0)).toBe(false);
    expect(index.has(-0)).toBe(true);
    expect(index.add(1.5)).toBe(true);
    expect(index.has(1.5000001)).toBe(false);
    index.delete('1');
    expect(index.has('1')).toBe(false);
    expect(index.has(1)).toBe(true);
    expect(index.add('1')).toBe(true);
  });

  it('agrees with a Set over 50,000 random adds, deletes and lookups', () => {
    const random = mulberry32(42);
    const index = createIdIndex();
    const reference = new Set<string | number>();
    const pick = (): string | number => {
      const n = Math.floor(random() * 15_000);
      return random() < 0.5 ? n : `evt-${n}`;
    };
    for (let step = 0; step < 50_000; step++) {
      const id = pick();
      const roll = random();
      if (roll < 0.6) {
        const fresh = !reference.has(id);
        reference.add(id);
        expect(index.add(id)).toBe(fresh);
      } else if (roll < 0.8) {
        reference.delete(id);
        index.delete(id);
      } else expect(index.has(id)).toBe(reference.has(id));
    }
    for (const id of reference) expect(index.has(id)).toBe(true);
  });

  it('stays usable when adds and deletes of new ids fill it with deleted entries', () => {
    const index = createIdIndex();
    for (let i = 0; i < 20_000; i++) {
      expect(index.add(`once-${i}`)).toBe(true);
      index.delete(`once-${i}`);
    }
    expect(index.has('once-5')).toBe(false);
    expect(index.add('kept')).toBe(true);
    expect(index.has('kept')).toBe(true);
  });

  it('tells apart ids that differ only in non-ASCII text or lone surrogates, long ones too', () => {
    const index = createIdIndex();
    const ids = [
      'é',
      'e\u0301',
      '😀',
      '\ud83d',
      '\ude00',
      '\ufffd',
      '\ud83d\ude00x',
      'a'.repeat(300),
      `${'a'.repeat(300)}é`,
    ];
    for (const id of ids) expect(index.add(id), JSON.stringify(id)).toBe(true);
    for (const id of ids) expect(index.has(id), JSON.stringify(id)).toBe(true);
    expect(index.add('😀')).toBe(false);
    expect(index.has('\ud83d\ude00')).toBe(true);
    expect(index.has('\ude00\ud83d')).toBe(false);
  });

  it('adds an id from its UTF-8 bytes as the same id as its string', () => {
    const index = createIdIndex();
    const bytes = Buffer.from('x"evt-1"y"é😀"');
    expect(index.addUtf8(bytes, 2, 7)).toBe(true);
    expect(index.has('evt-1')).toBe(true);
    expect(index.add('evt-1')).toBe(false);
    expect(index.add('é😀')).toBe(true);
    expect(index.addUtf8(bytes, 10, bytes.length - 1)).toBe(false);
    index.delete('evt-1');
    expect(index.addUtf8(bytes, 2, 7)).toBe(true);
  });
});
