// The byte check of one event agrees with parsing it and checking the value (eventIsClean, eventId): it
// never calls clean what the parser would refuse, and it only leaves to the parser what it says it does.
import { describe, expect, it } from 'vitest';
import { EventByteChecker } from '../../../../core/send/event-byte-check';
import { eventIsClean } from '../../../../core/rules/event-rules';
import { eventId } from '../../../../core/send/event-id';

type Verdict = 'clean' | 'clean-with-id' | 'unclean' | 'undecided';

function byteVerdict(text: string): Verdict {
  const bytes = Buffer.from(text);
  const checker = new EventByteChecker(bytes, (start, end) => bytes.toString('utf8', start, end));
  // A batch scan starts an event on its first byte; JSON.parse also allows spaces around it.
  const start = /^[ \t\n\r]*/.exec(text)?.[0].length ?? 0;
  const end = checker.check(start);
  if (end < 0) return 'unclean';
  // The event is the whole text here: a value that stops early is followed by bytes it is not.
  if (bytes.subarray(end).some((b) => b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09)) return 'unclean';
  return checker.verdict;
}

function parsedVerdict(text: string): Verdict {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return 'unclean';
  }
  if (!eventIsClean(value)) return 'unclean';
  return eventId(value) !== undefined ? 'clean-with-id' : 'clean';
}

const agrees = (text: string) => {
  const bytes = byteVerdict(text);
  if (bytes !== 'undecided') expect(bytes, text).toBe(parsedVerdict(text));
};

describe('EventByteChecker', () => {
  it('reads clean events, with and without an id, as the parser does', () => {
    for (const text of [
      '{}',
      '{ "a" : 1 , "b" : [ ] , "c" : { } }',
      '{"id":"x","timestamp":"2026-11-27T12:00:00.000Z","n":-0.5e+3,"t":true,"f":false,"z":null}',
      '{"id":7}',
      '{"id":-1.25E-2}',
      '{"nested":{"deep":[1,{"x":"}]"},[[]]]},"s":"é ✓ 𝄞 \\"quoted\\" \\\\ \\/ \\b\\f\\n\\r\\t \\u00e9"}',
      '{"tp":1,"t_p":2,"xtp_":3,"_idx":4,"nested":{"_id":1,"tp_x":2}}',
      '{\n\t"a": [1, 2, 3],\r\n  "b": "c"\n}',
    ])
      expect(byteVerdict(text), text).toBe(parsedVerdict(text));
    expect(byteVerdict('{"id":"x"}')).toBe('clean-with-id');
    expect(byteVerdict('{"a":"x"}')).toBe('clean');
  });

  it('refuses what JSON.parse refuses', () => {
    for (const text of [
      '{"a":01}',
      '{"a":1.}',
      '{"a":.5}',
      '{"a":-}',
      '{"a":+1}',
      '{"a":1e}',
      '{"a":1e+}',
      '{"a":0x1}',
      '{"a":NaN}',
      '{"a":tru}',
      '{"a":nul}',
      '{"a":[1,]}',
      '{"a":1,}',
      "{'a':1}",
      '{"a":"\\x"}',
      '{"a":"\\u12"}',
      '{"a":"\\u12g4"}',
      '{"a":"tab\there"}',
      '{"a" 1}',
      '{"a":1 "b":2}',
      '{a:1}',
      '{"a":[1 2]}',
      '{"a":{"b":1]}',
      '{"a":[1}',
      '{"a":1/*c*/}',
      '{"a":\u00a01}',
    ]) {
      expect(parsedVerdict(text), text).toBe('unclean');
      expect(byteVerdict(text), text).toBe('unclean');
    }
  });

  it('refuses events that break a rule, at any depth where the rule applies', () => {
    const long = 'n'.repeat(256);
    for (const text of [
      '[1]',
      '"event"',
      '{"tp_a":1}',
      '{"TP_a":1}',
      '{"Tp_":1}',
      '{"_id":1}',
      '{"a.b":1}',
      '{"x":{"a.b":1}}',
      '{"x":[{"$a":1}]}',
      '{"$a":1}',
      `{"${long}":1}`,
      `{"x":{"${'𝄞'.repeat(128)}":1}}`,
      '{"timestamp":"yesterday"}',
      '{"timestamp":1700000000}',
      '{"timestamp":null}',
      '{"id":""}',
      '{"id":null}',
      '{"id":true}',
      '{"id":{"a":1}}',
      '{"id":1e400}',
      '{"id":"a","id":""}',
      '{"\\u0074p_a":1}',
      '{"\\u005fid":1}',
      '{"a\\u002eb":1}',
      '{"\\u0024a":1}',
      `{"x":{"\\u006e${long.slice(1)}":1}}`,
    ]) {
      expect(parsedVerdict(text), text).toBe('unclean');
      expect(byteVerdict(text), text).toBe('unclean');
    }
    // At the top level only: nested `_id` and `tp_` are fine, as are names of 255 characters.
    for (const text of [
      '{"x":{"_id":1,"tp_a":2}}',
      `{"${'n'.repeat(255)}":1}`,
      `{"${'é'.repeat(255)}":1}`,
      `{"${'𝄞'.repeat(127)}":1}`,
    ])
      expect(byteVerdict(text), text).toBe('clean');
  });

  it('leaves to the parser an escaped timestamp or id name and an event that may be too large', () => {
    expect(byteVerdict('{"\\u0069d":""}')).toBe('undecided');
    expect(byteVerdict('{"time\\u0073tamp":"2026-11-27T12:00:00Z"}')).toBe('undecided');
    const big = `{"s":"${'x'.repeat(65_600)}"}`;
    expect(byteVerdict(big)).toBe('undecided');
    expect(parsedVerdict(big)).toBe('unclean');
    // Many numbers that could grow when written compactly: near the limit, the parser decides.
    const numbers = `{"n":[${Array.from({ length: 4000 }, () => '1e20').join(',')}]}`;
    expect(byteVerdict(numbers)).toBe('undecided');
    expect(parsedVerdict(numbers)).toBe('unclean');
    expect(byteVerdict(`{"s":"${'x'.repeat(60_000)}"}`)).toBe('clean');
  });

  it('reads a timestamp again when it differs from the last one, and escaped timestamps', () => {
    const bytes = Buffer.from(
      '{"timestamp":"2026-11-27T12:00:00Z"}{"timestamp":"2026-11-27T12:00:00Z"}{"timestamp":"2026-13-27T12:00:00Z"}{"timestamp":"2026-11-27T12:00:0\\u0030Z"}',
    );
    const checker = new EventByteChecker(bytes, (start, end) => bytes.toString('utf8', start, end));
    const ends: number[] = [];
    for (let at = 0, k = 0; k < 4; k++) {
      const end = checker.check(at);
      ends.push(end);
      at = end < 0 ? bytes.indexOf('{"timestamp"', at + 1) : end;
    }
    expect(ends.map((e) => e >= 0)).toEqual([true, true, false, true]);
  });

  it('deep nesting is read without recursion', () => {
    const deep = `{"a":${'['.repeat(10_000)}${']'.repeat(10_000)}}`;
    expect(byteVerdict(deep)).toBe(parsedVerdict(deep));
  });

  it('agrees with the parser on random events and random damage to them', () => {
    let seed = 12345;
    const random = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x80000000;
    };
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
    // Good names more often than bad ones, so that many events are clean.
    const good = ['a', 'b', 'id', 'id', 'timestamp', 'é', 'n\\"q', '__proto__', '', 'i\\u0064'];
    const names = [...good, ...good, 'tp_x', '_id', 'a.b', '$x', 'x\\u002e'];
    const leaves = ['1', '-0', '2.5e3', '1e400', '"s"', '""', 'true', 'null', '"2026-11-27T12:00:00Z"', '"\\u00e9"'];
    const value = (depth: number): string => {
      const r = random();
      if (depth > 3 || r < 0.5) return pick(leaves);
      if (r < 0.75) return `[${Array.from({ length: Math.floor(random() * 3) }, () => value(depth + 1)).join(',')}]`;
      return object(depth + 1);
    };
    const object = (depth: number): string => {
      const used = new Set<string>();
      const members: string[] = [];
      for (let k = Math.floor(random() * 4); k > 0; k--) {
        const name = pick(names);
        // A name given twice: the parser keeps the last value, which this check does not model.
        const decoded = JSON.parse(`"${name}"`) as string;
        if (used.has(decoded)) continue;
        used.add(decoded);
        members.push(`"${name}":${value(depth)}`);
      }
      return `{${members.join(',')}}`;
    };
    const damage = ['', ',', '}', ']', '"', '\\', ':', '0', '.', 'e', '-', ' ', '\n', '\u0001'];
    const seen: Record<Verdict, number> = { clean: 0, 'clean-with-id': 0, unclean: 0, undecided: 0 };
    for (let n = 0; n < 20_000; n++) {
      let text = object(0);
      if (random() < 0.5) {
        const at = Math.floor(random() * text.length);
        text = text.slice(0, at) + pick(damage) + text.slice(at + (random() < 0.5 ? 1 : 0));
      }
      agrees(text);
      seen[byteVerdict(text)]++;
    }
    // Each kind of answer is well represented, and the parser is rarely needed.
    expect(seen.clean).toBeGreaterThan(2000);
    expect(seen['clean-with-id']).toBeGreaterThan(300);
    expect(seen.unclean).toBeGreaterThan(5000);
    expect(seen.undecided).toBeGreaterThan(0);
    expect(seen.undecided).toBeLessThan(1000);
  });
});

describe('EventByteChecker positions', () => {
  it('tells where the last top-level id and timestamp values are and how deeply the event nests', () => {
    const text = '{"a":{"id":1,"b":[[]]},"id":"x","timestamp":"2024-05-01T12:00:00.000Z","id":7}';
    const bytes = Buffer.from(text);
    const checker = new EventByteChecker(bytes, (start, end) => bytes.toString('utf8', start, end));
    expect(checker.check(0)).toBe(bytes.length);
    expect(text.slice(checker.idStart, checker.idEnd)).toBe('7');
    expect(text.slice(checker.timestampStart, checker.timestampEnd)).toBe('"2024-05-01T12:00:00.000Z"');
    expect(checker.deepest).toBe(4);
    const plain = Buffer.from('{"n":1}');
    const second = new EventByteChecker(plain, (start, end) => plain.toString('utf8', start, end));
    expect(second.check(0)).toBe(plain.length);
    expect([second.idStart, second.timestampStart, second.deepest]).toEqual([-1, -1, 1]);
  });
});
