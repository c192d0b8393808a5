// The nesting bound of a JSON text: brackets inside strings (escaped quotes and backslashes too) never count.
import { describe, expect, it } from 'vitest';
import { nestsAtMost } from '../../../../electron/sandbox/nesting-depth';

describe('nestsAtMost', () => {
  it('counts objects and arrays, not brackets inside strings', () => {
    expect(nestsAtMost('{"a":[{"b":1}]}', 3)).toBe(true);
    expect(nestsAtMost('{"a":[{"b":1}]}', 2)).toBe(false);
    expect(nestsAtMost('{"a":"[[[[{{{{"}', 1)).toBe(true);
    expect(nestsAtMost('[]', 0)).toBe(false);
    expect(nestsAtMost('1', 0)).toBe(true);
  });

  it('ends a string at a quote after an even run of backslashes only', () => {
    expect(nestsAtMost(String.raw`{"a":"x\"[[[["}`, 1)).toBe(true);
    expect(nestsAtMost(String.raw`{"a":"x\\"}`, 1)).toBe(true);
    expect(nestsAtMost(String.raw`[{"a":"x\\\"[[\\"},[]]`, 2)).toBe(true);
    expect(nestsAtMost(String.raw`[{"a":"x\\\"[[\\"},[[]]]`, 2)).toBe(false);
  });

  it('finds a deep event among shallow ones', () => {
    const deep = '['.repeat(1_001) + ']'.repeat(1_001);
    expect(nestsAtMost(`{"c":[{"id":"a"},{"v":${deep}}]}`, 1_000)).toBe(false);
    expect(nestsAtMost(`{"c":[{"id":"a"},{"v":"${deep}"}]}`, 1_000)).toBe(true);
  });
});
