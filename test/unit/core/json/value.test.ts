// The one "is a JSON object" test and the JSON.parse that never throws.
import { describe, expect, it } from 'vitest';
import { isJsonObject, tryParseJson } from '../../../../core/json/value';

describe('isJsonObject', () => {
  it('is true for objects only', () => {
    expect([{}, { a: 1 }, Object.create(null)].map(isJsonObject)).toEqual([true, true, true]);
    expect([null, [], 'x', 1, true, undefined].map(isJsonObject)).toEqual([false, false, false, false, false, false]);
  });
});

describe('tryParseJson', () => {
  it('gives the value or says it failed', () => {
    expect(tryParseJson('{"a": [1]}')).toEqual({ ok: true, value: { a: [1] } });
    expect(tryParseJson('null')).toEqual({ ok: true, value: null });
    expect(tryParseJson('{"a": }')).toEqual({ ok: false });
  });
});
