// The quick yes/no check must answer exactly as the validator does, or not be built at all.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dereference, validate, type Schema } from '@cfworker/json-schema';
import { quickCheck } from '../../../../core/schemas/fast-check';
import { problemsOf } from '../../../../core/schemas/problem-message';
import { fromValidator } from '../../../../core/schemas/validator-errors';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '../../../fixtures/schemas');

const keywordMix: Schema = {
  type: 'object',
  required: ['a'],
  minProperties: 1,
  maxProperties: 4,
  additionalProperties: { type: ['string', 'integer', 'null'] },
  properties: {
    a: { type: 'number', minimum: 0, exclusiveMaximum: 10 },
    b: { enum: ['x', 'y', null, 1, { k: [1] }] },
    c: { type: 'string', minLength: 2, maxLength: 3, pattern: '^[a-z]+$' },
    d: { type: 'array', minItems: 1, maxItems: 2, items: { type: 'integer', exclusiveMinimum: 0, maximum: 5 } },
    e: { const: { k: [1] } },
    f: { type: 'string', format: 'date-time' },
    g: { type: 'string', format: 'email' },
    h: { type: 'string', format: 'uuid' },
    i: { type: 'string', format: 'uri' },
    j: { type: 'string', format: 'no-such-format' },
    k: false,
    l: true,
  },
};

const values: unknown[] = [
  null,
  true,
  false,
  0,
  1,
  1.5,
  -1,
  5,
  10,
  '',
  'ab',
  'abc',
  'abcd',
  'AB',
  '💩💩',
  'x',
  'y',
  '2024-05-01T12:00:00Z',
  '2024-02-30T12:00:00Z',
  '2024-05-01T12:00:00.123456789Z',
  '2024-05-01T12:00:00.000Z',
  '2024-02-29T23:59:59.5Z',
  '2023-02-29T00:00:00.000Z',
  'a@b.io',
  'not mail',
  '3f2b8c1e-0d7a-4e4b-9c1a-5b6e2f9d8a70',
  'https://example.com/p',
  'no uri',
  [],
  [1],
  [1, 2],
  [1, 2, 3],
  [0],
  [1.5],
  {},
  { k: [1] },
  { k: [2] },
];

/** Every value in every property, plus objects missing a required property or carrying extra ones. */
function* instances(names: readonly string[]): Generator<unknown> {
  yield* values;
  for (const name of names) for (const value of values) yield { a: 1, [name]: value };
  for (const value of values) yield { extra: value };
  yield { a: 1, b: 'x', c: 'ab', d: [1], e: { k: [1] }, m: 's', n: 2, o: null };
}

/** The quick check and the validator give the same answer and, for a failing value, the same problems. */
const agree = (schema: Schema, draft: '2020-12' | '7', names: readonly string[]) => {
  const quick = quickCheck(JSON.parse(JSON.stringify(schema)), draft);
  expect(quick).toBeDefined();
  const lookup = dereference(schema);
  let count = 0;
  let failing = 0;
  for (const instance of instances(names)) {
    const expected = validate(instance, schema, draft, lookup, true).valid;
    expect(quick?.test(instance), JSON.stringify(instance)).toBe(expected);
    if (!expected) {
      failing++;
      const full = problemsOf(
        instance,
        fromValidator(instance, validate(instance, schema, draft, lookup, false).errors, schema),
      );
      expect(problemsOf(instance, quick?.errors(instance) ?? []), JSON.stringify(instance)).toEqual(full);
    }
    count++;
  }
  expect(failing).toBeGreaterThan(0);
  return count;
};

describe('quickCheck', () => {
  it('agrees with the validator on every keyword it handles, answers and problems', () => {
    expect(agree(keywordMix, '2020-12', Object.keys(keywordMix.properties ?? {}))).toBeGreaterThan(400);
  });

  it('agrees with the validator where one-type schemas are tested in place (properties, items, additional)', () => {
    const oneType: Schema = {
      type: 'object',
      properties: {
        a: { type: 'string' },
        b: { type: 'number' },
        c: { type: 'integer', description: 'a whole number' },
        d: { type: 'boolean' },
        e: { type: 'object' },
        f: { type: 'array', items: { type: 'integer' } },
        g: { type: 'null' },
        h: { type: 'array', items: { type: 'object' } },
      },
      additionalProperties: { type: 'boolean' },
    };
    agree(oneType, '2020-12', Object.keys(oneType.properties ?? {}));
    agree(oneType, '7', Object.keys(oneType.properties ?? {}));
  });

  it('agrees with the validator on the fixture schema', () => {
    const schema = JSON.parse(readFileSync(join(fixtures, 'purchases.schema.json'), 'utf8')) as Schema;
    agree(schema, '2020-12', ['id', 'timestamp', 'customerId', 'purchasePrice', 'plan', 'email', 'items', 'address']);
  });

  it('is not built for keywords it does not handle, nor for draft 4', () => {
    for (const schema of [
      { $ref: '#/$defs/a', $defs: { a: {} } },
      { anyOf: [{}] },
      { properties: { a: { not: {} } } },
      { items: [{}] },
      { 'x-vendor': 1 },
      { patternProperties: {} },
      { multipleOf: 2 },
    ]) {
      expect(quickCheck(schema, '2020-12'), JSON.stringify(schema)).toBeUndefined();
    }
    expect(quickCheck({ type: 'object' }, '4')).toBeUndefined();
  });
});
