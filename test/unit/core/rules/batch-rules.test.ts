// The fast "no error at all" verdict must agree with the full linter on every text: corpus cases,
// fixtures and hand-made edge cases.
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cleanBatchOf, collectionNameProblem } from '../../../../core/rules/batch-rules';
import { eventIsClean, firstViolation } from '../../../../core/rules/event-rules';
import { lintBatch } from '../../../../core/rules/lint';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const corpus = JSON.parse(readFileSync(join(root, '..', 'shared', 'spec', 'conformance.json'), 'utf8')) as {
  cases: { name: string; steps: { request: { body?: unknown; bodyText?: string } }[] }[];
};

const expand = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(expand);
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort().join(',');
  if (keys === '$repeat,of') return Array.from({ length: record['$repeat'] as number }, () => expand(record['of']));
  if (keys === '$text') return 'x'.repeat(record['$text'] as number);
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, expand(v)]));
};

const texts: [string, string][] = [
  ...corpus.cases.flatMap((c) =>
    c.steps.map((s, i): [string, string] => [
      `${c.name} #${i}`,
      s.request.bodyText ?? JSON.stringify(expand(s.request.body ?? null), null, 2),
    ]),
  ),
  ...readdirSync(join(root, 'test/fixtures/lint')).map((f): [string, string] => [
    f,
    readFileSync(join(root, 'test/fixtures/lint', f), 'utf8'),
  ]),
  ['repeated collection, bad copy first', '{"c": [{"tp_x": 1}], "c": [{"id": 1}]}'],
  ['repeated collection, bad copy last', '{"c": [{"id": 1}], "c": [{"tp_x": 1}]}'],
  ['repeated key inside an event', '{"c": [{"id": {}, "id": 2}]}'],
  ['__proto__ collection', '{"__proto__": [{"a": 1}]}'],
  ['constructor collection', '{"constructor": [{"a": 1}]}'],
  ['deep nesting', '{"c": [' + '['.repeat(20000) + ']'.repeat(20000) + ']}'],
  ['only warnings', '{"c": [{}, {"timestamp": "2020-01-01T00:00:00+01:00"}]}'],
];

describe('cleanBatchOf', () => {
  it.each(texts)('agrees with lintBatch on %s', (_name, text) => {
    const lint = lintBatch(text);
    const hasErrors = lint.diagnostics.some((d) => d.severity === 'error');
    const clean = cleanBatchOf(text);
    expect(clean === undefined).toBe(hasErrors);
    if (clean) expect(clean).toEqual(lint.batch);
  });

  it('honours schema checks', () => {
    const schemas = {
      c: (event: unknown) => ((event as { n?: unknown }).n === 1 ? [] : [{ path: ['n'], message: 'n must be 1' }]),
    };
    expect(cleanBatchOf('{"c": [{"n": 1}]}', { schemas })).toBeDefined();
    expect(cleanBatchOf('{"c": [{"n": 2}]}', { schemas })).toBeUndefined();
    expect(cleanBatchOf('{"d": [{"n": 2}]}', { schemas })).toBeDefined();
  });
});

describe('collectionNameProblem', () => {
  it.each([
    ['', 'is empty'],
    ['$x', 'starts with $'],
    ['x'.repeat(256), 'is 256 characters long (at most 255)'],
  ])('refuses %j', (name, problem) => expect(collectionNameProblem(name)).toBe(problem));
  it('accepts 255 characters and odd names', () => {
    for (const name of ['x'.repeat(255), 'a.b', 'tp_x', ' ', '__proto__'])
      expect(collectionNameProblem(name)).toBeUndefined();
  });
});

describe('eventIsClean', () => {
  const events: unknown[] = [
    {},
    [],
    null,
    'x',
    1,
    { id: 1 },
    { id: '' },
    { id: null },
    { id: 1.5 },
    { tp_x: 1 },
    { TP_x: 1 },
    { a: { tp_x: 1 } },
    { _id: 1 },
    { a: { _id: 1 } },
    { 'a.b': 1 },
    { a: [{ 'b.c': 1 }] },
    { $a: 1 },
    { a: { $b: 1 } },
    { ['x'.repeat(256)]: 1 },
    { a: { ['x'.repeat(256)]: 1 } },
    { timestamp: '2020-01-01' },
    { timestamp: '2020-02-30T00:00:00Z' },
    { a: { timestamp: 1 } },
    { s: 'x'.repeat(65_520) },
    { s: 'x'.repeat(65_530) },
    { s: 'é'.repeat(32_760) },
    { s: 'é'.repeat(32_770) },
    { s: '\u0001'.repeat(11_000) },
    { n: Array.from({ length: 20_000 }, (_, i) => i) },
    { n: Array.from({ length: 3_000 }, () => 1e21) },
  ];
  it.each(events.map((e, i) => [i, e]))('agrees with firstViolation on event %i', (_i, event) => {
    expect(eventIsClean(event)).toBe(firstViolation(event) === undefined);
  });
});
