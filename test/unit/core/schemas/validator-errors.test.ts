// The adapter reads facts from the validator's English texts: pinned to the installed version, so an
// upgrade that rewords them fails here instead of quietly degrading every schema message.
import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { dereference, validate, type Schema } from '@cfworker/json-schema';
import { fromValidator } from '../../../../core/schemas/validator-errors';

const require = createRequire(import.meta.url);

const errorsOf = (schema: Schema, instance: unknown, draft: '2020-12' | '4' = '2020-12') =>
  fromValidator(instance, validate(instance, schema, draft, dereference(schema), false).errors, schema).filter(
    (e) => !['properties', 'items', 'allOf', 'additionalProperties', 'dependentSchemas'].includes(e.keyword),
  );

describe('fromValidator', () => {
  it('was written against @cfworker/json-schema 4.1.6', () => {
    const manifest = JSON.parse(readFileSync(require.resolve('@cfworker/json-schema/package.json'), 'utf8')) as {
      version: string;
    };
    expect(manifest.version).toBe('4.1.6');
  });

  it('turns each keyword into a record with its values', () => {
    const schema: Schema = {
      type: 'object',
      required: ['id', 'we"ird'],
      dependentRequired: { coupon: ['discount'] },
      propertyNames: { maxLength: 8 },
      properties: {
        n: { type: ['number', 'null'], minimum: 1, exclusiveMaximum: 5, multipleOf: 0.5 },
        s: { type: 'string', minLength: 3, pattern: '^a', format: 'email' },
        e: { enum: ['x', 1] },
        c: { const: { k: [1] } },
        list: { type: 'array', maxItems: 1, uniqueItems: true },
        o: { type: 'object', maxProperties: 1 },
        one: { oneOf: [{ type: 'number' }, { minimum: 0 }] },
      },
    };
    const errors = errorsOf(schema, {
      coupon: 1,
      n: 5.2,
      s: 'b',
      e: 'y',
      c: 2,
      list: [1, 1],
      o: { a: 1, b: 2 },
      one: 3,
      longer_name: 0,
    });
    const byKeyword = Object.fromEntries(errors.map((e) => [`${e.keyword}@${e.instancePath.join('/')}`, e.params]));
    expect(byKeyword).toEqual({
      'required@': { missing: 'we"ird' },
      'propertyNames@': { name: 'longer_name' },
      'maxLength@longer_name': { limit: '8' },
      'dependentRequired@': { has: 'coupon', needs: 'discount' },
      'exclusiveMaximum@n': { limit: '5', exclusive: true },
      'multipleOf@n': { divisor: '0.5' },
      'minLength@s': { limit: '3' },
      'pattern@s': { pattern: '^a' },
      'format@s': { format: 'email' },
      'enum@e': { allowed: ['x', 1] },
      'const@c': { expected: { k: [1] } },
      'maxItems@list': { limit: '1' },
      'uniqueItems@list': { first: 0, second: 1 },
      'maxProperties@o': { limit: '1' },
      'oneOf@one': { matches: 2 },
    });
    expect(errors.find((e) => e.keyword === 'required')?.instancePath).toEqual([]);
  });

  it('reads types, draft-4 exclusive bounds and array positions', () => {
    expect(errorsOf({ type: ['string', 'integer'] }, 1.5)).toEqual([
      { keyword: 'type', instancePath: [], keywordLocation: '#/type', params: { types: ['string', 'integer'] } },
    ]);
    expect(errorsOf({ minimum: 2, exclusiveMinimum: true } as Schema, 2, '4')[0]?.params).toEqual({
      limit: '2',
      exclusive: true,
    });
    expect(errorsOf({ items: { type: 'string' } }, ['a', 2])[0]?.instancePath).toEqual([1]);
    expect(errorsOf({ properties: { '0': { type: 'string' } } }, { '0': 1 })[0]?.instancePath).toEqual(['0']);
  });
});
