// A format's quick form may only ever accept what the validator accepts: every answer must be the validator's.
import { describe, expect, it } from 'vitest';
import { format } from '@cfworker/json-schema';
import { formatCheck } from '../../../../core/schemas/quick-formats';

/** A small seeded generator, so a failure names a string that fails again. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

const label = (length: number) => 'a'.repeat(length);

const emails = [
  'ada@example.com',
  'Ada.Lovelace+tag@Mail-1.Example.IO',
  'a_b-c@x',
  'a@b.io',
  '.a@b.io',
  'a.@b.io',
  'a..b@b.io',
  'a@-b.io',
  'a@b-.io',
  'a@b..io',
  'a@.b.io',
  'a@b.io.',
  'a@b.io-',
  '@b.io',
  'a@',
  'a@b@c',
  '"quoted name"@b.io',
  'a@[127.0.0.1]',
  'a@[IPv6:::1]',
  'é@b.io',
  'a@é.io',
  'a b@c.io',
  'a@b\nc',
  'a@b.io\n',
  `${label(64)}@b.io`,
  `${label(65)}@b.io`,
  `a@${label(63)}.io`,
  `a@${label(64)}.io`,
  `a@${[label(63), label(63), label(63), label(61)].join('.')}`,
  `a@${[label(63), label(63), label(63), label(62)].join('.')}`,
  "o'hara!#$%&*/=?^`{|}~@b.io",
  '',
];

/** Strings built from the characters that decide an address: letters, digits, separators and their neighbours. */
function* generated(count: number): Generator<string> {
  const next = random(11);
  const alphabet = ['a', 'Z', '0', '9', '.', '-', '_', '+', '@', '"', '[', ']', ' ', 'é', '\n', ':', '!'];
  for (let n = 0; n < count; n++) {
    let text = '';
    const length = Math.floor(next() * 14);
    for (let i = 0; i < length; i++) text += alphabet[Math.floor(next() * alphabet.length)];
    yield text;
    yield `${text}@b.io`;
    yield `ada@${text}`;
  }
}

describe('formatCheck', () => {
  it('answers as the validator on email addresses, common and odd', () => {
    const quick = formatCheck('email');
    const full = format['email'];
    expect(quick).toBeDefined();
    for (const value of [...emails, ...generated(20_000)])
      expect(quick?.(value), JSON.stringify(value)).toBe(full?.(value));
    expect(quick?.('ada@example.com')).toBe(true);
    expect(quick?.('a..b@b.io')).toBe(false);
  });

  it('answers as the validator on date-times, UTC and otherwise', () => {
    const quick = formatCheck('date-time');
    const full = format['date-time'];
    for (const value of [
      '2024-05-01T12:00:00.000Z',
      '2024-05-01T12:00:00Z',
      '2024-05-01T12:00:00.123456789Z',
      '2024-02-29T23:59:59.5Z',
      '2023-02-29T00:00:00.000Z',
      '2024-05-01T24:00:00.000Z',
      '2024-05-01t12:00:00z',
      '2024-05-01 12:00:00Z',
      '2024-05-01T12:00:00+01:00',
      '2024-05-01T12:00:00',
      '2024-05-01',
      '',
    ])
      expect(quick?.(value), value).toBe(full?.(value));
  });

  it('leaves formats it has no quick form for to the validator, and unknown ones unasserted', () => {
    expect(formatCheck('uuid')).toBe(format['uuid']);
    expect(formatCheck('no-such-format')).toBeUndefined();
  });
});
