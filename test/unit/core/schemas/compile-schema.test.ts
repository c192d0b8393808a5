// Collection schemas in the linter: compiled once, broken ones reported, violations placed on the exact property.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lintBatch } from '../../../../core/rules/lint';
import type { Diagnostic } from '../../../../core/rules/diagnostic';
import { compileSchema, compileSchemaSet } from '../../../../core/schemas/compile-schema';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '../../../fixtures/schemas');
const read = (name: string) => readFileSync(join(fixtures, name), 'utf8');
const schemas = {
  purchases: JSON.parse(read('purchases.schema.json')) as unknown,
  signups: JSON.parse(read('signups.schema.json')) as unknown,
};
const batchText = read('batch.json');

const violations = (text: string, set = schemas): Diagnostic[] =>
  lintBatch(text, { schemas: compileSchemaSet(set).checks }).diagnostics.filter((d) => d.code === 'schema-violation');
const at = (d: Diagnostic | undefined) =>
  d && { line: d.line, column: d.column, endLine: d.endLine, endColumn: d.endColumn };
const byPath = (found: Diagnostic[], collection: string, index: number, path: string) =>
  found.find((d) => d.collection === collection && d.index === index && d.path === path);

describe('schema-violation diagnostics', () => {
  const found = violations(batchText);

  it('reports exactly the violating properties, and nothing for valid events or collections without a schema', () => {
    expect(found.map((d) => `${d.collection}[${d.index}]${d.path}`)).toEqual([
      'purchases[1]/purchasePrice',
      'purchases[1]/plan',
      'purchases[1]/items/1',
      'purchases[1]/items/1/quantity',
      'purchases[1]/address/zipp',
      'purchases[2]',
      'signups[1]/userId',
      'signups[1]/plan',
    ]);
    expect(found.every((d) => d.severity === 'error')).toBe(true);
  });

  it('puts a type problem on the value, with a message a person understands', () => {
    const d = byPath(found, 'purchases', 1, '/purchasePrice');
    expect(at(d)).toEqual({ line: 14, column: 24, endLine: 14, endColumn: 31 });
    expect(d?.message).toContain('`purchasePrice` must be a number, got the string "34.95"');
  });

  it('lists the allowed values of an enum', () => {
    const d = byPath(found, 'purchases', 1, '/plan');
    expect(at(d)).toEqual({ line: 15, column: 15, endLine: 15, endColumn: 21 });
    expect(d?.message).toContain('`plan` must be one of "free", "pro", got "gold"');
  });

  it('places problems inside array items on the item and on its property', () => {
    const missing = byPath(found, 'purchases', 1, '/items/1');
    expect(at(missing)).toEqual({ line: 18, column: 9, endLine: 18, endColumn: 28 });
    expect(missing?.message).toContain('`items[1]` is missing required property `sku`');
    const quantity = byPath(found, 'purchases', 1, '/items/1/quantity');
    expect(at(quantity)).toEqual({ line: 18, column: 23, endLine: 18, endColumn: 26 });
    expect(quantity?.message).toContain('`items[1].quantity` must be a whole number, got the number 1.5');
  });

  it('names a property the schema does not allow in a nested object', () => {
    const d = byPath(found, 'purchases', 1, '/address/zipp');
    expect(at(d)).toEqual({ line: 20, column: 44, endLine: 20, endColumn: 50 });
    expect(d?.message).toContain('property `zipp` in `address` is not allowed');
  });

  it('puts a missing required property of the event on the event', () => {
    const d = byPath(found, 'purchases', 2, '');
    expect(at(d)).toEqual({ line: 22, column: 5, endLine: 25, endColumn: 6 });
    expect(d?.message).toContain('missing required property `customerId`');
  });

  it('reads draft-07 schemas with definitions and $ref, and checks formats', () => {
    expect(byPath(found, 'signups', 1, '/userId')?.message).toContain('`userId` must be a UUID');
    expect(byPath(found, 'signups', 1, '/plan')?.message).toContain(
      '`plan` must be one of "free", "pro", "team", got "gold"',
    );
  });

  it('reports nothing when the events match', () => {
    const text = JSON.stringify(
      {
        purchases: [{ id: 'a', customerId: 'c', purchasePrice: 1, timestamp: '2024-05-01T00:00:00Z', email: 'a@b.io' }],
      },
      null,
      2,
    );
    expect(violations(text)).toEqual([]);
  });

  it('speaks of formats, ranges, unions and alternatives plainly', () => {
    const check = compileSchema({
      type: 'object',
      properties: {
        when: { type: 'string', format: 'date-time' },
        count: { type: 'integer', minimum: 1 },
        name: { type: ['string', 'null'], minLength: 2 },
        either: { anyOf: [{ type: 'string' }, { type: 'number' }] },
        code: { type: 'string', pattern: '^[A-Z]{2}$' },
        fixed: { const: 'x' },
      },
    });
    expect(check.ok).toBe(true);
    if (!check.ok) return;
    const messages = check
      .check({ when: 'yesterday', count: 0, name: 3, either: true, code: 'no', fixed: 'y' })
      .map((p) => p.message);
    expect(messages).toEqual([
      '`when` must be a date-time such as 2024-05-01T12:30:00Z, got the string "yesterday"',
      '`count` must be at least 1, got the number 0',
      '`name` must be a string or null, got the number 3',
      '`either` must be a string or a number, got true',
      '`code` must match the pattern /^[A-Z]{2}$/, got the string "no"',
      '`fixed` must be "x", got "y"',
    ]);
  });
});

describe('compiling schemas', () => {
  it('reports a broken schema with the reason and keeps the others working', () => {
    const set = compileSchemaSet({
      ...schemas,
      clicks: { type: 'objekt' },
      views: { $ref: '#/$defs/missing' },
      pages: { $schema: 'https://example.com/my-draft' },
    });
    expect(set.problems).toEqual([
      { collection: 'clicks', reason: expect.stringContaining('"objekt" is not a JSON type') },
      { collection: 'views', reason: expect.stringContaining('`$ref` "#/$defs/missing" points at nothing') },
      { collection: 'pages', reason: expect.stringContaining('is not a draft this app knows') },
    ]);
    expect(Object.keys(set.checks).sort()).toEqual(['purchases', 'signups']);
  });

  it('compiles the same schema only once', () => {
    const first = compileSchema({ type: 'object', required: ['a'] });
    const again = compileSchema({ type: 'object', required: ['a'] });
    expect(again).toBe(first);
  });

  it('does not change the schema it is given', () => {
    const schema = JSON.parse(read('signups.schema.json')) as unknown;
    const before = JSON.stringify(schema);
    compileSchemaSet({ signups: schema });
    expect(JSON.stringify(schema)).toBe(before);
  });
});
