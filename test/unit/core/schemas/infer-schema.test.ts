// Schema inference: types and unions, required properties, enums for few distinct strings, formats, nesting.
import { describe, expect, it } from 'vitest';
import { compileSchema } from '../../../../core/schemas/compile-schema';
import { inferSchema, SCHEMA_DRAFT_2020_12 } from '../../../../core/schemas/infer-schema';

const plans = ['free', 'pro', 'team'];
const events = Array.from({ length: 30 }, (_, i) => ({
  id: `0d7a${String(i).padStart(4, '0')}-0d7a-4e4b-9c1a-5b6e2f9d8a70`,
  timestamp: `2024-05-${String((i % 28) + 1).padStart(2, '0')}T12:00:00Z`,
  plan: plans[i % 3],
  price: i % 2 === 0 ? 10 : 10.5,
  quantity: i,
  email: `user${i}@example.com`,
  page: `https://example.com/p/${i}`,
  name: `User ${i}`,
  ...(i % 2 === 0 ? { coupon: 'SPRING' } : {}),
  note: i % 5 === 0 ? null : 'ok',
  items: [{ sku: `S${i}`, quantity: 1 }],
  address: { city: 'Oslo', country: 'NO' },
}));

describe('inferSchema', () => {
  const schema = inferSchema(events, { title: 'purchases' });
  const properties = schema['properties'] as Record<string, Record<string, unknown>>;

  it('writes a draft 2020-12 object schema with blank descriptions', () => {
    expect(schema['$schema']).toBe(SCHEMA_DRAFT_2020_12);
    expect(schema['title']).toBe('purchases');
    expect(schema['type']).toBe('object');
    expect(properties['name']).toEqual({ description: '', type: 'string' });
  });

  it('requires exactly the properties present in every event', () => {
    expect(schema['required']).toEqual([
      'id',
      'timestamp',
      'plan',
      'price',
      'quantity',
      'email',
      'page',
      'name',
      'note',
      'items',
      'address',
    ]);
  });

  it('finds numbers, integers and unions', () => {
    expect(properties['price']?.['type']).toBe('number');
    expect(properties['quantity']?.['type']).toBe('integer');
    expect(properties['note']?.['type']).toEqual(['string', 'null']);
  });

  it('makes enums of low-cardinality strings seen often enough, and not of the rest', () => {
    expect(properties['plan']?.['enum']).toEqual(['free', 'pro', 'team']);
    expect(properties['note']?.['enum']).toEqual(['ok', null]);
    expect(properties['name']?.['enum']).toBeUndefined();
    // 15 values are too few to say the coupon is a closed list.
    expect(properties['coupon']?.['enum']).toBeUndefined();
  });

  it('recognises formats', () => {
    expect(properties['id']?.['format']).toBe('uuid');
    expect(properties['timestamp']?.['format']).toBe('date-time');
    expect(properties['email']?.['format']).toBe('email');
    expect(properties['page']?.['format']).toBe('uri');
    expect(properties['name']?.['format']).toBeUndefined();
  });

  it('describes nested objects and array items', () => {
    expect(properties['address']).toMatchObject({
      type: 'object',
      required: ['city', 'country'],
      properties: { city: { type: 'string' } },
    });
    expect(properties['items']).toMatchObject({
      type: 'array',
      items: { type: 'object', required: ['sku', 'quantity'], properties: { quantity: { type: 'integer' } } },
    });
  });

  it('mixes string and number into a union', () => {
    const mixed = inferSchema([{ v: '1' }, { v: 2 }]);
    expect((mixed['properties'] as Record<string, Record<string, unknown>>)['v']?.['type']).toEqual([
      'string',
      'integer',
    ]);
  });

  it('infers a format only when the validator accepts every value', () => {
    const loose = [
      { at: '2024-05-01T12:00:00Z', link: 'mailto:a@b.io' },
      { at: '2024-05-01T12:00Z', link: 'https://example.com' },
    ];
    const inferred = inferSchema(loose);
    const props = inferred['properties'] as Record<string, Record<string, unknown>>;
    expect(props['at']?.['format']).toBeUndefined();
    expect(props['link']?.['format']).toBeUndefined();
    const compiled = compileSchema(inferred);
    expect(compiled.ok && loose.every((event) => compiled.check(event).length === 0)).toBe(true);
  });

  it('gives a schema every event it was inferred from passes', () => {
    const compiled = compileSchema(schema);
    expect(compiled.ok).toBe(true);
    if (compiled.ok) for (const event of events) expect(compiled.check(event)).toEqual([]);
  });
});
