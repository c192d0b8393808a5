// Reconciliation of a chunk's answer into per-event outcomes (spec §9), including every malformed answer.
import { describe, expect, it } from 'vitest';
import { planChunks } from '../../../../core/send/chunk-plan';
import {
  answerMayHaveStored,
  excludedOutcomes,
  isDelivered,
  outcomeOfResult,
  reconcileChunk,
  requestErrorMessage,
  STORAGE_FAILURE_MESSAGE,
} from '../../../../core/send/reconcile';

const batch = { a: [{ id: 'a0' }, { n: 1 }, { id: 7 }], b: [{ id: '' }, { id: 'b1' }] };
const chunk = planChunks(batch).chunks[0] as NonNullable<ReturnType<typeof planChunks>['chunks'][0]>;
const ok = (body: unknown) => ({ status: 200, bodyText: typeof body === 'string' ? body : JSON.stringify(body) });
const DUP = { success: false, duplicate: true, message: 'An event with the same id has already been inserted.' };

describe('reconcileChunk: a well-formed 200', () => {
  it('gives accepted, duplicate and rejected with the message, ids kept, in chunk order', () => {
    const outcomes = reconcileChunk(
      batch,
      chunk,
      ok({
        a: [{ success: true }, DUP, { success: false, message: 'The id must be a string or a number.' }],
        b: [{ success: false, message: STORAGE_FAILURE_MESSAGE }, { success: true }],
      }),
    );
    expect(outcomes).toEqual([
      { collection: 'a', index: 0, id: 'a0', request: 1, outcome: 'accepted' },
      { collection: 'a', index: 1, request: 1, outcome: 'duplicate', message: DUP.message },
      {
        collection: 'a',
        index: 2,
        id: 7,
        request: 1,
        outcome: 'rejected',
        message: 'The id must be a string or a number.',
      },
      { collection: 'b', index: 0, request: 1, outcome: 'rejected', message: STORAGE_FAILURE_MESSAGE, retryable: true },
      { collection: 'b', index: 1, id: 'b1', request: 1, outcome: 'accepted' },
    ]);
  });

  it('counts duplicate: true as duplicate whatever success says, and ignores extra keys and long arrays', () => {
    const outcomes = reconcileChunk(
      batch,
      chunk,
      ok({
        a: [{ success: true, duplicate: true }, { duplicate: true }, { success: true, extra: [1] }, { success: true }],
        b: [{ success: true }, { success: true }],
        zzz: 'ignored',
      }),
    );
    expect(outcomes.map((o) => o.outcome)).toEqual(['duplicate', 'duplicate', 'accepted', 'accepted', 'accepted']);
    expect(outcomes[1]?.message).toBe('An event with the same id has already been inserted.');
  });

  it('treats duplicate other than true as no duplicate', () => {
    expect(outcomeOfResult({ success: true, duplicate: 'true' }).outcome).toBe('accepted');
    expect(outcomeOfResult({ success: false, duplicate: 1, message: 'x' })).toEqual({
      outcome: 'rejected',
      message: 'x',
    });
  });
});

describe('reconcileChunk: malformed 200 answers are unknown, never a crash', () => {
  const cases: [string, string][] = [
    ['not JSON', '<html>oops</html>'],
    ['empty body', ''],
    ['a JSON array', '[{"success": true}]'],
    ['a JSON string', '"ok"'],
    ['null', 'null'],
  ];
  for (const [name, body] of cases) {
    it(`body ${name}: every event unknown`, () => {
      const outcomes = reconcileChunk(batch, chunk, ok(body));
      expect(outcomes).toHaveLength(5);
      expect(new Set(outcomes.map((o) => o.outcome))).toEqual(new Set(['unknown']));
      expect(outcomes[0]?.message).toMatch(/200/);
    });
  }

  it('missing collection key, non-array value, short array, non-object and flagless results', () => {
    const outcomes = reconcileChunk(
      batch,
      chunk,
      ok({ a: [{ success: true }, 'yes', { message: 'x' }], b: { 0: { success: true } } }),
    );
    expect(outcomes.map((o) => o.outcome)).toEqual(['accepted', 'unknown', 'unknown', 'unknown', 'unknown']);
    expect(outcomes[1]?.message).toMatch(/not an object/);
    expect(outcomes[2]?.message).toMatch(/no success flag/);
    expect(outcomes[3]?.message).toMatch(/'b' is not an array/);

    const short = reconcileChunk(batch, chunk, ok({ a: [{ success: true }] }));
    expect(short.map((o) => o.outcome)).toEqual(['accepted', 'unknown', 'unknown', 'unknown', 'unknown']);
    expect(short[1]?.message).toMatch(/1 results for 3 events/);
    expect(short[3]?.message).toMatch(/no results for collection 'b'/);
  });

  it('success of the wrong type, null results and inherited keys are unknown', () => {
    expect(outcomeOfResult({ success: 'true' }).outcome).toBe('unknown');
    expect(outcomeOfResult(null).outcome).toBe('unknown');
    expect(outcomeOfResult([true]).outcome).toBe('unknown');
    const c = planChunks({ constructor: [{}] }).chunks[0] as typeof chunk;
    expect(reconcileChunk({ constructor: [{}] }, c, ok({})).map((o) => o.outcome)).toEqual(['unknown']);
  });

  it('a rejection without a message still says something, and a non-string message is ignored', () => {
    expect(outcomeOfResult({ success: false })).toEqual({ outcome: 'rejected', message: 'Rejected without a reason.' });
    expect(outcomeOfResult({ success: false, message: 42 })).toEqual({
      outcome: 'rejected',
      message: 'Rejected without a reason.',
    });
  });

  it('any 2xx is read for results; an empty 204 is unknown', () => {
    expect(reconcileChunk(batch, chunk, { status: 204, bodyText: '' }).every((o) => o.outcome === 'unknown')).toBe(
      true,
    );
  });
});

describe('reconcileChunk: no usable answer', () => {
  it('whole-request statuses are not-sent with the server errorMessage', () => {
    for (const [status, message] of [
      [400, 'The batch document is not valid JSON.'],
      [401, 'Unauthorised. Please check your Project Id and API Key.'],
      [403, 'This API key does not have permission for this operation.'],
      [413, 'A batch cannot contain more than 5,000 events.'],
      [500, 'An error occurred while processing your request'],
      [503, 'busy'],
    ] as const) {
      const outcomes = reconcileChunk(batch, chunk, { status, bodyText: JSON.stringify({ errorMessage: message }) });
      expect(outcomes.every((o) => o.outcome === 'not-sent' && o.message === `HTTP ${status}: ${message}`)).toBe(true);
      expect(outcomes[0]?.id).toBe('a0');
    }
  });

  it('a 422 lists its error descriptions; an unreadable error body keeps the status', () => {
    expect(requestErrorMessage(422, '{"errors":[{"field":"x","description":"bad x"},{"description":"bad y"}]}')).toBe(
      'HTTP 422: bad x; bad y',
    );
    expect(requestErrorMessage(502, '<html>')).toBe('HTTP 502 without an error message');
    expect(requestErrorMessage(500, '{"errorMessage": 5}')).toBe('HTTP 500 without an error message');
  });

  it('cancelled, network and timeout before anything was written are not-sent with the reason', () => {
    expect(reconcileChunk(batch, chunk, { noAnswer: 'cancelled' })[0]).toMatchObject({
      outcome: 'not-sent',
      message: expect.stringMatching(/cancelled/),
    });
    expect(reconcileChunk(batch, chunk, { noAnswer: 'network', detail: 'ECONNREFUSED' })[4]?.message).toMatch(
      /network failure.*ECONNREFUSED/,
    );
    expect(reconcileChunk(batch, chunk, { noAnswer: 'timeout', written: false })[2]?.outcome).toBe('not-sent');
  });

  it('spec §9: a request written but never answered is unknown, and says a resend is safe only with an id', () => {
    for (const reason of ['cancelled', 'network', 'timeout'] as const) {
      const outcomes = reconcileChunk(batch, chunk, { noAnswer: reason, written: true, detail: 'x' });
      expect(outcomes.map((o) => o.outcome)).toEqual(Array(5).fill('unknown'));
      expect(outcomes[0]?.message).toMatch(/may have stored it; a resend is safe only for an event with an id/);
    }
  });

  it('spec §9: a 5xx that is not the API JSON (a proxy 502/504, an HTML 500) is unknown; the API 500/503 stores nothing', () => {
    for (const [status, body] of [
      [502, '<html>Bad gateway</html>'],
      [504, '{"errorMessage":"gateway timeout"}'],
      [500, '<html>oops</html>'],
      [503, ''],
      [500, '{"errorMessage": 5}'],
    ] as const) {
      expect(reconcileChunk(batch, chunk, { status, bodyText: body }).map((o) => o.outcome)).toEqual(
        Array(5).fill('unknown'),
      );
      expect(answerMayHaveStored(status, body)).toBe(true);
    }
    expect(answerMayHaveStored(500, '{"errorMessage":"An error occurred while processing your request"}')).toBe(false);
    expect(answerMayHaveStored(429, '')).toBe(false);
  });
});

describe('excludedOutcomes and isDelivered', () => {
  it('excluded events are not-sent with their reason and id', () => {
    expect(excludedOutcomes(batch, [{ collection: 'a', index: 2, reason: 'has lint errors' }])).toEqual([
      { collection: 'a', index: 2, id: 7, outcome: 'not-sent', message: 'has lint errors' },
    ]);
  });
  it('accepted and duplicate are delivered, the rest not', () => {
    const base = { collection: 'a', index: 0 };
    expect(
      ['accepted', 'duplicate', 'rejected', 'not-sent', 'unknown'].map((outcome) =>
        isDelivered({ ...base, outcome } as never),
      ),
    ).toEqual([true, true, false, false, false]);
  });
});
