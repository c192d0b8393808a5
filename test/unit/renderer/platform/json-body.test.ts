// The bridge's request bodies: long strings are written a slice at a time, and the bytes are the same JSON.
import { describe, expect, it } from 'vitest';
import { jsonBody, LONG_STRING_CHARS } from '../../../../renderer/platform/json-body';

const textOf = async (body: Uint8Array | Blob): Promise<string> =>
  body instanceof Blob ? await body.text() : new TextDecoder().decode(body);

describe('jsonBody', () => {
  it('writes a small input in one piece, as JSON.stringify does', async () => {
    const input = { tabs: [{ id: 'a', text: 'short "text"\n' }], n: 1, missing: undefined };
    const body = await jsonBody(input);
    expect(body).toBeInstanceOf(Uint8Array);
    expect(await textOf(body)).toBe(JSON.stringify(input));
    expect(await textOf(await jsonBody(undefined))).toBe('{}');
  });

  it('writes long strings in slices that read back exactly: escapes, non-ASCII, pairs across a slice end', async () => {
    // A pair of surrogates at every possible offset from a slice end, quotes, backslashes, control characters.
    const unit = 'a😀"\\\n\t\u0001é';
    const long = unit.repeat(Math.ceil((3 * LONG_STRING_CHARS) / unit.length));
    const shifted = 'x' + long;
    const input = { first: long, list: [shifted, 'short', { deep: long + 'z' }], after: true };
    const body = await jsonBody(input);
    expect(body).toBeInstanceOf(Blob);
    const written = await textOf(body);
    expect(written).toBe(JSON.stringify(input));
    expect(JSON.parse(written)).toEqual(input);
  });

  it('leaves alone a short string that looks like a placeholder', async () => {
    const input = { text: 'x'.repeat(LONG_STRING_CHARS), other: '\u0000long-string-0-0', more: '"\\u0000long-string-' };
    expect(JSON.parse(await textOf(await jsonBody(input)))).toEqual(input);
  });
});
