// Pushes against a real sandbox process beyond the shared corpus: check order of whole-request errors,
// duplicates and ids, single-push status codes, routing errors and hostile input.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { callSandbox, startSandboxProcess, type SandboxProcess } from '../harness/sandbox-process';

let sandbox: SandboxProcess;
const call = (method: string, path: string, options: Parameters<typeof callSandbox>[3] = {}) =>
  callSandbox(sandbox, method, path, options);
const exported = async (collection: string) =>
  (await call('GET', `/events/${encodeURIComponent(collection)}/export`, { key: 'query' })).json<{
    results: Record<string, unknown>[];
  }>().results;
const events = (n: number) => Array.from({ length: n }, (_, i) => ({ n: i }));

beforeAll(async () => {
  sandbox = await startSandboxProcess();
});
afterAll(async () => {
  await sandbox?.stop();
});
beforeEach(async () => {
  expect((await call('POST', '/sandbox/reset', { key: 'master' })).status).toBe(200);
});

describe('whole-request checks of a batch, in the spec order', () => {
  const cases: [string, string, number, string][] = [
    [
      'a bad name is reported before its value is looked at',
      '{"$bad": 1}',
      400,
      "Collection name '$bad' is not valid.",
    ],
    [
      'collections are checked in document order',
      '{"good": 1, "$bad": []}',
      400,
      "Collection 'good' must be an array of events.",
    ],
    [
      'a bad name earlier wins over a bad value later',
      '{"$bad": [], "good": 1}',
      400,
      "Collection name '$bad' is not valid.",
    ],
    [
      'collections named like numbers are still checked in document order',
      '{"b": 1, "0": 2}',
      400,
      "Collection 'b' must be an array of events.",
    ],
    [
      'a bad name before a number-like collection wins',
      '{"$x": [], "7": 1}',
      400,
      "Collection name '$x' is not valid.",
    ],
    [
      'a name of 256 characters is invalid',
      `{"${'n'.repeat(256)}": []}`,
      400,
      `Collection name '${'n'.repeat(256)}' is not valid.`,
    ],
    [
      'null is not an object of collections',
      'null',
      400,
      'The batch document must be an object of collections to arrays of events.',
    ],
    [
      'a string is not an object of collections',
      '"x"',
      400,
      'The batch document must be an object of collections to arrays of events.',
    ],
    ['an empty body is not JSON', '', 400, 'The batch document is not valid JSON.'],
    ['trailing garbage is not JSON', '{"c": []} x', 400, 'The batch document is not valid JSON.'],
  ];
  for (const [name, bodyText, status, message] of cases) {
    it(name, async () => {
      const answer = await call('POST', '/events', { bodyText });
      expect(answer.status).toBe(status);
      expect(answer.json()).toEqual({ errorMessage: message });
    });
  }

  it('5,001 events spread over collections with a bad name later: the name is reported, not the size', async () => {
    const body = { a: events(2500), b: events(2501), $later: [] };
    const answer = await call('POST', '/events', { body });
    expect(answer.status).toBe(400);
    expect(answer.json()).toEqual({ errorMessage: "Collection name '$later' is not valid." });
  });

  it('5,001 events spread over collections with a bad value later: the value is reported', async () => {
    const answer = await call('POST', '/events', { body: { a: events(2500), b: events(2501), c: 'x' } });
    expect(answer.status).toBe(400);
    expect(answer.json()).toEqual({ errorMessage: "Collection 'c' must be an array of events." });
  });

  it('5,001 events in three collections are 413 and nothing is stored', async () => {
    const answer = await call('POST', '/events', { body: { a: events(2000), b: events(2000), c: events(1001) } });
    expect(answer.status).toBe(413);
    expect(answer.json()).toEqual({ errorMessage: 'A batch cannot contain more than 5,000 events.' });
    expect(await exported('a')).toEqual([]);
  });

  it('authentication comes before the body: no key and broken JSON is 401, a query key is 403', async () => {
    expect((await call('POST', '/events', { key: 'none', bodyText: '{' })).status).toBe(401);
    expect((await call('POST', '/events', { key: 'query', bodyText: '{' })).json()).toEqual({
      errorMessage: 'This API key does not have permission for this operation.',
    });
  });

  it('the master key may push, the pushquery key too', async () => {
    expect((await call('POST', '/events', { key: 'master', body: { c: [{}] } })).json()).toEqual({
      c: [{ success: true }],
    });
    expect((await call('POST', '/events', { key: 'pushquery', body: { c: [{}] } })).json()).toEqual({
      c: [{ success: true }],
    });
  });
});

describe('what is stored', () => {
  it('a repeated collection key: the last one wins entirely', async () => {
    const answer = await call('POST', '/events', { bodyText: '{"c": [{"a": 1}, {"a": 2}], "c": [{"b": 2}]}' });
    expect(answer.json()).toEqual({ c: [{ success: true }] });
    expect((await exported('c')).map((e) => e['b'])).toEqual([2]);
  });

  it('a repeated property inside an event: the last one wins', async () => {
    await call('POST', '/events', { bodyText: '{"c": [{"id": "x", "v": 1, "v": 2}]}' });
    expect(await exported('c')).toMatchObject([{ id: 'x', v: 2 }]);
  });

  it('ids keep their JSON type: 1 and "1" are two events, 1.0 is the same as 1', async () => {
    const first = await call('POST', '/events', { bodyText: '{"c": [{"id": 1}, {"id": "1"}, {"id": 1.0}]}' });
    expect(first.json()).toEqual({
      c: [
        { success: true },
        { success: true },
        { success: false, duplicate: true, message: 'An event with the same id has already been inserted.' },
      ],
    });
    expect((await exported('c')).map((e) => e['id'])).toEqual([1, '1']);
    const again = await call('POST', '/events/c', { bodyText: '{"id": "1"}' });
    expect(again.status).toBe(409);
  });

  it('rejected events are left out, the rest are stored in order, each with id and timestamp', async () => {
    const answer = await call('POST', '/events', {
      body: { c: [{ k: 1 }, { tp_k: 2 }, { k: 3, timestamp: '2015-07-01T05:07:57.123456-0230' }] },
    });
    expect(answer.json()).toMatchObject({ c: [{ success: true }, { success: false }, { success: true }] });
    const stored = await exported('c');
    expect(stored.map((e) => e['k'])).toEqual([1, 3]);
    expect(stored[1]?.['timestamp']).toBe('2015-07-01T07:37:57.123Z');
    expect(typeof stored[0]?.['id']).toBe('string');
    expect(stored[0]?.['timestamp']).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });

  it('a storage message never hides a rule: a duplicate that also breaks a rule is rejected for the rule', async () => {
    await call('POST', '/events', { body: { c: [{ id: 'd' }] } });
    const answer = await call('POST', '/events', { body: { c: [{ id: 'd', 'a.b': 1 }] } });
    expect(answer.json()).toEqual({ c: [{ success: false, message: 'Property names cannot contain a period (.).' }] });
  });

  it('the same id in a batch and then in a single push to another collection is two events', async () => {
    await call('POST', '/events', { body: { c: [{ id: 'same' }] } });
    expect((await call('POST', '/events/d', { body: { id: 'same' } })).status).toBe(200);
  });
});

describe('single push', () => {
  const cases: [string, unknown, number, unknown][] = [
    [
      'a nested dotted name gives the unescaped path',
      { items: [{ 'first.name': 'x' }] },
      422,
      { errors: [{ field: 'items[0].first.name', description: 'Property names cannot contain a period (.).' }] },
    ],
    [
      '_id is 422',
      { _id: 1 },
      422,
      { errors: [{ field: '_id', description: "Top level properties cannot be named '_id'." }] },
    ],
    [
      'a $ name deep in arrays is 422',
      { a: [[{ $b: 1 }]] },
      422,
      { errors: [{ field: 'a[0][0].$b', description: 'Property names cannot start with $.' }] },
    ],
    [
      'a bad timestamp is 422',
      { timestamp: '2015-02-30T00:00:00Z' },
      422,
      { errors: [{ field: 'timestamp', description: 'The timestamp must be an ISO-8601 date-time.' }] },
    ],
    [
      'a bad id is 422',
      { id: false },
      422,
      { errors: [{ field: 'id', description: 'The id must be a string or a number.' }] },
    ],
    ['a string is not an event', 'x', 400, { errorMessage: 'Events must be JSON objects.' }],
    ['null is not an event', null, 400, { errorMessage: 'Events must be JSON objects.' }],
  ];
  for (const [name, body, status, expected] of cases) {
    it(name, async () => {
      const answer = await call('POST', '/events/c', { body });
      expect(answer.status).toBe(status);
      expect(answer.json()).toEqual(expected);
      expect(await exported('c')).toEqual([]);
    });
  }

  it('the collection in the path is percent-decoded', async () => {
    expect((await call('POST', '/events/my%20events', { body: { a: 1 } })).status).toBe(200);
    expect(await exported('my events')).toHaveLength(1);
  });

  it('a collection in the path that breaks the name rule is 400', async () => {
    const dollar = await call('POST', '/events/%24x', { body: { a: 1 } });
    expect(dollar.status).toBe(400);
    expect(dollar.json()).toEqual({ errorMessage: "Collection name '$x' is not valid." });
    expect((await call('POST', '/events/', { body: { a: 1 } })).json()).toEqual({
      errorMessage: "Collection name '' is not valid.",
    });
    expect((await call('POST', '/events/%E0%A4%A', { body: { a: 1 } })).status).toBe(400);
  });
});

describe('routing and hostile input never crash the sandbox', () => {
  it('an unknown path is 404 with a JSON errorMessage', async () => {
    for (const path of ['/', '/nope', '/events/c/other', '/events/c/export/x', '/sandbox/other']) {
      const answer = await call('GET', path);
      expect(answer.status, path).toBe(404);
      expect(answer.headers.get('content-type')).toContain('application/json');
      expect(typeof answer.json<{ errorMessage: unknown }>().errorMessage).toBe('string');
    }
  });

  it('a wrong method is 405 with Allow and a JSON errorMessage', async () => {
    for (const [method, path, allow] of [
      ['GET', '/events', 'POST'],
      ['PUT', '/collections/c', 'DELETE'],
      ['POST', '/events/c/export', 'GET'],
      ['DELETE', '/sandbox/health', 'GET'],
    ]) {
      const answer = await call(method as string, path as string);
      expect(answer.status, `${method} ${path}`).toBe(405);
      expect(answer.headers.get('allow')).toBe(allow);
      expect(typeof answer.json<{ errorMessage: unknown }>().errorMessage).toBe('string');
    }
  });

  it('an event nested too deeply to serialize is rejected alone in a batch, and is 400 on its own', async () => {
    // 30,000 nested arrays stay under 64 KiB, so only the nesting itself is the problem.
    const deep = `{"a": ${'['.repeat(30_000)}${']'.repeat(30_000)}}`;
    const batch = await call('POST', '/events', { bodyText: `{"c": [${deep}, {"ok": 1}]}` });
    expect(batch.status).toBe(200);
    expect(batch.json()).toEqual({
      c: [{ success: false, message: 'The event is nested too deeply.' }, { success: true }],
    });
    const single = await call('POST', '/events/c', { bodyText: deep });
    expect(single.status).toBe(400);
    expect(single.json()).toEqual({ errorMessage: 'The event is nested too deeply.' });
    expect((await exported('c')).map((e) => e['ok'])).toEqual([1]);
  });

  it('a batch document nested 200,000 levels deep is parsed and its event rejected', async () => {
    const deepArray = await call('POST', '/events', {
      bodyText: `{"c": ${'['.repeat(200_000)}${']'.repeat(200_000)}}`,
    });
    expect(deepArray.status).toBe(200);
    expect(deepArray.json()).toEqual({ c: [{ success: false, message: 'Events must be JSON objects.' }] });
    const deepObject = '{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000);
    const tooLarge = await call('POST', '/events', { bodyText: `{"c": [${deepObject}]}` });
    expect(tooLarge.json()).toEqual({ c: [{ success: false, message: 'Maximum event size of 64kb exceeded.' }] });
  });

  it('a deeply nested export filter is answered, and a URL over the header limit is 431 with JSON', async () => {
    await call('POST', '/events', { body: { c: [{ a: [] }] } });
    const nested = '['.repeat(5_000) + ']'.repeat(5_000);
    const answer = await call('GET', `/events/c/export?query={"filter":{"a":${nested}}}`, { key: 'query' });
    expect(answer.json()).toEqual({ results: [] });
    const huge = await call('GET', `/events/c/export?query=${'x'.repeat(100_000)}`, { key: 'query' });
    expect(huge.status).toBe(431);
    expect(typeof huge.json<{ errorMessage: unknown }>().errorMessage).toBe('string');
    expect((await call('GET', '/sandbox/health', { key: 'none' })).json()).toEqual({ status: 'ok' });
  });

  it('a body over 20 MB is 413 with an errorMessage', async () => {
    const answer = await call('POST', '/events', { bodyText: `{"c": ["${'x'.repeat(21 * 1024 * 1024)}"]}` });
    expect(answer.status).toBe(413);
    expect(answer.json<{ errorMessage: string }>().errorMessage).toMatch(/larger than/);
    expect((await call('GET', '/sandbox/health', { key: 'none' })).status).toBe(200);
  });
});

describe('text that is not UTF-8 (spec §9)', () => {
  // "é" in Latin-1: one byte 0xE9, which starts a UTF-8 sequence that never completes.
  const latin1 = (text: string) => Buffer.from(text, 'latin1');

  it('a batch is answered like invalid JSON and nothing is stored, not even with U+FFFD', async () => {
    const answer = await call('POST', '/events', { bodyBytes: latin1('{"c": [{"name": "caf\u00e9"}]}') });
    expect(answer.status).toBe(400);
    expect(answer.json()).toEqual({ errorMessage: 'The batch document is not valid JSON.' });
    expect(await exported('c')).toEqual([]);
  });

  it('a single push is answered like invalid JSON', async () => {
    const answer = await call('POST', '/events/c', { bodyBytes: latin1('{"name": "caf\u00e9"}') });
    expect(answer.status).toBe(400);
    expect(answer.json()).toEqual({ errorMessage: 'The event is not valid JSON.' });
    expect(await exported('c')).toEqual([]);
  });

  it('an overlong encoding and a lone surrogate are refused as well', async () => {
    for (const bad of [
      [0xc0, 0xaf],
      [0xed, 0xa0, 0x80],
    ]) {
      const bytes = Buffer.concat([Buffer.from('{"c": [{"v": "'), Buffer.from(bad), Buffer.from('"}]}')]);
      expect((await call('POST', '/events', { bodyBytes: bytes })).status).toBe(400);
    }
    expect(await exported('c')).toEqual([]);
  });

  it('valid UTF-8 (with a byte order mark) is stored exactly', async () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"c": [{"name": "café 😀"}]}', 'utf8')]);
    expect((await call('POST', '/events', { bodyBytes: bytes })).json()).toEqual({ c: [{ success: true }] });
    expect(await exported('c')).toMatchObject([{ name: 'café 😀' }]);
  });
});

describe('duplicates reported silently (--duplicates silent)', () => {
  let silent: SandboxProcess;
  beforeAll(async () => {
    silent = await startSandboxProcess(['--duplicates', 'silent']);
  });
  afterAll(async () => {
    await silent?.stop();
  });

  it('a duplicate in a batch is success and is still stored once; a single push of it is 200', async () => {
    const first = await callSandbox(silent, 'POST', '/events', {
      body: {
        c: [
          { id: 'x', v: 1 },
          { id: 'x', v: 2 },
        ],
      },
    });
    expect(first.json()).toEqual({ c: [{ success: true }, { success: true }] });
    const single = await callSandbox(silent, 'POST', '/events/c', { body: { id: 'x', v: 3 } });
    expect(single.status).toBe(200);
    expect(single.text).toBe('');
    const stored = await callSandbox(silent, 'GET', '/events/c/export', { key: 'query' });
    expect(stored.json()).toMatchObject({ results: [{ id: 'x', v: 1 }] });
    expect(stored.json<{ results: unknown[] }>().results).toHaveLength(1);
  });
});
