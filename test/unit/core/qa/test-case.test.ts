// The test-case format: what it accepts, and errors that say where the mistake is and what to write.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { messagePattern, parseTestCase } from '../../../../core/qa/test-case';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '../../../fixtures/qa');
const read = (name: string) => readFileSync(join(fixtures, name), 'utf8');

describe('parseTestCase', () => {
  it('reads the fixtures', () => {
    for (const name of ['passing.case.json', 'duplicates.case.json', 'failing.case.json', 'schemas.case.json']) {
      expect(parseTestCase(read(name)).ok, name).toBe(true);
    }
  });

  it('lists every mistake with its place', () => {
    const parsed = parseTestCase(read('invalid.case.json'));
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors).toEqual(
      expect.arrayContaining([
        'name: cannot be empty',
        'expect.purchases[1]: must be an outcome word ("accepted", "duplicate", "rejected", …) or {"outcome": "rejected", "message": "…"}',
        'setup: unknown field(s) "wipe" (allowed: see the test-case format in the README)',
      ]),
    );
  });

  it('checks that every event has an expectation, and no collection is invented', () => {
    const parsed = parseTestCase(
      JSON.stringify({ name: 'n', batch: { a: [{}, {}], b: [{}] }, expect: { a: ['accepted'], c: [] } }),
    );
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors).toEqual([
      'expect.a: lists 1 outcome(s) but batch.a has 2 event(s): give one per event, in order',
      'expect.b: is missing: list an outcome for each of the 1 event(s) of batch.b ("any" to skip one)',
      'expect.c: names a collection the batch does not have',
    ]);
  });

  it('rejects a message that looks like a regular expression but is not one, and text that is not JSON', () => {
    const parsed = parseTestCase(
      JSON.stringify({ name: 'n', batch: { a: [{}] }, expect: { a: [{ outcome: 'rejected', message: '/(/' }] } }),
    );
    expect(parsed.ok ? [] : parsed.errors).toEqual([
      'expect.a[0].message: looks like /regex/ but is not a valid regular expression',
    ]);
    const notJson = parseTestCase('{ "name": ');
    expect(notJson.ok ? '' : notJson.errors[0]).toMatch(/^not valid JSON/);
  });
});

describe('messagePattern', () => {
  it('matches a substring, or a /regex/ with flags', () => {
    expect(messagePattern('tp_')?.('Property names starting with tp_ are reserved')).toBe(true);
    expect(messagePattern('TP_')?.('Property names starting with tp_ are reserved')).toBe(false);
    expect(messagePattern('/^property NAMES/i')?.('Property names starting with tp_ are reserved')).toBe(true);
    expect(messagePattern('/^reserved/')?.('Property names starting with tp_ are reserved')).toBe(false);
  });
});
