// The batch parser: the same value as JSON.parse, source ranges, repeated keys, and the first syntax error's position.
import { describe, expect, it } from 'vitest';
import {
  containerEnds,
  forEachMember,
  parseBatch,
  stringAt,
  valueEnd,
  type ParsedBatch,
} from '../../../../core/batch/parse';

const parsed = (text: string): ParsedBatch => {
  const result = parseBatch(text);
  if (!result.ok) throw new Error(`unexpected syntax error: ${result.error.message}`);
  return result;
};

const errorOf = (text: string) => {
  const result = parseBatch(text);
  if (result.ok) throw new Error('expected a syntax error');
  return result.error;
};

const slice = (text: string, start: number | undefined, end: number | undefined) => text.slice(start ?? -1, end ?? -1);

describe('parseBatch: values', () => {
  const samples = [
    '{}',
    '[]',
    '{"c": []}',
    '{"c": [{"a": 1, "b": [true, false, null], "c": {"d": "e"}}]}',
    '"text"',
    '0',
    '-0',
    '123456789',
    '-123456789',
    '1234567890123456789012',
    '0.1',
    '-1.5e-7',
    '1E+2',
    '1e400',
    '-1e-400',
    '9007199254740993',
    'true',
    'null',
    '  \n\t\r {"a" : [ 1 , 2 ] }  \n',
    '{"s": "tab\\tnew\\nline \\"q\\" \\\\ \\/ \\b\\f\\r"}',
    '{"u": "\\u00e9\\u4e2d\\ud83d\\ude00 é中😀"}',
    '{"lone": "\\ud800 \\udc00 x\\ud83d"}',
    '{"raw lone": "\ud800"}',
    '{"1": "a", "b": 2, "0": 3}',
    '{"a": 1, "b": 2, "a": 3}',
    '{"__proto__": {"polluted": true}, "x": 1}',
    '{"constructor": 1, "toString": "x", "hasOwnProperty": null}',
    '{"a": {"x": 1}, "a": [1]}',
    '{"": ""}',
    // "Aa" and "BB" share a hash: the key cache must tell them apart.
    '{"c": [{"Aa": 1, "BB": 2}, {"BB": 3, "Aa": 4, "AaAa": 5, "BBBB": 6, "AaBB": 7}]}',
  ];
  for (const text of samples) {
    it(`equals JSON.parse for ${JSON.stringify(text).slice(0, 60)}`, () => {
      const result = parsed(text);
      expect(result.value).toStrictEqual(JSON.parse(text));
      expect(JSON.stringify(result.value)).toBe(JSON.stringify(JSON.parse(text)));
      expect(Object.is(result.value, -0)).toBe(Object.is(JSON.parse(text), -0));
    });
  }

  it('keeps "__proto__" as an own property, not a prototype', () => {
    const value = parsed('{"__proto__": {"polluted": true}}').value as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.keys(value)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('keeps key order as JSON.parse does when a key repeats (first position, last value)', () => {
    const value = parsed('{"a": 1, "b": 2, "a": 3}').value as Record<string, unknown>;
    expect(Object.entries(value)).toEqual([
      ['a', 3],
      ['b', 2],
    ]);
  });

  it('parses 100,000 nested arrays without overflowing the stack', () => {
    const depth = 100_000;
    const text = '{"c": [{"deep": ' + '['.repeat(depth) + ']'.repeat(depth) + '}]}';
    const result = parsed(text);
    let level: unknown = ((result.value as { c: { deep: unknown }[] }).c[0] as { deep: unknown }).deep;
    let count = 0;
    while (Array.isArray(level) && level.length > 0) {
      level = level[0];
      count++;
    }
    expect(count).toBe(depth - 1);
    expect(result.map.collections.get('c')?.eventEnds).toEqual([text.length - 2]);
  });

  it('parses 100,000 nested objects, and an unclosed one reports where it ends', () => {
    const depth = 100_000;
    expect(parsed('{"a":'.repeat(depth) + '1' + '}'.repeat(depth)).ok).toBe(true);
    const broken = '['.repeat(depth) + ']'.repeat(depth - 1);
    expect(errorOf(broken)).toMatchObject({ line: 1, column: 2 * depth, offset: 2 * depth - 1 });
  });

  it('agrees with JSON.parse on thousands of mutated texts (valid or not, and the same value)', () => {
    let seed = 42;
    const random = () => {
      seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
    const base = JSON.stringify(
      { c: [{ id: 'e1', n: -1.5e3, t: [true, null, 'x\\y'], o: { 'k"': '\u00e9' } }], d: [] },
      null,
      1,
    );
    const alphabet = '{}[]:,"\\ \n0123456789.-+eEtrufalsn\'/x\u00e9\ud800';
    for (let round = 0; round < 3000; round++) {
      let text = base;
      const edits = 1 + Math.floor(random() * 3);
      for (let e = 0; e < edits; e++) {
        const at = Math.floor(random() * text.length);
        const what = random();
        const char = alphabet.charAt(Math.floor(random() * alphabet.length));
        if (what < 0.4) text = text.slice(0, at) + text.slice(at + 1);
        else if (what < 0.7) text = text.slice(0, at) + char + text.slice(at);
        else text = text.slice(0, at) + char + text.slice(at + 1);
      }
      let expected: { ok: true; value: unknown } | { ok: false };
      try {
        expected = { ok: true, value: JSON.parse(text) };
      } catch {
        expected = { ok: false };
      }
      const result = parseBatch(text);
      expect(result.ok, text).toBe(expected.ok);
      if (result.ok && expected.ok) expect(result.value, text).toStrictEqual(expected.value);
    }
  });
});

describe('parseBatch: source map', () => {
  const text = [
    '{',
    '  "purchases": [',
    '    {"id": "a"},',
    '    {',
    '      "id": "b"',
    '    }',
    '  ],',
    '  "views": [1, "x"]',
    '}',
  ].join('\n');

  it('gives each collection its key and value range', () => {
    const { map } = parsed(text);
    const purchases = map.collections.get('purchases');
    expect(slice(text, purchases?.keyStart, purchases?.keyEnd)).toBe('"purchases"');
    expect(slice(text, purchases?.valueStart, purchases?.valueEnd)).toBe(
      text.slice(text.indexOf('['), text.indexOf(']') + 1),
    );
    expect([...map.collections.keys()]).toEqual(['purchases', 'views']);
    expect(map.rootStart).toBe(0);
    expect(map.rootEnd).toBe(text.length);
  });

  it('gives each event its value range, scalars included', () => {
    const { map } = parsed(text);
    const purchases = map.collections.get('purchases');
    expect(slice(text, purchases?.eventStarts[0], purchases?.eventEnds[0])).toBe('{"id": "a"}');
    expect(slice(text, purchases?.eventStarts[1], purchases?.eventEnds[1])).toBe('{\n      "id": "b"\n    }');
    const views = map.collections.get('views');
    expect(slice(text, views?.eventStarts[0], views?.eventEnds[0])).toBe('1');
    expect(slice(text, views?.eventStarts[1], views?.eventEnds[1])).toBe('"x"');
  });

  it('has no events for a collection that is not an array, and none for a document that is not an object', () => {
    const { map } = parsed('{"c": {"a": [1, 2]}, "d": 3}');
    expect(map.collections.get('c')?.eventStarts).toEqual([]);
    expect(map.collections.get('d')?.eventStarts).toEqual([]);
    expect(parsed('[[1], [2]]').map.collections.size).toBe(0);
  });

  it('keeps the ranges of the last copy of a repeated collection, in first-appearance order', () => {
    const source = '{"c": [{"x": 1}], "d": [], "c": [{"y": 2}, {"z": 3}]}';
    const { map } = parsed(source);
    const c = map.collections.get('c');
    expect(c?.eventStarts.length).toBe(2);
    expect(slice(source, c?.eventStarts[0], c?.eventEnds[0])).toBe('{"y": 2}');
    expect(slice(source, c?.keyStart, c?.keyEnd)).toBe('"c"');
    expect(c?.keyStart).toBe(source.lastIndexOf('"c"'));
    expect([...map.collections.keys()]).toEqual(['c', 'd']);
  });

  it('lists repeated keys with their path from the root and their range', () => {
    const source = '{"c": [{"a": 1, "b": {"x": 1, "x": 2}, "a": 3}], "c": []}';
    const { map } = parsed(source);
    expect(
      map.duplicateKeys.map((d) => ({
        path: d.path,
        key: source.slice(d.keyStart, d.keyEnd),
        object: source.charAt(d.objectStart),
      })),
    ).toEqual([
      { path: ['c', 0, 'b', 'x'], key: '"x"', object: '{' },
      { path: ['c', 0, 'a'], key: '"a"', object: '{' },
      { path: ['c'], key: '"c"', object: '{' },
    ]);
    expect(map.duplicateKeys[1]?.keyStart).toBe(source.indexOf('"a": 3'));
  });

  it('counts array positions in the paths of repeated keys', () => {
    const { map } = parsed('{"c": [{}, {"list": [0, {"k": 1, "k": 2}]}]}');
    expect(map.duplicateKeys.map((d) => d.path)).toEqual([['c', 1, 'list', 1, 'k']]);
  });

  it('counts positions in UTF-16 units, as editors do (an emoji is two)', () => {
    const source = '{"😀": [{"é": "😀"}, {"b": 1}]}';
    const { map } = parsed(source);
    const events = map.collections.get('😀');
    expect(events?.eventStarts).toEqual([8, 21]);
    expect(slice(source, events?.eventStarts[1], events?.eventEnds[1])).toBe('{"b": 1}');
  });
});

describe('parseBatch: syntax errors', () => {
  const cases: { name: string; text: string; line: number; column: number; message: RegExp }[] = [
    { name: 'empty text', text: '', line: 1, column: 1, message: /empty/ },
    { name: 'only spaces', text: '  \n  ', line: 2, column: 3, message: /empty/ },
    { name: 'unclosed string at the end', text: '{"c": "abc', line: 1, column: 7, message: /never closed/ },
    {
      name: 'line break inside a string',
      text: '{"c": [{"a": "x\n"}]}',
      line: 1,
      column: 16,
      message: /Line break inside a string/,
    },
    { name: 'tab inside a string', text: '{"c": "a\tb"}', line: 1, column: 9, message: /a tab.*escape/ },
    { name: 'control character inside a string', text: '{"c": "a\u0001"}', line: 1, column: 9, message: /U\+0001/ },
    { name: 'invalid escape', text: '{\n  "c": "a\\x"\n}', line: 2, column: 10, message: /Invalid escape `\\x`/ },
    { name: 'short unicode escape', text: '{"c": "\\u12g4"}', line: 1, column: 8, message: /four hexadecimal digits/ },
    { name: 'leading zero', text: '{"c": 01}', line: 1, column: 7, message: /leading zeros/ },
    { name: 'minus alone', text: '{"c": -}', line: 1, column: 7, message: /digit must follow `-`/ },
    { name: 'decimal point without digits', text: '{"c": 1.}', line: 1, column: 7, message: /decimal point/ },
    { name: 'exponent without digits', text: '{"c": 1e+}', line: 1, column: 7, message: /exponent/ },
    { name: 'number starting with a point', text: '{"c": .5}', line: 1, column: 7, message: /cannot start with `\.`/ },
    { name: 'number starting with plus', text: '{"c": +1}', line: 1, column: 7, message: /cannot start with `\+`/ },
    { name: 'True in capitals', text: '{"c": [True]}', line: 1, column: 8, message: /Unknown word `True`/ },
    { name: 'undefined', text: '{"c": undefined}', line: 1, column: 7, message: /Unknown word `undefined`/ },
    { name: 'NaN', text: '{"c": NaN}', line: 1, column: 7, message: /Unknown word `NaN`/ },
    { name: 'truthy prefix', text: '{"c": trueish}', line: 1, column: 7, message: /Unknown word `trueish`/ },
    { name: 'single-quoted value', text: '{"c": \'x\'}', line: 1, column: 7, message: /double quotes/ },
    { name: 'single-quoted key', text: "{'c': 1}", line: 1, column: 2, message: /Property names need double quotes/ },
    { name: 'unquoted key', text: '{\n  c: 1}', line: 2, column: 3, message: /write "c"/ },
    {
      name: 'trailing comma in an array',
      text: '{"c": [1, 2,\n]}',
      line: 2,
      column: 1,
      message: /Trailing comma before `\]`/,
    },
    {
      name: 'trailing comma in an object',
      text: '{"c": [], }',
      line: 1,
      column: 11,
      message: /Trailing comma before `\}`/,
    },
    { name: 'line comment', text: '{\n  // note\n  "c": []}', line: 2, column: 3, message: /Comments are not allowed/ },
    {
      name: 'block comment after a value',
      text: '{"c": [] /* x */}',
      line: 1,
      column: 10,
      message: /Comments are not allowed/,
    },
    {
      name: 'missing comma between properties',
      text: '{"a": 1\n "b": 2}',
      line: 2,
      column: 2,
      message: /Missing comma/,
    },
    {
      name: 'missing comma between items',
      text: '{"c": [{} {}]}',
      line: 1,
      column: 11,
      message: /Missing comma.*array item/,
    },
    { name: 'missing colon', text: '{"c" []}', line: 1, column: 6, message: /Expected `:`/ },
    { name: 'key without value at the end', text: '{"c"', line: 1, column: 5, message: /ends after a property name/ },
    {
      name: 'mismatched bracket',
      text: '{"c": [1}',
      line: 1,
      column: 9,
      message: /Mismatched bracket: `\}` closes an array/,
    },
    { name: 'unclosed object', text: '{"c": []', line: 1, column: 9, message: /ends inside an object/ },
    { name: 'unclosed array', text: '{"c": [{"a": 1}', line: 1, column: 16, message: /ends inside an array/ },
    {
      name: 'value missing after colon',
      text: '{"c":',
      line: 1,
      column: 6,
      message: /ends where a value was expected/,
    },
    {
      name: 'second document',
      text: '{"c": []}\n{"d": []}',
      line: 2,
      column: 1,
      message: /after the end of the JSON document/,
    },
    { name: 'byte-order mark', text: '\ufeff{"c": []}', line: 1, column: 1, message: /byte-order mark/ },
    { name: 'non-breaking space', text: '{"c":\u00a0[]}', line: 1, column: 6, message: /U\+00A0/ },
    {
      name: 'comma first in an array',
      text: '{"c": [,1]}',
      line: 1,
      column: 8,
      message: /Expected a value, found `,`/,
    },
    { name: 'closing bracket first', text: ']', line: 1, column: 1, message: /Expected a value, found `\]`/ },
    {
      name: 'error after an emoji counts UTF-16 units',
      text: '{"😀": x}',
      line: 1,
      column: 8,
      message: /Unknown word `x`/,
    },
  ];

  for (const c of cases) {
    it(`${c.name}: line ${c.line}, column ${c.column}`, () => {
      expect(() => JSON.parse(c.text)).toThrow();
      const error = errorOf(c.text);
      expect({ line: error.line, column: error.column }).toEqual({ line: c.line, column: c.column });
      expect(error.message).toMatch(c.message);
      const lines = c.text.split('\n');
      const offset = lines.slice(0, c.line - 1).reduce((sum, line) => sum + line.length + 1, 0) + c.column - 1;
      expect(error.offset).toBe(offset);
    });
  }

  it('counts CRLF line ends as one line each', () => {
    expect(errorOf('{\r\n  "c": [\r\n    x\r\n  ]\r\n}')).toMatchObject({ line: 3, column: 5 });
  });
});

describe('reading inside parsed text', () => {
  it('finds the end of scalars and containers', () => {
    const source = '[12.5e3 , true,null,"a]",{"b":[]}]';
    expect(valueEnd(source, 0)).toBe(source.length);
    expect(source.slice(1, valueEnd(source, 1))).toBe('12.5e3');
    expect(source.slice(10, valueEnd(source, 10))).toBe('true');
    expect(source.slice(20, valueEnd(source, 20))).toBe('"a]"');
    expect(source.slice(15, valueEnd(source, 15))).toBe('null');
    const escaped = '["a\\"]\\\\", false]';
    expect(escaped.slice(1, valueEnd(escaped, 1))).toBe('"a\\"]\\\\"');
    expect(stringAt(escaped, 1)).toBe('a"]\\');
  });

  it('ends a 100,000-level value without recursion', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    expect(valueEnd(deep, 0)).toBe(deep.length);
    const ends = containerEnds(deep, 0);
    expect([ends(0), ends(1), ends(99_999)]).toEqual([deep.length, deep.length - 1, 100_001]);
  });

  it('visits the members of an object and an array in document order, and stops when asked', () => {
    const source = '{"a": 1, "b\\u0021": {"c": [2]}, "a": "x"}';
    const seen: string[] = [];
    forEachMember(source, 0, (keyStart, keyEnd, start, end) => {
      seen.push(`${stringAt(source, keyStart)}=${source.slice(start, end)} (${source.slice(keyStart, keyEnd)})`);
    });
    expect(seen).toEqual(['a=1 ("a")', 'b!={"c": [2]} ("b\\u0021")', 'a="x" ("a")']);
    const items: string[] = [];
    forEachMember('[ 1 , [2], {} ,"]"]', 0, (keyStart, keyEnd, start, end) => {
      expect([keyStart, keyEnd]).toEqual([-1, -1]);
      items.push('[ 1 , [2], {} ,"]"]'.slice(start, end));
      return items.length === 3;
    });
    expect(items).toEqual(['1', '[2]', '{}']);
    forEachMember('[]', 0, () => expect.unreachable());
    forEachMember('{ }', 0, () => expect.unreachable());
    forEachMember('"x"', 0, () => expect.unreachable());
  });
});
