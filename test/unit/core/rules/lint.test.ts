// Every rule of the linter: code, severity, exact position, message and quick fix; and the combinations.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lintBatch } from '../../../../core/rules/lint';
import type { Diagnostic, RuleCode } from '../../../../core/rules/diagnostic';
import { RULES } from '../../../../core/rules/rule-registry';
import { EVENT_RULES } from '../../../../core/rules/event-rules';

const lines = (...rows: string[]) => rows.join('\n');
const only = (text: string, code: RuleCode): Diagnostic[] => lintBatch(text).diagnostics.filter((d) => d.code === code);
const one = (text: string, code: RuleCode): Diagnostic => {
  const found = only(text, code);
  expect(found, `${code} in ${text}`).toHaveLength(1);
  return found[0] as Diagnostic;
};
const at = (d: Diagnostic) => ({ line: d.line, column: d.column, endLine: d.endLine, endColumn: d.endColumn });
const codes = (text: string) => [...new Set(lintBatch(text).diagnostics.map((d) => d.code))].sort();

describe('the registry', () => {
  it('has severities as spec §8 lists them', () => {
    const severities = Object.fromEntries(Object.entries(RULES).map(([code, rule]) => [code, rule.severity]));
    expect(severities).toEqual({
      'json-syntax': 'error',
      'duplicate-key': 'warning',
      'batch-not-object': 'error',
      'collection-name-invalid': 'error',
      'collection-not-array': 'error',
      'event-not-object': 'error',
      'reserved-prefix-tp': 'error',
      'reserved-id-underscore': 'error',
      'property-name-dot': 'error',
      'property-name-dollar': 'error',
      'property-name-too-long': 'error',
      'timestamp-invalid': 'error',
      'timestamp-not-utc': 'warning',
      'id-invalid': 'error',
      'event-too-large': 'error',
      'id-duplicate-in-batch': 'warning',
      'id-missing': 'info',
      'event-empty': 'warning',
      'batch-over-limit': 'info',
      'array-property': 'info',
      'schema-violation': 'error',
    });
  });
});

describe('the registry and the API rules', () => {
  it('marks exactly the rules of spec §4 as rejecting the event', () => {
    const rejecting = Object.entries(RULES)
      .filter(([, rule]) => rule.scope === 'event' && rule.rejects)
      .map(([code]) => code)
      .sort();
    expect(rejecting).toEqual(['event-not-object', ...EVENT_RULES.map((rule) => rule.code)].sort());
  });
});

describe('lintBatch: whole-document rules', () => {
  it('json-syntax at the first error, and nothing else', () => {
    const text = lines('{', '  "c": [', '    {"a": 1,}', '  ]', '}');
    const result = lintBatch(text);
    expect(result.diagnostics).toHaveLength(1);
    const d = result.diagnostics[0] as Diagnostic;
    expect(d).toMatchObject({
      code: 'json-syntax',
      severity: 'error',
      path: '',
      line: 3,
      column: 13,
      start: text.indexOf('}'),
      end: text.indexOf('}') + 1,
    });
    expect(d.message).toMatch(/Trailing comma before `\}`.*400/);
    expect(d.collection).toBeUndefined();
    expect(result.summary).toEqual({ errors: 1, warnings: 0, infos: 0, collections: 0, events: 0 });
    expect(result.batch).toBeUndefined();
  });

  it('json-syntax for an empty text, and an empty range at the end of an unclosed text', () => {
    expect(one('', 'json-syntax')).toMatchObject({ line: 1, column: 1, start: 0, end: 0 });
    expect(one('{"c": [\n', 'json-syntax')).toMatchObject({
      line: 2,
      column: 1,
      endLine: 2,
      endColumn: 1,
      start: 8,
      end: 8,
    });
  });

  it('batch-not-object over the whole document', () => {
    const text = '\n[{"a": 1}]\n';
    const d = one(text, 'batch-not-object');
    expect(at(d)).toEqual({ line: 2, column: 1, endLine: 2, endColumn: 11 });
    expect(d.message).toMatch(/is an array, not an object of collections/);
    expect(codes('"text"')).toEqual(['batch-not-object']);
    expect(codes('null')).toEqual(['batch-not-object']);
  });

  it('collection-name-invalid on the name, for empty, $ and 256 characters; 255 is fine', () => {
    const text = lines(
      '{',
      '  "": [],',
      '  "$c": [],',
      `  "${'n'.repeat(256)}": [],`,
      `  "${'n'.repeat(255)}": []`,
      '}',
    );
    const found = only(text, 'collection-name-invalid');
    expect(found.map((d) => [d.line, d.column, d.endColumn, d.collection])).toEqual([
      [2, 3, 5, ''],
      [3, 3, 7, '$c'],
      [4, 3, 261, 'n'.repeat(256)],
    ]);
    expect(found[0]?.message).toMatch(/^The collection name is empty: /);
    expect(found[1]?.message).toMatch(/starts with \$/);
    expect(found[2]?.message).toMatch(/256 characters/);
  });

  it('collection-not-array on the value, every collection reported', () => {
    const text = lines('{', '  "a": {"x": 1},', '  "b": [{"id": 1}],', '  "c": "str"', '}');
    expect(only(text, 'collection-not-array').map((d) => [d.collection, d.line, d.column, d.endColumn])).toEqual([
      ['a', 2, 8, 16],
      ['c', 4, 8, 13],
    ]);
  });

  it('batch-over-limit once, at the first event past 5,000, counting every collection', () => {
    const events = (n: number) => Array.from({ length: n }, (_, i) => ({ id: i }));
    const text = JSON.stringify({ a: events(3000), b: events(2001) });
    const d = one(text, 'batch-over-limit');
    expect(d).toMatchObject({ severity: 'info', collection: 'b', index: 2000 });
    expect(d.message).toMatch(/5,001 events.*2 requests/);
    expect(only(JSON.stringify({ a: events(3000), b: events(2000) }), 'batch-over-limit')).toEqual([]);
    expect(lintBatch(text).summary).toMatchObject({ events: 5001, collections: 2, errors: 0 });
  });
});

describe('lintBatch: event rules at their positions', () => {
  it('event-not-object over each non-object event', () => {
    const text = lines('{"c": [', '  1,', '  "x",', '  null,', '  [],', '  {"id": 1}', ']}');
    expect(only(text, 'event-not-object').map((d) => [d.index, d.line, d.column, d.endColumn])).toEqual([
      [0, 2, 3, 4],
      [1, 3, 3, 6],
      [2, 4, 3, 7],
      [3, 5, 3, 5],
    ]);
  });

  it('reserved-prefix-tp on the name, any case, root only, with a rename fix', () => {
    const text = lines('{"c": [', '  {"id": 1, "TP_source": 1, "meta": {"tp_x": 1}}', ']}');
    const d = one(text, 'reserved-prefix-tp');
    expect(d).toMatchObject({ collection: 'c', index: 0, path: '/TP_source', line: 2, column: 13, endColumn: 24 });
    expect(d.message).toBe(
      'Property `TP_source` of `c[0]` is reserved: names starting with tp_ (any case) cannot be set, so the API rejects this event. Rename it.',
    );
    expect(d.fix).toEqual({ title: 'Rename to `source`', start: d.start, end: d.end, replacement: '"source"' });
  });

  it('offers no rename that would collide with an existing name', () => {
    const d = one('{"c": [{"id": 1, "tp_a": 1, "a": 2}]}', 'reserved-prefix-tp');
    expect(d.fix).toBeUndefined();
  });

  it('reserved-id-underscore on the name, root only', () => {
    const text = '{"c": [{"_id": "x", "n": {"_id": 1}}]}';
    const d = one(text, 'reserved-id-underscore');
    expect(d).toMatchObject({ path: '/_id', line: 1, column: 9, endColumn: 14 });
    expect(d.fix?.replacement).toBe('"id"');
  });

  it('property-name-dot at every depth, inside arrays too, each one reported', () => {
    const text = lines(
      '{"c": [{',
      '  "id": 1,',
      '  "a.b": 1,',
      '  "items": [{"first.name": "x"}],',
      '  "o": {"p.q": {"r.s": 1}}',
      '}]}',
    );
    const found = only(text, 'property-name-dot');
    expect(found.map((d) => [d.path, d.line, d.column, d.fix?.replacement])).toEqual([
      ['/a.b', 3, 3, '"a_b"'],
      ['/items/0/first.name', 4, 14, '"first_name"'],
      ['/o/p.q', 5, 9, '"p_q"'],
      ['/o/p.q/r.s', 5, 17, '"r_s"'],
    ]);
    expect(found[1]?.message).toBe(
      'Property `first.name` at /items/0 of `c[0]` contains a period (.), which property names cannot have at any depth: the API rejects this event. Rename it, e.g. `first_name`.',
    );
  });

  it('property-name-dollar at every depth', () => {
    const text = '{"c": [{"$user": 1, "u": {"$x": 1}, "ok$": 2}]}';
    expect(only(text, 'property-name-dollar').map((d) => [d.path, d.column, d.fix?.replacement])).toEqual([
      ['/$user', 9, '"user"'],
      ['/u/$x', 27, '"x"'],
    ]);
  });

  it('property-name-too-long over 255 UTF-16 units, at any depth', () => {
    const long = 'é'.repeat(256);
    const text = `{"c": [{"id": 1, "${'a'.repeat(255)}": 1, "n": {"${long}": 1}}]}`;
    const d = one(text, 'property-name-too-long');
    expect(d.path).toBe(`/n/${long}`);
    expect(d.column).toBe(text.indexOf(`"${long}"`) + 1);
    expect(d.message).toMatch(/256 characters long, over the 255/);
  });

  it('timestamp-invalid on the value, root only, for strings, numbers and impossible dates', () => {
    const text = lines(
      '{"c": [',
      '  {"id": 1, "timestamp": "not a date"},',
      '  {"id": 2, "timestamp": 1438387200},',
      '  {"id": 3, "timestamp": "2015-02-05"},',
      '  {"id": 4, "timestamp": "2015-02-29T00:00:00Z"},',
      '  {"id": 5, "timestamp": null},',
      '  {"id": 6, "o": {"timestamp": "yesterday"}}',
      ']}',
    );
    const found = only(text, 'timestamp-invalid');
    expect(found.map((d) => [d.index, d.line, d.column, d.path])).toEqual([
      [0, 2, 26, '/timestamp'],
      [1, 3, 26, '/timestamp'],
      [2, 4, 26, '/timestamp'],
      [3, 5, 26, '/timestamp'],
      [4, 6, 26, '/timestamp'],
    ]);
    expect(found[1]?.message).toMatch(/Numbers .* are not accepted/);
    expect(found[2]?.message).toMatch(/2015-02-05T00:00:00Z/);
  });

  it('timestamp-not-utc for offsets and missing zones, with the UTC form as a fix; Z is fine', () => {
    const text = lines(
      '{"c": [',
      '  {"id": 1, "timestamp": "2015-07-01T05:07:57+01:00"},',
      '  {"id": 2, "timestamp": "2015-09-30T06:02:04.602000"},',
      '  {"id": 3, "timestamp": "2015-08-24T10:13:41+0000"},',
      '  {"id": 4, "timestamp": "2015-08-24T10:13:41.5Z"}',
      ']}',
    );
    const found = only(text, 'timestamp-not-utc');
    expect(found.map((d) => [d.index, d.line, d.column, d.endColumn, d.fix?.replacement])).toEqual([
      [0, 2, 26, 53, '"2015-07-01T04:07:57.000Z"'],
      [1, 3, 26, 54, '"2015-09-30T06:02:04.602Z"'],
      [2, 4, 26, 52, '"2015-08-24T10:13:41.000Z"'],
    ]);
    expect(found.every((d) => d.severity === 'warning')).toBe(true);
    expect(found[1]?.message).toMatch(/has no time zone/);
    expect(found[0]?.message).toMatch(/will store it as 2015-07-01T04:07:57.000Z/);
  });

  it('id-invalid on the value for empty strings, null, booleans, objects and arrays', () => {
    const text =
      '{"c": [{"id": ""}, {"id": null}, {"id": true}, {"id": {"x": 1}}, {"id": [1]}, {"id": 7}, {"id": -1.5}]}';
    const found = only(text, 'id-invalid');
    expect(found.map((d) => d.index)).toEqual([0, 1, 2, 3, 4]);
    expect(found[0]).toMatchObject({ path: '/id', column: 15, endColumn: 17 });
    expect(found[3]?.message).toMatch(/is an object/);
  });

  it('event-too-large by compact UTF-8 size, not by the text as written', () => {
    const big = (n: number) => JSON.stringify({ c: [{ p: 'x'.repeat(n) }] }, null, 8);
    expect(only(big(65_528), 'event-too-large')).toEqual([]);
    const d = one(big(65_529), 'event-too-large');
    expect(d.message).toMatch(/65,537 bytes/);
    // Two-byte characters count twice; indentation not at all.
    expect(only(JSON.stringify({ c: [{ p: 'é'.repeat(32_764) }] }, null, 40), 'event-too-large')).toEqual([]);
    expect(one(JSON.stringify({ c: [{ p: 'é'.repeat(32_765) }] }), 'event-too-large').index).toBe(0);
    // Escapes shrink: \u0078 is one byte once parsed.
    expect(only(`{"c": [{"p": "${'\\u0078'.repeat(60_000)}"}]}`, 'event-too-large')).toEqual([]);
    // A number written short may grow: 1e20 is 21 digits in compact JSON.
    const grows = `{"c": [{"n": [${Array.from({ length: 3200 }, () => '1e20').join(',')}]}]}`;
    expect(one(grows, 'event-too-large').index).toBe(0);
  });

  it('event-empty over {}, and id-missing at the opening brace', () => {
    const text = lines('{"c": [', '  {},', '  { }', ']}');
    expect(only(text, 'event-empty').map((d) => [d.line, d.column, d.endColumn])).toEqual([
      [2, 3, 5],
      [3, 3, 6],
    ]);
    expect(only(text, 'id-missing').map((d) => [d.severity, d.line, d.column, d.endColumn])).toEqual([
      ['info', 2, 3, 4],
      ['info', 3, 3, 4],
    ]);
  });

  it('array-property for each outermost array value', () => {
    const text = '{"c": [{"id": 1, "tags": ["a", ["b"]], "o": {"list": [{"deep": []}]}, "ok": {}}]}';
    expect(only(text, 'array-property').map((d) => [d.path, d.column, d.severity])).toEqual([
      ['/tags', 26, 'info'],
      ['/o/list', 54, 'info'],
    ]);
  });

  it('duplicate-key at the later key, naming where the first one is', () => {
    const text = lines('{"c": [', '  {"id": 1, "a": 1,', '   "a": 2}', '], "d": [], "d": []}');
    const found = only(text, 'duplicate-key');
    expect(found.map((d) => [d.collection, d.index, d.path, d.line, d.column])).toEqual([
      ['c', 0, '/a', 3, 4],
      ['d', undefined, '', 4, 13],
    ]);
    expect(found[0]?.message).toMatch(/first at line 2, column 13/);
    expect(found[1]?.message).toMatch(/^Collection `d` appears twice in the batch \(first at line 4, column 4\)/);
  });
});

describe('lintBatch: ids across a collection', () => {
  it('id-duplicate-in-batch on each later copy, within one collection', () => {
    const text = lines('{"c": [', '  {"id": "e1"},', '  {"id": "e1"},', '  {"id": "e1"}', '], "d": [{"id": "e1"}]}');
    const found = only(text, 'id-duplicate-in-batch');
    expect(found.map((d) => [d.index, d.line, d.column, d.path])).toEqual([
      [1, 3, 10, '/id'],
      [2, 4, 10, '/id'],
    ]);
    expect(found[0]?.message).toMatch(/already used by `c\[0\]`/);
  });

  it('compares by JSON type and value: 1 and "1" differ, 1 and 1.0 do not', () => {
    expect(only('{"c": [{"id": 1}, {"id": "1"}]}', 'id-duplicate-in-batch')).toEqual([]);
    expect(only('{"c": [{"id": 1}, {"id": 1.0}]}', 'id-duplicate-in-batch').map((d) => d.index)).toEqual([1]);
  });

  it('ignores events the API rejects, before and after', () => {
    expect(only('{"c": [{"id": "e9", "tp_bad": 1}, {"id": "e9"}]}', 'id-duplicate-in-batch')).toEqual([]);
    expect(only('{"c": [{"id": "e9"}, {"id": "e9", "a.b": 1}]}', 'id-duplicate-in-batch')).toEqual([]);
    // A warning does not reject: a non-UTC timestamp still stores the event.
    expect(
      only('{"c": [{"id": "e9"}, {"id": "e9", "timestamp": "2015-07-01T05:07:57+01:00"}]}', 'id-duplicate-in-batch'),
    ).toHaveLength(1);
  });
});

describe('lintBatch: combinations', () => {
  it('reports every violation of one event, not only the first', () => {
    const text = '{"c": [{"tp_a": 1, "_id": 2, "$b.c": 3, "timestamp": "x", "id": true}]}';
    expect(codes(text)).toEqual([
      'id-invalid',
      'property-name-dollar',
      'property-name-dot',
      'reserved-id-underscore',
      'reserved-prefix-tp',
      'timestamp-invalid',
    ]);
  });

  it('keeps linting the other collections when one is broken, and sorts by position', () => {
    const text = lines('{', '  "$bad": {},', '  "good": [{"id": 1, "a.b": 1}]', '}');
    const result = lintBatch(text);
    expect(result.diagnostics.map((d) => d.code)).toEqual([
      'collection-name-invalid',
      'collection-not-array',
      'property-name-dot',
    ]);
    expect(result.batch).toBeUndefined();
    expect(result.summary).toEqual({ errors: 3, warnings: 0, infos: 0, collections: 2, events: 1 });
  });

  it('lints only the last copy of a repeated collection', () => {
    const text = '{"c": [{"tp_x": 1}], "c": [{"id": 1}]}';
    expect(codes(text)).toEqual(['duplicate-key']);
  });

  it('says a repeated key sits in an ignored copy of a repeated collection', () => {
    const text = '{"c": [{"id": 1, "a": 1, "a": 2}], "c": [{"id": 1}]}';
    const found = only(text, 'duplicate-key');
    expect(found.map((d) => [d.collection, d.index, d.path, d.column])).toEqual([
      ['c', undefined, '', 26],
      ['c', undefined, '', 36],
    ]);
    expect(found[0]?.message).toMatch(/an earlier copy of collection `c` \(itself ignored/);
  });

  it('sees the last value of a repeated key, as the API does', () => {
    expect(codes('{"c": [{"id": 1, "timestamp": "bad", "timestamp": "2015-02-05T14:55:56Z"}]}')).toEqual([
      'duplicate-key',
    ]);
    const text = '{"c": [{"id": 1, "timestamp": "2015-02-05T14:55:56Z", "timestamp": "bad"}]}';
    expect(one(text, 'timestamp-invalid').column).toBe(text.indexOf('"bad"') + 1);
  });

  it('handles unicode names and values: positions in UTF-16 units', () => {
    const text = '{"événements 😀": [{"id": "😀", "naïve.key": "ü"}]}';
    const d = one(text, 'property-name-dot');
    expect(d.collection).toBe('événements 😀');
    expect(d.column).toBe(text.indexOf('"naïve.key"') + 1);
    expect(d.fix?.replacement).toBe('"naïve_key"');
  });

  it('places thousands of problems in one event, each at its own name', () => {
    const names = Array.from({ length: 5000 }, (_, i) => `"k.${i}": {"n.${i}": [${i}]}`);
    const text = `{"c": [{"id": 1, ${names.join(', ')}, "k.0": 0}]}`;
    const found = only(text, 'property-name-dot');
    expect(found).toHaveLength(9999);
    const keyOffsets = found.map((d) => [d.path, text.slice(d.start, d.end)]);
    // "k.0" repeats: the last copy is the one the API sees.
    expect(keyOffsets[0]).toEqual(['/k.1', '"k.1"']);
    expect(found.find((d) => d.path === '/k.0')?.start).toBe(text.lastIndexOf('"k.0"'));
    expect(keyOffsets).toContainEqual(['/k.4999/n.4999', '"n.4999"']);
    expect(found.find((d) => d.path === '/k.1234/n.1234')?.start).toBe(text.indexOf('"n.1234"'));
    const arrays = only(text, 'array-property');
    expect(arrays.find((d) => d.path === '/k.77/n.77')?.start).toBe(text.indexOf('[77]'));
  });

  it('escapes / and ~ in JSON pointers', () => {
    expect(one('{"c": [{"id": 1, "a/b": {"~.x": 1}}]}', 'property-name-dot').path).toBe('/a~1b/~0.x');
  });

  it('survives an event nested 100,000 levels deep', () => {
    const depth = 100_000;
    const text = `{"c": [{"id": 1, "deep": ${'['.repeat(depth)}${']'.repeat(depth)}}]}`;
    const result = lintBatch(text);
    expect(result.diagnostics.map((d) => d.code)).toEqual(['event-too-large', 'array-property']);
  });

  // Issue 8 §3: every pass linear in depth. Completion is the assertion; timings live in the lint bench.
  it('finishes an event of 1,000,000 nested objects with its findings in place', () => {
    const depth = 1_000_000;
    const text = `{"c": [{"id": 1, "v": ${'{"a": '.repeat(depth)}{"b.c": [1]}${'}'.repeat(depth)}}]}`;
    const result = lintBatch(text);
    expect(result.diagnostics.map((d) => d.code)).toEqual(['event-too-large', 'property-name-dot', 'array-property']);
    const dot = result.diagnostics[1];
    expect(dot?.start).toBe(text.indexOf('"b.c"'));
    expect(dot?.path.length).toBe('/v'.length + '/a'.length * depth + '/b.c'.length);
  }, 120_000);

  it('places findings deep in a mix of objects and arrays as it does near the top', () => {
    const nest = (depth: number) => `${'{"a": ['.repeat(depth)}{"x.y": 1, "k": 2, "d": 1, "d": 2}${']}'.repeat(depth)}`;
    for (const depth of [3, 40_000]) {
      const text = `{"c": [{"id": 1, "v": ${nest(depth)}}]}`;
      const found = lintBatch(text).diagnostics.filter(
        (d) => d.code === 'property-name-dot' || d.code === 'duplicate-key',
      );
      expect(found.map((d) => [d.code, d.start - text.indexOf('{"x.y"')])).toEqual([
        ['property-name-dot', 1],
        ['duplicate-key', 27],
      ]);
    }
  }, 120_000);

  it('returns the batch when it is an object of arrays', () => {
    const result = lintBatch('{"c": [{"id": 1}], "d": []}');
    expect(result.batch).toEqual({ c: [{ id: 1 }], d: [] });
    expect(result.diagnostics).toEqual([]);
  });

  it('runs a collection schema check when one is given', () => {
    const result = lintBatch('{"c": [{"id": 1, "n": "x"}], "d": [{"id": 2}]}', {
      schemas: {
        c: (event) => ((event as { n?: unknown }).n === 'x' ? [{ path: ['n'], message: 'must be a number' }] : []),
      },
    });
    expect(result.diagnostics.map((d) => [d.code, d.severity, d.collection, d.path, d.column])).toEqual([
      ['schema-violation', 'error', 'c', '/n', 23],
    ]);
    expect(result.diagnostics[0]?.message).toMatch(/must be a number/);
  });
});

describe('the lint fixtures', () => {
  const fixture = (name: string) =>
    readFileSync(join(dirname(fileURLToPath(import.meta.url)), '../../../fixtures/lint', name), 'utf8');

  it('every-rule.json shows every rule that a text which parses can break, except schemas and the batch limit', () => {
    const result = lintBatch(fixture('every-rule.json'));
    const all = new Set(Object.keys(RULES));
    for (const code of ['json-syntax', 'batch-not-object', 'batch-over-limit', 'schema-violation']) all.delete(code);
    expect([...new Set(result.diagnostics.map((d) => d.code))].sort()).toEqual([...all].sort());
  });

  it('clean.json has no problems and broken-syntax.json one', () => {
    expect(lintBatch(fixture('clean.json')).diagnostics).toEqual([]);
    expect(lintBatch(fixture('broken-syntax.json')).diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([
      ['json-syntax', 3, 34],
    ]);
  });
});
