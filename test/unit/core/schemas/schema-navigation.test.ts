// The editor's view of a schema: properties at a path, through $ref, items and combinators.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { propertiesAt, subschemaAt } from '../../../../core/schemas/schema-navigation';

const fixtures = join(import.meta.dirname, '../../../fixtures/schemas');
const purchases = JSON.parse(readFileSync(join(fixtures, 'purchases.schema.json'), 'utf8')) as unknown;
const signups = JSON.parse(readFileSync(join(fixtures, 'signups.schema.json'), 'utf8')) as unknown;

describe('propertiesAt', () => {
  it('lists an event’s properties, required first, with descriptions, types and enum values', () => {
    const properties = propertiesAt(purchases, []);
    expect(properties.map((p) => p.name)).toEqual([
      'customerId',
      'purchasePrice',
      'id',
      'timestamp',
      'plan',
      'email',
      'items',
      'address',
    ]);
    expect(properties.find((p) => p.name === 'purchasePrice')).toMatchObject({
      required: true,
      type: 'number',
      description: "Total price paid, in the currency's unit.",
    });
    expect(properties.find((p) => p.name === 'plan')).toMatchObject({
      enumValues: ['free', 'pro'],
      description: 'The plan bought.',
    });
    expect(properties.find((p) => p.name === 'timestamp')?.type).toBe('string (date-time)');
  });

  it('goes into array items and nested objects', () => {
    expect(propertiesAt(purchases, ['items', 3]).map((p) => p.name)).toEqual(['sku', 'quantity']);
    expect(propertiesAt(purchases, ['address']).map((p) => p.name)).toEqual(['city', 'country']);
    expect(propertiesAt(purchases, ['nothing'])).toEqual([]);
  });

  it('follows $ref to definitions', () => {
    expect(subschemaAt(signups, ['plan'])).toMatchObject({ enum: ['free', 'pro', 'team'] });
    expect(propertiesAt(signups, []).find((p) => p.name === 'plan')?.enumValues).toEqual(['free', 'pro', 'team']);
    expect(
      propertiesAt(
        { allOf: [{ properties: { a: { type: 'string' } } }, { anyOf: [{ properties: { b: {} } }] }] },
        [],
      ).map((p) => p.name),
    ).toEqual(['a', 'b']);
  });
});
